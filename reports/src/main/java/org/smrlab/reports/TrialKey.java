package org.smrlab.reports;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

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

    public Optional<EngineSpec> engine() {
        return Optional.ofNullable(params.get(EngineSpec.PARAM)).map(EngineSpec::parse);
    }

    /** The batch size: a {@code batch} parameter, else the spec's {@code batch=} knob. */
    public Optional<String> batch() {
        String param = params.get(EngineSpec.BATCH);
        return param != null ? Optional.of(param) : engine().flatMap(EngineSpec::batch);
    }

    /** {@code k=v;k=v}, the form the lab's .hlog headers use. */
    public String paramsText() {
        return joinParams(params, ";");
    }

    static String joinParams(Map<String, String> params, String separator) {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : separator).append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Does a sanitized file-name stem name this trial? The lab writes
     * {@code <benchmark>@<k=v;...;threads=T>}; the form without the thread count is accepted too.
     */
    public boolean matchesFileStem(String stem) {
        String p = paramsText();
        return stem.equals(sanitize(benchmark + "@" + p + (p.isEmpty() ? "" : ";") + "threads=" + threads))
                || stem.equals(sanitize(benchmark + "@" + p));
    }

    static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._=;@-]", "_");
    }

    @Override
    public String toString() {
        return shortName() + " [" + mode + ", " + threads + (threads == 1 ? " thread" : " threads")
                + (params.isEmpty() ? "" : ", " + joinParams(params, ", ")) + "]";
    }
}
