package org.smrlab.run;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial of a run as the lab planned and ran it: run.json's entry, which a reader pairs with
 * the JMH results of the same benchmark, parameters and thread count.
 *
 * @param benchmark  the JMH benchmark, fully qualified; null only for a schema-1 failed trial known by label
 * @param params     every JMH parameter, pinned (the lab sets them all)
 * @param threads    threads, one count per group member for a {@code @Group} benchmark
 * @param label      a short human label ({@code ReclamationBench.mixed engine=gus batch=default ... t=2})
 * @param length     forks, iterations and their times
 * @param profiled   whether the SMR profiler was attached
 * @param engine     the engine the trial built; null for a benchmark without one (a floor)
 * @param durations  every parameter whose value is a duration ({@code stall=10ms}), in nanoseconds, as the
 *                   lab's one duration grammar reads it; parameters that are not durations are absent
 * @param status     planned, done (results written), or failed (no result)
 */
public record TrialRecord(String benchmark, SortedMap<String, String> params, List<Integer> threads, String label,
                          Length length, boolean profiled, EngineUse engine, SortedMap<String, Long> durations,
                          Status status) {

    /** The JMH parameter that names the engine (every suite but the floors has it). */
    public static final String ENGINE_PARAM = "engine";
    /** The JMH parameter that sets an engine's batch size. */
    public static final String BATCH_PARAM = "batch";
    /** The value of {@link #BATCH_PARAM} that leaves the engine's own default. */
    public static final String DEFAULT_BATCH = "default";

    public TrialRecord {
        params = params == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(params));
        threads = threads == null ? null : List.copyOf(threads);
        durations = durations == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(durations));
    }

    /** What JMH reports as the trial's threads: the sum over group members. */
    public int totalThreads() {
        return threads == null ? 0 : threads.stream().mapToInt(Integer::intValue).sum();
    }

    public TrialRecord withStatus(Status s) {
        return new TrialRecord(benchmark, params, threads, label, length, profiled, engine, durations, s);
    }

    /** How long the trial ran: JMH's forks, warmup and measurement iterations and their times ({@code 500ms}, {@code 1s}). */
    public record Length(int forks, int warmups, String warmupTime, int iterations, String iterationTime) {
    }

    /**
     * The engine as the trial built it.
     *
     * @param name      the engine name
     * @param spec      the spec the benchmark built: its {@code engine} parameter with the {@code batch}
     *                  parameter folded in ({@code gus:batch=8})
     * @param written   the knobs the {@code engine} parameter itself sets, as written ({@code checked=true})
     * @param canonical the engine's own {@code name()}: every knob spelled out, as an engine built on the
     *                  trials' JVM with their flags reports itself ({@code barrier=auto} resolved to
     *                  {@code membarrier} or {@code fence})
     * @param knobs     the canonical spec's knobs: every knob and its value in effect; empty when the
     *                  forks' JVM could not build the engine (the trial then fails and says why)
     * @param checked   whether the engine runs in checked mode (its {@code checked} knob)
     */
    public record EngineUse(String name, String spec, Map<String, String> written, String canonical,
                            Map<String, String> knobs, boolean checked) {

        public EngineUse {
            written = written == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(written));
            knobs = knobs == null ? Map.of() : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(knobs));
        }
    }

    /** Where the trial stands. */
    public enum Status {
        PLANNED, DONE, FAILED;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
