package org.smrlab.reports;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * One HdrHistogram interval log written by the bench's profiler: one trial, one metric, one fork.
 *
 * <p>Implementation notes. Which trial a log belongs to is read from its header comments
 * ({@code #[benchmark ...]}, {@code #[params k=v;...]}, {@code #[metric ...]}, {@code #[fork N]},
 * {@code #[threads T]}), which keep the parameter values exactly; the file name
 * {@code <benchmark>@<params;threads=T>@<metric>@fork<N>.hlog} is the fallback, compared in its
 * sanitized form because characters such as {@code :} and {@code ,} were replaced by {@code _}
 * (a name the lab cut and hashed for length can only be matched by its header).
 * Intervals are decoded by HdrHistogram's own {@link HistogramLogReader}; when it rejects a file,
 * the lines are decoded once more, one by one, only to say which line and field is bad.
 */
public record HlogFile(Path path, String benchmark, SortedMap<String, String> params, Integer threads, String metric,
                       int fork, String fileStem, List<AbstractHistogram> intervals) {

    public static final String EXTENSION = ".hlog";

    public static HlogFile read(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected an HdrHistogram interval log)");
        }
        String benchmark = null;
        SortedMap<String, String> params = null;
        String metric = null;
        Integer fork = null;
        Integer threads = null;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("#[") || !line.endsWith("]")) {
                continue;
            }
            String body = line.substring(2, line.length() - 1);
            int space = body.indexOf(' ');
            String key = space < 0 ? body : body.substring(0, space);
            String value = space < 0 ? "" : body.substring(space + 1).trim();
            switch (key) {
                case "benchmark" -> benchmark = value;
                case "params" -> params = parseParams(value);
                case "metric" -> metric = value;
                case "fork" -> fork = headerNumber(file, i + 1, key, value);
                case "threads" -> threads = headerNumber(file, i + 1, key, value);
                default -> { }
            }
        }
        String name = file.getFileName().toString();
        String stem = name.endsWith(EXTENSION) ? name.substring(0, name.length() - EXTENSION.length()) : name;
        String[] parts = stem.split("@");
        String trialStem = null;
        if (parts.length >= 4 && parts[parts.length - 1].matches("fork\\d+")) {
            trialStem = String.join("@", java.util.Arrays.copyOfRange(parts, 0, parts.length - 2));
            metric = metric != null ? metric : parts[parts.length - 2];
            fork = fork != null ? fork : Integer.parseInt(parts[parts.length - 1].substring(4));
        }
        if ((benchmark == null || params == null) && trialStem == null) {
            throw new InputException(file, 1, 0, "cannot tell which trial this log belongs to: the header has no"
                    + " #[benchmark ...] and #[params ...] lines, and the name is not <benchmark>@<params>@<metric>@fork<N>.hlog");
        }
        if (metric == null) {
            throw new InputException(file, 1, 0, "cannot tell which metric this log holds: no #[metric ...] header line");
        }
        return new HlogFile(file, benchmark, params, threads, metric, fork == null ? 1 : fork, trialStem,
                intervals(file, bytes, lines));
    }

    static int headerNumber(Path file, int line, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InputException(file, line, key.length() + 4, "header #[" + key + " N]: '" + value + "' is not a whole number");
        }
    }

    static SortedMap<String, String> parseParams(String text) {
        SortedMap<String, String> params = new TreeMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return params;
    }

    /** Does this log belong to that trial? */
    public boolean belongsTo(TrialKey key) {
        if (benchmark != null && params != null) {
            return benchmark.equals(key.benchmark()) && params.equals(key.params())
                    && (threads == null || threads == key.threads());
        }
        return fileStem != null && key.matchesFileStem(fileStem);
    }

    private static List<AbstractHistogram> intervals(Path file, byte[] bytes, String[] lines) {
        List<AbstractHistogram> out = new ArrayList<>();
        try (HistogramLogReader reader = new HistogramLogReader(new ByteArrayInputStream(bytes))) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram()) != null) {
                if (!(h instanceof AbstractHistogram)) {
                    throw new InputException(file, 0, 0, "holds DoubleHistogram intervals; the lab's logs hold whole nanoseconds");
                }
                out.add((AbstractHistogram) h);
            }
        } catch (InputException e) {
            throw e;
        } catch (RuntimeException e) {
            throw locate(file, lines, e);
        }
        return out;
    }

    /** Finds the first interval line HdrHistogram cannot decode, to name it. */
    private static InputException locate(Path file, String[] lines, RuntimeException cause) {
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("\"StartTimestamp\"")) {
                continue;
            }
            String[] fields = line.split(",");
            int first = fields.length > 0 && fields[0].startsWith("Tag=") ? 1 : 0;
            if (fields.length - first != 4) {
                return new InputException(file, i + 1, 0, "interval line has " + (fields.length - first)
                        + " fields; expected StartTimestamp,Interval_Length,Interval_Max,Interval_Compressed_Histogram");
            }
            for (int f = first; f < first + 3; f++) {
                try {
                    Double.parseDouble(fields[f]);
                } catch (NumberFormatException e) {
                    return new InputException(file, i + 1, column(lines[i], f), "field " + (f + 1) + ": '" + fields[f] + "' is not a number");
                }
            }
            try {
                Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(fields[first + 3])), 0);
            } catch (Exception e) {
                return new InputException(file, i + 1, column(lines[i], first + 3), "field " + (first + 4)
                        + ": not a compressed histogram (" + e.getClass().getSimpleName() + ")");
            }
        }
        return new InputException(file, 0, 0, "not readable as an HdrHistogram log: " + cause);
    }

    /** 1-based character column where field {@code index} (0-based) starts. */
    private static int column(String line, int index) {
        int at = 0;
        for (int i = 0; i < index; i++) {
            at = line.indexOf(',', at) + 1;
        }
        return at + 1;
    }
}
