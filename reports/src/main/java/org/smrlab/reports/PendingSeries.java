package org.smrlab.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;
import org.smrlab.run.TrialRecord;

/**
 * Pending nodes over time from a stall trial, {@code pending/<stem>@fork<N>.csv} as the bench's
 * profiler writes it (run-format's {@link TrialFileNames}): the header lines of
 * {@link TrialHeader} naming the trial exactly, then the columns {@value TrialHeader#PENDING_COLUMNS},
 * one sample per line.
 *
 * @param header   what the header says (fields it lacks are null)
 * @param fileName what the file name says
 */
public record PendingSeries(Path path, TrialHeader header, TrialFileNames.Parsed fileName, int fork, double[] timeMs,
                            double[] pending) {

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

    /** Does this series belong to that trial? By header where it names the trial, else by file name. */
    public boolean belongsTo(TrialKey key) {
        if (header.namesTrial()) {
            return header.isTrial(key.benchmark(), key.params(), key.threads());
        }
        return key.matchesFileStem(fileName.stem());
    }

    /** The engine parameter as the header gives it; null when the header does not name the trial. */
    public String engine() {
        return header.namesTrial() ? header.params().get(TrialRecord.ENGINE_PARAM) : null;
    }

    /** What the series shares with the other engines of its chart: benchmark, other parameters, threads (or the file stem). */
    public String chartGroup() {
        if (!header.namesTrial()) {
            return fileName.stem();
        }
        SortedMap<String, String> rest = new java.util.TreeMap<>(header.params());
        rest.remove(TrialRecord.ENGINE_PARAM);
        String benchmark = header.benchmark();
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        StringBuilder sb = new StringBuilder(shortName);
        if (header.threads() != null) {
            sb.append(" · ").append(header.threads()).append(header.threads() == 1 ? " thread" : " threads");
        }
        rest.forEach((k, v) -> sb.append(" · ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The legend entry: the engine (or the file name), and the fork after the first. */
    public String legend() {
        String engine = engine();
        return (engine == null ? path.getFileName().toString() : engine) + (fork > 1 ? " (fork " + fork + ")" : "");
    }
}
