package org.smrlab.reports.model;

import java.nio.file.Path;
import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * The trials of one JMH result file, and what the file says about the JVM the benchmarks ran on
 * (JSON only: {@code jdkVersion}, {@code vmName}, {@code vmVersion}, {@code jvmArgs}; a CSV file
 * carries nothing of the kind), in run.json's own record of a JVM.
 */
public record ResultFile(Path path, Format format, List<TrialResult> trials, RunInfo.Jvm jvm) {

    public enum Format { CSV, JSON }

    public ResultFile {
        trials = List.copyOf(trials);
    }
}
