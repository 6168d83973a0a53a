package org.smrlab.bench;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.smrlab.bench.profiler.LatencyRecorders;
import org.smrlab.bench.support.SectionClock;
import org.smrlab.run.Metrics;
import org.smrlab.smr.Stats;
import org.smrlab.smr.pool.PoolProbe;
import org.smrlab.smr.pool.PoolStats;

/**
 * Where a benchmark's state meets the {@link SmrProfiler}: both run in the forked JVM, one trial
 * per fork, so a static registry is all the plumbing needed.
 *
 * <h2>Implementation notes</h2>
 * JMH calls the profiler's {@code beforeIteration} before the first iteration's {@code @Setup}
 * runs, so the profiler cannot be handed the engine; instead the state {@link #attach}es a
 * {@link Target} when it has built one, and the profiler looks it up at each iteration. The
 * state {@link #detach}es before it closes the engine: {@code close()} frees everything pending,
 * which would otherwise show up in the last iteration as a burst of frees and latencies. Detaching
 * freezes a final {@link Snapshot} that the last {@code afterIteration} reads instead.
 *
 * <p>The {@link #poolProbe()} is given to every {@code SmrPool} a suite builds; it records
 * retire→free and slow-path {@code get} latencies into per-thread HdrHistogram recorders. The
 * pool reads the clock only because a probe is attached: that (two {@code nanoTime} calls per
 * sampled node, one node in {@link #SAMPLE_PERIOD}) and the 1-ms sampler are the instrumentation
 * whose cost {@code ProfilerOverheadBench} measures.
 */
public final class SmrProbe {

    /**
     * What a benchmark exposes to the profiler.
     *
     * @param stats          the engine's counters
     * @param pool           the pool's counters, or null when the benchmark uses no pool
     * @param useAfterFree   readers' use-after-free detections plus the pool's write-after-free and double frees
     * @param unbounded      true once the stall cap on pending nodes has stopped the growth
     * @param samplePending  run the 1-ms pending sampler (off for the ns-scale read- and write-side suites,
     *                       whose threads it would disturb)
     * @param pendingSeries  also write the sampled series to {@code pending/<trial>.csv} (the stall and run-length suites)
     * @param logs           the interval logs the trial writes ({@link Metrics#R2F_LOG}, ...): each is recorded
     *                       through {@link #recorder} and written under {@code hlog/} every measurement iteration
     * @param sections       the readers' sampled section counts, {sampled, long} ({@link SectionClock}); null when
     *                       the benchmark does not time its sections
     * @param payloadBytes   bytes of payload each pool node carries (PacketBench's packet size), for
     *                       {@code smr.footprint.bytes.peak}; 0 when the nodes carry no payload of a stated size
     * @param steps          nodes the structure's traversals stood on so far (a running total), for
     *                       {@code smr.steps.per.op}; null when the structure does not count them
     */
    public record Target(Supplier<Stats> stats, Supplier<PoolStats> pool, LongSupplier useAfterFree,
                         BooleanSupplier unbounded, boolean samplePending, boolean pendingSeries, List<String> logs,
                         Supplier<long[]> sections, long payloadBytes, LongSupplier steps) {

        /**
         * A target without payload size, step count or section clocks; with a pool it writes the pool's
         * two interval logs (retire-to-free, slow-path gets).
         */
        public Target(Supplier<Stats> stats, Supplier<PoolStats> pool, LongSupplier useAfterFree, BooleanSupplier unbounded,
                      boolean samplePending, boolean pendingSeries) {
            this(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries,
                    pool == null ? List.of() : List.of(Metrics.R2F_LOG, Metrics.GET_SLOW_LOG), null, 0, null);
        }

        /** A target with its logs and section clocks, without payload size or step count. */
        public Target(Supplier<Stats> stats, Supplier<PoolStats> pool, LongSupplier useAfterFree, BooleanSupplier unbounded,
                      boolean samplePending, boolean pendingSeries, List<String> logs, Supplier<long[]> sections) {
            this(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries, logs, sections, 0, null);
        }

        public Target {
            logs = List.copyOf(logs);
        }

        /** Counters only: an engine without a pool, nothing sampled, no logs. */
        public static Target countersOnly(Supplier<Stats> stats) {
            return new Target(stats, null, () -> 0, () -> false, false, false, List.of(), null, 0, null);
        }

        /** The same target, also writing the interval logs {@code more}. */
        public Target withLogs(String... more) {
            List<String> l = new java.util.ArrayList<>(logs);
            for (String m : more) {
                if (!l.contains(m)) {
                    l.add(m);
                }
            }
            return new Target(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries, l, sections, payloadBytes, steps);
        }

        /** The same target, reading the readers' section counts from {@code counts}. */
        public Target withSections(Supplier<long[]> counts) {
            return new Target(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries, logs, counts, payloadBytes, steps);
        }

        /** The same, its pool nodes each carrying {@code bytes} of payload. */
        public Target withPayloadBytes(long bytes) {
            return new Target(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries, logs, sections, bytes, steps);
        }

        /** The same, with the structure's running count of nodes visited. */
        public Target withSteps(LongSupplier count) {
            return new Target(stats, pool, useAfterFree, unbounded, samplePending, pendingSeries, logs, sections, payloadBytes, count);
        }

        /** The same, writing (or not) the pending series. */
        public Target withPendingSeries(boolean series) {
            return new Target(stats, pool, useAfterFree, unbounded, samplePending, series, logs, sections, payloadBytes, steps);
        }
    }

