package org.smrlab.reports.model;

import java.nio.file.Path;
import java.util.SortedMap;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;
import org.smrlab.run.TrialRecord;

/**
 * Pending nodes over time from a stall trial, {@code pending/<stem>@fork<N>.csv}, as
 * {@code PendingReader} read it: the trial its header names (run-format's {@link TrialHeader}) or,
 * failing that, its file name ({@link TrialFileNames}), and one sample per point.
 *
 * @param header   what the header says (fields it lacks are null)
 * @param fileName what the file name says
 */
public record PendingSeries(Path path, TrialHeader header, TrialFileNames.Parsed fileName, int fork, double[] timeMs,
                            double[] pending) {

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
