package org.smrlab.reports.input;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.smrlab.reports.model.HlogFile;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;

/**
 * Reads one HdrHistogram interval log ({@code hlog/*.hlog}) into an {@link HlogFile}.
 *
 * <p>Implementation notes. The header lines and the file name are read through run-format
 * ({@link TrialHeader}, {@link TrialFileNames}). Intervals are decoded by HdrHistogram's own
 * {@link HistogramLogReader}; when it rejects a file, the lines are decoded once more, one by one,
 * only to say which line and field is bad.
 */
public final class HlogReader {

    private HlogReader() {
    }

    public static HlogFile read(Path file, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected an HdrHistogram interval log)");
        }
        String[] lines = text.split("\r?\n");
        TrialHeader header;
        try {
            header = TrialHeader.parse(TrialHeader.Kind.HLOG, Arrays.asList(lines));
        } catch (RunFormatException e) {
            throw new InputException(file, e.line(), e.column(), e.getMessage());
        }
        TrialFileNames.Parsed name = TrialFileNames.parseHlog(file.getFileName().toString()).orElse(null);
        if (!header.namesTrial() && name == null) {
            throw new InputException(file, 1, 0, "cannot tell which trial this log belongs to: the header has no"
                    + " #[benchmark ...] and #[params ...] lines, and the name is not <benchmark>@<params>@<metric>@fork<N>.hlog");
        }
        String metric = header.metric() != null ? header.metric() : name == null ? null : name.metric();
        if (metric == null) {
            throw new InputException(file, 1, 0, "cannot tell which metric this log holds: no #[metric ...] header line");
        }
        int fork = header.fork() != null ? header.fork() : name != null ? name.fork() : 1;
        return new HlogFile(file, header, name, metric, fork, intervals(file, bytes, lines));
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
