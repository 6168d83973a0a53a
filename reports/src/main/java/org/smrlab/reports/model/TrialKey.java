package org.smrlab.reports.model;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.smrlab.run.TrialFileNames;

/**
 * What identifies one JMH trial: benchmark method, mode, thread count and parameter values.
 * Two result rows with equal keys are the same trial (JMH's secondary rows attach to it).
 *
 * @param benchmark fully qualified {@code package.Class.method}
 * @param params    JMH parameters with a value (empty columns are absent, as for floors)
 */
public record TrialKey(String benchmark, String mode, int threads, SortedMap<String, String> params) {

    public TrialKey {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** {@code package.Class}. */
    public String benchmarkClass() {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    /** {@code Class.method}, the name people use. */
    public String shortName() {
        int dot = benchmark.lastIndexOf('.');
        int before = dot < 0 ? -1 : benchmark.lastIndexOf('.', dot - 1);
        return benchmark.substring(before + 1);
    }

    public String method() {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    /** {@code k=v;k=v}, the form the lab's trial files use. */
    public String paramsText() {
        return TrialFileNames.paramsText(params);
    }

    public static String joinParams(Map<String, String> params, String separator) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : separator).append(k).append('=').append(v));
        return sb.toString();
    }

    /** Does a trial file's stem name this trial? (run-format's naming; the lab cuts long names, which only headers match.) */
    public boolean matchesFileStem(String stem) {
        return TrialFileNames.names(stem, benchmark, params, threads);
    }

    @Override
    public String toString() {
        return shortName() + " [" + mode + ", " + threads + (threads == 1 ? " thread" : " threads")
                + (params.isEmpty() ? "" : ", " + joinParams(params, ", ")) + "]";
    }
}