    /**
     * Every figure the profiler reads at the end of an iteration ({@code sections}: {sampled, long}, or null).
     *
     * @param steps the structure's running count of nodes visited; -1 when it counts none
     */
    public record Snapshot(Stats stats, PoolStats pool, long useAfterFree, boolean unbounded, boolean pendingSeries,
                           List<String> logs, long[] sections, long payloadBytes, long steps) {
    }

    /**
     * One retired node in this many has its retire→free latency measured (chosen at random by the
     * pool, so the percentiles are unbiased); {@code -Dsmrlab.r2f.sample=1} measures every node.
     * Sampling is what keeps the instrumented workload within a few percent of the plain one.
     */
    static final int SAMPLE_PERIOD = Integer.highestOneBit(Math.max(1, Integer.getInteger("smrlab.r2f.sample", 16)));

    /** One set of recorders per interval log, made on first use; a fork runs one trial, so they live as long as it. */
    private static final java.util.concurrent.ConcurrentHashMap<String, LatencyRecorders> RECORDERS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final LatencyRecorders RETIRE_TO_FREE = recorder(Metrics.R2F_LOG);
    private static final LatencyRecorders SLOW_GET = recorder(Metrics.GET_SLOW_LOG);
    private static final PoolProbe POOL_PROBE = new RecordingProbe(SAMPLE_PERIOD);
    private static final PoolProbe EVERY_NODE_PROBE = new RecordingProbe(1);

    /** Records into the profiler's two histograms, measuring one retired node in {@code period}. */
    private record RecordingProbe(int period) implements PoolProbe {
        @Override
        public void retireToFree(long nanos) {
            RETIRE_TO_FREE.record(nanos);
        }

        @Override
        public void slowGet(long nanos) {
            SLOW_GET.record(nanos);
        }

        @Override
        public int samplePeriod() {
            return period;
        }
    }

    private static volatile Target target;
    private static volatile Snapshot frozen;

    private SmrProbe() {
    }

    /** The probe to attach to the benchmark's pool. */
    public static PoolProbe poolProbe() {
        return POOL_PROBE;
    }

    /**
     * A probe recording into the same histograms that measures every retired node: for a suite that
     * retires so few nodes (RetireRateBench at one per 10 ms) that one in {@link #SAMPLE_PERIOD} would
     * leave too few latencies; at such rates reading the clock per node costs nothing measurable.
     */
    public static PoolProbe everyNodeProbe() {
        return EVERY_NODE_PROBE;
    }

    /** Makes {@code t} the target of the profiler until {@link #detach()}. */
    public static void attach(Target t) {
        frozen = null;
        target = t;
    }

    /** Freezes the target's final figures and forgets it; call before closing the engine. Idempotent. */
    public static synchronized void detach() {
        Target t = target;
        if (t != null) {
            frozen = take(t);
            target = null;
        }
    }

    /** Forgets a frozen snapshot; the profiler calls it when a trial starts. */
    static void forgetFrozen() {
        frozen = null;
    }

    /** The live target, or null. */
    public static Target target() {
        return target;
    }

    /** The live target's figures now, or the frozen ones after detach, or null when nothing was attached. */
    public static Snapshot snapshot() {
        Target t = target;
        return t != null ? take(t) : frozen;
    }

    private static Snapshot take(Target t) {
        return new Snapshot(t.stats().get(), t.pool() == null ? null : t.pool().get(),
                t.useAfterFree().getAsLong(), t.unbounded().getAsBoolean(), t.pendingSeries(), t.logs(),
                t.sections() == null ? null : t.sections().get(), t.payloadBytes(),
                t.steps() == null ? -1 : t.steps().getAsLong());
    }

    /**
     * The recorders of interval log {@code log} (a name of run-format's {@link Metrics}, such as
     * {@link Metrics#GRACE_LOG}): a benchmark records into them, and the profiler writes what they
     * hold every measurement iteration when the target lists the log.
     */
    public static LatencyRecorders recorder(String log) {
        return RECORDERS.computeIfAbsent(log, k -> new LatencyRecorders());
    }

    /** Drops what every recorder holds (warmup, setup); called when a measurement iteration begins. */
    static void discardRecorded() {
        RECORDERS.values().forEach(LatencyRecorders::swap);
    }
}
