package org.smrlab.reports;

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
 * shards of one profile.
 *
 * <p>Implementation notes. Results from different machines or JDKs are never pooled: each run
 * keeps its own label (profile · CPU ×cores · JDK, from run.json; a bare file is labelled by its
 * name and, for JSON, the JDK it names) and stands in its own column. Inputs are combined only
 * when they are shards of one run: same label, same profile, same shard count, different shard
 * index. Anything ambiguous (two inputs claiming the same shard, one trial in two shards) is an
 * error rather than a guess. Labels that would still collide get the folder names appended.
 */
public final class Run {

    private final String label;
    private final List<RunInput> parts;
    private final List<TrialResult> trials;

    private Run(String label, List<RunInput> parts) {
        this.label = label;
        this.parts = List.copyOf(parts);
        this.trials = collectTrials(parts);
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

    /** The label before any disambiguation: what identifies a machine, JDK and profile. */
    static String baseLabel(RunInput input) {
        List<String> parts = new ArrayList<>();
        RunInfo info = input.info();
        RunInfo.Jvm jvm = info != null && info.jvm() != null && info.jvm().version() != null ? info.jvm() : input.results().jvm();
        String jdk = jvm == null ? null : jvm.version();
        if (info != null) {
            if (info.profile() != null) {
                parts.add(info.profile());
            }
            if (info.machineLine() != null) {
                parts.add(info.machineLine());
            }
        } else {
            parts.add(input.name());
        }
        if (jdk != null) {
            parts.add("JDK " + jdk);
        }
        return parts.isEmpty() ? input.name() : String.join(" · ", parts);
    }

    /** Groups inputs into runs, in argument order: shards of one run together, everything else apart. */
    public static List<Run> group(List<RunInput> inputs) {
        Map<String, List<RunInput>> groups = new LinkedHashMap<>();
        int solo = 0;
        for (RunInput input : inputs) {
            RunInfo info = input.info();
            String key = info != null && info.sharded()
                    ? "shards|" + baseLabel(input) + "|" + info.shardCount()
                    : "solo|" + solo++;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(input);
        }
        List<Run> runs = new ArrayList<>();
        for (List<RunInput> group : groups.values()) {
            Map<Integer, RunInput> byIndex = new HashMap<>();
            for (RunInput input : group) {
                if (input.info() == null) {
                    continue;
                }
                RunInput other = byIndex.putIfAbsent(input.info().shardIndex(), input);
                if (other != null) {
                    throw InputException.usage(other.path() + " and " + input.path() + " are both shard "
                            + input.info().shardIndex() + " of " + input.info().shardCount() + " of '" + baseLabel(input)
                            + "'; pass the shards of one run at a time");
                }
            }
            List<RunInput> sorted = new ArrayList<>(group);
            sorted.sort((a, b) -> a.info() == null || b.info() == null ? 0
                    : Integer.compare(a.info().shardIndex(), b.info().shardIndex()));
            runs.add(new Run(baseLabel(sorted.get(0)), sorted));
        }
        Map<String, Long> counts = runs.stream().collect(Collectors.groupingBy(Run::label, Collectors.counting()));
        List<Run> labelled = new ArrayList<>();
        for (Run run : runs) {
            labelled.add(counts.get(run.label) > 1 ? new Run(run.label + " · " + run.sources(), run.parts) : run);
        }
        return labelled;
    }

    private static List<TrialResult> collectTrials(List<RunInput> parts) {
        Map<TrialKey, TrialResult> seen = new LinkedHashMap<>();
        for (RunInput part : parts) {
            for (TrialResult t : part.results().trials()) {
                TrialResult other = seen.putIfAbsent(t.key(), t);
                if (other != null && !Objects.equals(other.origin(), t.origin())) {
                    throw InputException.usage("trial " + t.key() + " appears twice in one run: "
                            + other.origin() + " and " + t.origin());
                }
            }
        }
        return List.copyOf(seen.values());
    }

    @Override
    public String toString() {
        return label;
    }
}
