package org.smrlab.reports.input;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;

/**
 * Reads JMH's {@code -rf csv} output.
 *
 * <p>Implementation notes. JMH 1.37 writes a header
 * {@code "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: x",...}
 * and one row per primary result, followed by one row per secondary result whose Benchmark is
 * {@code package.Class.method:label}. Param cells are empty for benchmarks without that
 * parameter (the read-side floors). Two JMH habits matter here:
 * <ul>
 *   <li>numbers are printed with {@code String.format("%f")} in the default locale, so a JVM
 *       running in, say, a German locale writes {@code "10,891521"} (quoted, because it holds the
 *       delimiter) and a header {@code "Score Error (99,9%)"}; both are accepted;</li>
 *   <li>a single sample, or a MAX-aggregated counter, has the error {@code NaN}.</li>
 * </ul>
 * The whole file is read into memory (result files are small) so that every error can name its
 * line and column: the column is the 1-based field number, with the header's name beside it.
 * Anything unexpected is an {@link InputException}; nothing is guessed.
 */
public final class JmhCsvReader {

    static final String BENCHMARK = "Benchmark";
    static final String MODE = "Mode";
    static final String THREADS = "Threads";
    static final String SAMPLES = "Samples";
    static final String SCORE = "Score";
    static final String ERROR_PREFIX = "Score Error";
    static final String UNIT = "Unit";
    static final String PARAM_PREFIX = "Param: ";

    private JmhCsvReader() {
    }

    /** The cells of a JMH CSV file, checked for shape, kept as text (what merge rewrites). */
    public record Table(List<String> header, List<Row> rows) {
    }

    /** One data row: its line in the file and its cells, in header order. */
    public record Row(long line, List<String> cells) {
    }

    public static ResultFile read(Path file, String text) {
        Table table = readTable(file, text);
        Columns c = Columns.of(file, table.header());
        Map<TrialKey, Measurement> primaries = new LinkedHashMap<>();
        Map<TrialKey, Map<String, Measurement>> secondaries = new LinkedHashMap<>();
        Map<TrialKey, Long> firstLine = new LinkedHashMap<>();
        Map<String, Long> seen = new TreeMap<>();
        for (Row row : table.rows()) {
            String name = cell(file, row, c.benchmark, table.header());
            int colon = name.indexOf(':');
            String benchmark = colon < 0 ? name : name.substring(0, colon);
            String label = colon < 0 ? null : name.substring(colon + 1);
            if (benchmark.isEmpty() || (label != null && label.isEmpty())) {
                throw error(file, row, c.benchmark, table.header(),
                        "Benchmark '" + name + "' is not 'package.Class.method' or 'package.Class.method:label'");
            }
            TreeMap<String, String> params = new TreeMap<>();
            c.params.forEach((param, index) -> {
                String value = row.cells().get(index);
                if (!value.isEmpty()) {
                    params.put(param, value);
                }
            });
            TrialKey key = new TrialKey(benchmark, cell(file, row, c.mode, table.header()),
                    (int) integer(file, row, c.threads, table.header()), params);
            Measurement m = new Measurement(
                    number(file, row, c.score, table.header(), false),
                    number(file, row, c.error, table.header(), true),
                    row.cells().get(c.unit),
                    integer(file, row, c.samples, table.header()),
                    Measurement.Source.CSV);
            Long earlier = seen.putIfAbsent(name + "\u0000" + key, row.line());
            if (earlier != null) {
                throw new InputException(file, row.line(), 0,
                        "second row for " + (label == null ? "" : label + " of ") + key + " (the first is on line " + earlier + ")");
            }
            firstLine.putIfAbsent(key, row.line());
            if (label == null) {
                primaries.put(key, m);
            } else {
                secondaries.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(label, m);
            }
        }
        List<TrialResult> trials = new ArrayList<>();
        for (Map.Entry<TrialKey, Long> e : firstLine.entrySet()) {
            Measurement primary = primaries.get(e.getKey());
            if (primary == null) {
                throw new InputException(file, e.getValue(), c.benchmark + 1,
                        "secondary rows for " + e.getKey() + " without the primary row before them");
            }
            trials.add(new TrialResult(e.getKey(), primary, secondaries.getOrDefault(e.getKey(), Map.of()),
                    file + ":" + e.getValue()));
        }
        return new ResultFile(file, ResultFile.Format.CSV, trials, null);
    }

