package org.smrlab.run;

/**
 * A run folder, or one of its files, does not follow the format: a run.json of an unknown schema, a
 * field of the wrong type, a trial file whose header or name cannot be read. Carries the 1-based
 * line and column where they are known (0 = unknown), so a reader can name the place in the form
 * compilers use; the file itself is named by the caller, which knows it.
 */
public final class RunFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long line;
    private final long column;

    public RunFormatException(long line, long column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public RunFormatException(String message) {
        this(0, 0, message);
    }

    /** 1-based; 0 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based; 0 when unknown. */
    public long column() {
        return column;
    }
}
