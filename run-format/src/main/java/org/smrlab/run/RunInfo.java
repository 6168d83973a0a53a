package org.smrlab.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SortedMap;

/**
 * A run folder's {@code run.json}: what was run, where, on what, and every trial with the engine it
 * built. Written once by the lab (at the start, with every trial planned, and again at the end) and
 * read by the reports, both through {@link RunJson}. Schema {@value #SCHEMA}; {@link RunJson} also
 * reads schema {@value #SCHEMA_1}, whose runs lack the catalogue, benchmarks and trials (null here),
 * so a reader shows those facts as unknown.
 *
 * @param schema      {@value #SCHEMA} (or {@value #SCHEMA_1} for an old run read back)
 * @param profile     the lab profile ({@code quick}, ...)
 * @param shard       which part of the profile this folder holds
 * @param command     the command line that made it
 * @param startedAt   ISO-8601 UTC, to the second
 * @param finishedAt  likewise; null while the run is in progress
 * @param jvm         the JVM the benchmarks forked on (not the launcher's)
 * @param machine     CPU, cores, operating system
 * @param membarrier  whether membarrier(2) works on the forks' JVM, and how it was found
 * @param git         the commit the benchmarks were built from
 * @param engines     the engine names the trials ran, in catalogue order
 * @param catalogue   every engine the lab knew, in catalogue order, with its facts; null for schema 1
 * @param benchmarks  every benchmark of the trials, by fully qualified name; null for schema 1
 * @param trials      every trial; for schema 1 only the failed ones, known by label
 * @param mergedFrom  the shards a merged run was made of; null unless merged
 */
public record RunInfo(String schema, String profile, Shard shard, String command, String startedAt, String finishedAt,
                      Jvm jvm, Machine machine, MembarrierStatus membarrier, Git git, List<String> engines,
                      List<EngineFacts> catalogue, SortedMap<String, BenchmarkFacts> benchmarks,
                      List<TrialRecord> trials, List<MergedShard> mergedFrom) {

    public static final String SCHEMA = "smrlab-run/2";
    public static final String SCHEMA_1 = "smrlab-run/1";

    public RunInfo {
        engines = engines == null ? List.of() : List.copyOf(engines);
        catalogue = catalogue == null ? null : List.copyOf(catalogue);
        benchmarks = benchmarks == null ? null : Collections.unmodifiableSortedMap(new java.util.TreeMap<>(benchmarks));
        trials = trials == null ? List.of() : List.copyOf(trials);
        mergedFrom = mergedFrom == null ? null : List.copyOf(mergedFrom);
    }

    /** Which part of a sharded profile: 1-based {@code index} of {@code count}. */
    public record Shard(int index, int count) {
    }

    /**
     * A JVM: the one the benchmarks ran on.
     *
     * @param version   {@code java.version} ({@code 25.0.3})
     * @param vendor    {@code java.vendor}
     * @param vm        {@code java.vm.name}
     * @param vmVersion {@code java.vm.version}, where known
     * @param args      the flags the lab gave the forks
     */
    public record Jvm(String version, String vendor, String vm, String vmVersion, List<String> args) {
        public Jvm {
            args = args == null ? List.of() : List.copyOf(args);
        }

        /** The feature release, from {@link JdkVersion}. */
        public OptionalInt feature() {
            return JdkVersion.feature(version);
        }
    }

    /** The machine: CPU model, cores the JVM saw, OS name and kernel version. */
    public record Machine(String cpu, Integer cores, String os, String kernel) {
    }

    /** Whether membarrier(2) works on the forks' JVM ({@code available}), and the engines' own words for why. */
    public record MembarrierStatus(Boolean available, String status) {
    }

    /** The commit, and whether tracked files differed from it (null when git could not tell). */
    public record Git(String commit, Boolean dirty) {
    }

    /** One shard of a merged run: its folder name, its index and its command line. */
    public record MergedShard(String folder, int shard, String command) {
    }

    public boolean schema1() {
        return SCHEMA_1.equals(schema);
    }

    public boolean sharded() {
        return shardCount() > 1;
    }

    /** The shard's 1-based index (1 when unsharded). */
    public int shardIndex() {
        return shard == null ? 1 : shard.index();
    }

    /** How many shards the profile was split into (1 when unsharded). */
    public int shardCount() {
        return shard == null ? 1 : shard.count();
    }

    /** The catalogue entries by name, in catalogue order; empty for schema 1. */
    public Map<String, EngineFacts> facts() {
        Map<String, EngineFacts> m = new LinkedHashMap<>();
        if (catalogue != null) {
            catalogue.forEach(e -> m.put(e.name(), e));
        }
        return m;
    }

    /** The facts of engine {@code name}; empty when this run does not record them. */
    public Optional<EngineFacts> facts(String name) {
        return Optional.ofNullable(facts().get(name));
    }

    /** The trials that produced no result, by label. */
    public List<String> failedTrials() {
        return trials.stream().filter(t -> t.status() == TrialRecord.Status.FAILED).map(TrialRecord::label).toList();
    }

    /** {@code cpu ×cores}, or what there is of it; null when nothing is known. */
    public String machineLine() {
        String cpu = machine == null ? null : machine.cpu();
        Integer cores = machine == null ? null : machine.cores();
        if (cpu == null) {
            return cores == null ? null : cores + " cores";
        }
        return cores == null ? cpu : cpu + " ×" + cores;
    }
}
