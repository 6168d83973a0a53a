package org.smrlab.reports.model;

import java.nio.file.Path;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;

/**
 * One HdrHistogram interval log written by the bench's profiler: one trial, one metric, one fork,
 * as {@code HlogReader} read it. Which trial it belongs to is told by its header (run-format's
 * {@link TrialHeader}), which keeps the parameter values exactly; the file name (run-format's
 * {@link TrialFileNames}) is the fallback, compared in its sanitized form (a name the lab cut and
 * hashed for length can only be matched by its header).
 *
 * @param header   what the header says (fields it lacks are null)
 * @param fileName what the file name says; null when it does not follow the lab's naming
 */
public record HlogFile(Path path, TrialHeader header, TrialFileNames.Parsed fileName, String metric, int fork,
                       List<AbstractHistogram> intervals) {

    /** Does this log belong to that trial? By header where it names the trial, else by file name. */
    public boolean belongsTo(TrialKey key) {
        if (header.namesTrial()) {
            return header.isTrial(key.benchmark(), key.params(), key.threads());
        }
        return fileName != null && key.matchesFileStem(fileName.stem());
    }
}
