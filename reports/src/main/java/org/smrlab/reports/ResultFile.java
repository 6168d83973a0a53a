package org.smrlab.reports;

import java.nio.file.Path;
import java.util.List;

/**
 * The trials of one JMH result file, and what the file says about the JVM the benchmarks ran on
 * (JSON only; a CSV file carries nothing of the kind).
 */
public record ResultFile(Path path, Format format, List<Trial> trials, JvmFacts jvm) {

    public enum Format { CSV, JSON }

    /** From JMH's JSON: {@code jdkVersion}, {@code vmName}, {@code vmVersion}, {@code jvmArgs}. */
    public record JvmFacts(String jdkVersion, String vmName, String vmVersion, List<String> jvmArgs) {
    }

    public ResultFile {
        trials = List.copyOf(trials);
    }
}
