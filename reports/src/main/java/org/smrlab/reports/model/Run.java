package org.smrlab.reports.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.RunInfo;

/**
 * One run as the reports show it: a labelled set of trials, read from one input or from the
 * shards of one profile ({@code RunLoader} groups them). Results from different machines or JDKs
 * are never pooled: each run keeps its own label and stands in its own column.
 */
public final class Run {

    private final String label;
    private final List<RunInput> parts;
    private final List<TrialResult> trials;

    /** A run of {@code parts} (one input, or the shards of one profile) holding {@code trials}; built by {@code RunLoader}. */
    public Run(String label, List<RunInput> parts, List<TrialResult> trials) {
        this.label = label;
        this.parts = List.copyOf(parts);
        this.trials = List.copyOf(trials);
    }

    public String label() { return label; }
    public List<RunInput> parts() { return parts; }
    public List<TrialResult> trials() { return trials; }

    /** run.json of the first shard; null for a bare file. */
    public RunInfo info() {
        return parts.get(0).info();
    }

    /** The JVM the benchmarks ran on: run.json's, else what a JSON result file names, else null (a bare CSV). */
    public RunInfo.Jvm jvm() {
        RunInfo info = info();
        return info != null && info.jvm() != null && info.jvm().version() != null ? info.jvm() : parts.get(0).results().jvm();
    }

    public List<HlogFile> hlogs() {
        return parts.stream().flatMap(p -> p.hlogs().stream()).toList();
    }

    public List<PendingSeries> pending() {
        return parts.stream().flatMap(p -> p.pending().stream()).toList();
    }

    /** The engine catalogue's facts run.json records, by name, in catalogue order; empty when unknown (no schema-2 run.json). */
    public Map<String, EngineFacts> catalogue() {
        RunInfo info = info();
        return info == null ? Map.of() : info.facts();
    }

    /** The benchmark's facts from run.json; null when unknown. */
    public org.smrlab.run.BenchmarkFacts benchmark(String name) {
        for (RunInput p : parts) {
            if (p.info() != null && p.info().benchmarks() != null && p.info().benchmarks().containsKey(name)) {
                return p.info().benchmarks().get(name);
            }
        }
        return null;
    }

    /** What was read but ignored, and why. */
    public List<String> notes() {
        return parts.stream().flatMap(p -> p.notes().stream()).toList();
    }

    /** Folder or file names this run was read from. */
    public String sources() {
        return parts.stream().map(RunInput::name).collect(Collectors.joining(" + "));
    }

    /** "1 of 1", "1, 2 of 2", or "—" for a bare file. */
    public String shards() {
        RunInfo info = info();
        if (info == null) {
            return "—";
        }
        return parts.stream().map(p -> String.valueOf(p.info().shardIndex())).collect(Collectors.joining(", "))
                + " of " + info.shardCount();
    }

    /** The JDK version: run.json's, else the JSON results', else null. */
    public String jdkVersion() {
        RunInfo.Jvm jvm = jvm();
        return jvm == null ? null : jvm.version();
    }

    @Override
    public String toString() {
        return label;
    }
}
