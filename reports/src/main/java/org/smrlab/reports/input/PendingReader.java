package org.smrlab.reports.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.smrlab.reports.model.PendingSeries;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;
import org.smrlab.run.TrialRecord;

/**
 * Reads a pending series ({@code pending/<stem>@fork<N>.csv}, bench's profiler writes it): the
 * header lines of run-format's {@link TrialHeader}, then the columns
 * {@value TrialHeader#PENDING_COLUMNS}, one sample per line. Errors name the line and field.
 */
public final class PendingReader {

    private PendingReader() {
    }

    public static PendingSeries read(Path file, String text) {
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected the columns " + TrialHeader.PENDING_COLUMNS + ")");
        }
        String[] lines = text.split("\r?\n");
        TrialHeader header;
        try {
            header = TrialHeader.parse(TrialHeader.Kind.PENDING, Arrays.asList(lines));
        } catch (RunFormatException e) {
            throw new InputException(file, e.line(), e.column(), e.getMessage());
        }
        List<double[]> points = new ArrayList<>();
        boolean columns = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split(",");
            if (!columns) {
                if (!line.replace(" ", "").equals(TrialHeader.PENDING_COLUMNS)) {
                    throw new InputException(file, i + 1, 1, "expected the header " + TrialHeader.PENDING_COLUMNS
                            + ", found '" + line + "'");
                }
                columns = true;
                continue;
            }
            if (fields.length != 2) {
                throw new InputException(file, i + 1, 1, "expected 2 fields (" + TrialHeader.PENDING_COLUMNS + "), found "
                        + fields.length);
            }
            double[] point = new double[2];
            for (int f = 0; f < 2; f++) {
                try {
                    point[f] = Double.parseDouble(fields[f].trim());
                } catch (NumberFormatException e) {
                    throw new InputException(file, i + 1, f == 0 ? 1 : fields[0].length() + 2,
                            "field " + (f + 1) + ": '" + fields[f] + "' is not a number");
                }
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw new InputException(file, lines.length, 1, "no samples after the header " + TrialHeader.PENDING_COLUMNS);
        }
        TrialFileNames.Parsed name = TrialFileNames.parsePending(file.getFileName().toString());
        int fork = header.fork() != null ? header.fork() : name.fork();
        return new PendingSeries(file, header, name, fork,
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
    }
}
