package org.smrlab.reports.input;

import java.nio.file.Path;

/**
 * Bad input: a missing path, an unknown format, an empty file, a missing column, a bad number.
 * The message names the file and, where they are known, the line and the column, in the form
 * compilers use ({@code file:line:column: what is wrong}), so editors can jump to it.
 * The command line turns it into exit code 2; nothing has been written by then.
 */
public final class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long column;
    private final String problem;

    /** {@code line} and {@code column} are 1-based; 0 means "not known" (or "the whole file"). */
    public InputException(Path file, long line, long column, String problem) {
        this(file == null ? null : file.toString(), line, column, problem);
    }

    private InputException(String file, long line, long column, String problem) {
        super(format(file, line, column, problem));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    public static InputException of(Path file, String problem) {
        return new InputException(file, 0, 0, problem);
    }

    /** Bad input that is no single file's fault, such as conflicting runs or an unknown option value. */
    public static InputException usage(String problem) {
        return new InputException((String) null, 0, 0, problem);
    }

    public String file() { return file; }
    public long line() { return line; }
    public long column() { return column; }
    public String problem() { return problem; }

    private static String format(String file, long line, long column, String problem) {
        if (file == null) {
            return problem;
        }
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }
}