    /** Parses the file into header and rows, checking that every row has the header's width. */
    public static Table readTable(Path file, String text) {
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected JMH -rf csv output)");
        }
        LineIndex lines = new LineIndex(text);
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get()
                .parse(new StringReader(text))) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new InputException(file, parser.getCurrentLineNumber() + 1, 0,
                            "not readable as CSV: " + rootMessage(e));
                }
                long line = lines.lineOf(record.getCharacterPosition());
                List<String> cells = Arrays.asList(record.values());
                if (header == null) {
                    header = List.copyOf(stripBom(cells));
                    continue;
                }
                if (cells.size() != header.size()) {
                    throw new InputException(file, line, Math.min(cells.size(), header.size()) + 1,
                            "row has " + cells.size() + " fields, the header has " + header.size());
                }
                rows.add(new Row(line, List.copyOf(cells)));
            }
        } catch (IOException e) {
            throw new InputException(file, 0, 0, "not readable as CSV: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            throw new InputException(file, 2, 1, "no result rows after the header");
        }
        return new Table(header, rows);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    private static List<String> stripBom(List<String> cells) {
        if (!cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
            List<String> copy = new ArrayList<>(cells);
            copy.set(0, copy.get(0).substring(1));
            return copy;
        }
        return cells;
    }

    /** Indexes of the columns this reader needs; a missing one is an error naming what was found. */
    private record Columns(int benchmark, int mode, int threads, int samples, int score, int error, int unit,
                           Map<String, Integer> params) {
        static Columns of(Path file, List<String> header) {
            Map<String, Integer> params = new LinkedHashMap<>();
            int error = -1;
            for (int i = 0; i < header.size(); i++) {
                String h = header.get(i);
                if (h.startsWith(PARAM_PREFIX)) {
                    params.put(h.substring(PARAM_PREFIX.length()), i);
                } else if (h.startsWith(ERROR_PREFIX) && error < 0) {
                    error = i;
                }
            }
            if (error < 0) {
                throw missing(file, header, ERROR_PREFIX + " (99.9%)");
            }
            return new Columns(find(file, header, BENCHMARK), find(file, header, MODE), find(file, header, THREADS),
                    find(file, header, SAMPLES), find(file, header, SCORE), error, find(file, header, UNIT), params);
        }

        private static int find(Path file, List<String> header, String name) {
            int i = header.indexOf(name);
            if (i < 0) {
                throw missing(file, header, name);
            }
            return i;
        }

        private static InputException missing(Path file, List<String> header, String name) {
            return new InputException(file, 1, 1, "missing column \"" + name + "\" in the header (found: "
                    + String.join(", ", header) + "); is this JMH -rf csv output?");
        }
    }

    private static String cell(Path file, Row row, int column, List<String> header) {
        String value = row.cells().get(column);
        if (value.isBlank()) {
            throw error(file, row, column, header, "empty cell");
        }
        return value;
    }

    private static long integer(Path file, Row row, int column, List<String> header) {
        String value = row.cells().get(column).trim();
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw error(file, row, column, header, "'" + value + "' is not a whole number");
        }
    }

    /** JMH's %f in any locale: {@code 12.5}, {@code 12,5}, {@code NaN}; an empty error cell is NaN too. */
    static double parseNumber(String text) {
        String value = text.trim();
        if (value.indexOf(',') >= 0 && value.indexOf('.') < 0) {
            value = value.replace(',', '.');
        }
        switch (value) {
            case "NaN": return Double.NaN;
            case "Infinity": case "∞": return Double.POSITIVE_INFINITY;
            case "-Infinity": case "-∞": return Double.NEGATIVE_INFINITY;
            default: break;
        }
        if (!value.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw new NumberFormatException(text);
        }
        return Double.parseDouble(value);
    }

    private static double number(Path file, Row row, int column, List<String> header, boolean emptyIsNaN) {
        String value = row.cells().get(column);
        if (value.isBlank()) {
            if (emptyIsNaN) {
                return Double.NaN;
            }
            throw error(file, row, column, header, "empty cell, expected a number");
        }
        try {
            return parseNumber(value);
        } catch (NumberFormatException e) {
            throw error(file, row, column, header, "'" + value + "' is not a number");
        }
    }

    private static InputException error(Path file, Row row, int column, List<String> header, String problem) {
        return new InputException(file, row.line(), column + 1, "column " + (column + 1)
                + " (" + header.get(column) + "): " + problem);
    }

    /** Maps a character offset to a 1-based line number. */
    static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            List<Integer> list = new ArrayList<>();
            list.add(0);
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    list.add(i + 1);
                }
            }
            starts = list.stream().mapToInt(Integer::intValue).toArray();
        }

        long lineOf(long offset) {
            int i = Arrays.binarySearch(starts, (int) offset);
            return (i >= 0 ? i : -i - 2) + 1;
        }
    }
}
