package org.smrlab.bench.lab;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One JMH trial: a benchmark with every parameter pinned to one value, a thread count (or one
 * per group member), its run length and whether the SMR profiler is attached.
 */
public record PlannedTrial(String benchmark, SortedMap<String, String> params, List<Integer> threads,
                    RunLength run, boolean profiled) {

    public PlannedTrial {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
        threads = List.copyOf(threads);
    }

    /** Whether this is a {@code @Group} benchmark (threads per member). */
    public boolean isGroup() {
        return threads.size() > 1;
    }

    /** What identifies the trial; also the sort order that sharding splits. */
    public String key() {
        return benchmark + "@" + params.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";")) + "@t=" + threadsText();
    }

    public String threadsText() {
        return threads.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    /** A short human label: {@code ReclamationBench.mixed engine=gus batch=64 t=2}. */
    public String label() {
        String prefix = Entry.SUITES + ".";
        String shortName = benchmark.startsWith(prefix) ? benchmark.substring(prefix.length()) : benchmark;
        StringBuilder b = new StringBuilder(shortName);
        params.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
        return b.append(" t=").append(threadsText()).toString();
    }

    public double estimateSeconds() {
        return run.estimateSeconds(profiled);
    }
}
