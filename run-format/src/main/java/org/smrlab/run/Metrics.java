package org.smrlab.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The metric catalogue: every secondary metric of the SMR profiler, with its unit, how it is pooled
 * across iterations and forks, which way is better and what it means. The profiler emits exactly
 * these (names, units, pooling); the reports label, explain and pool them from here. Adding a
 * metric is one entry below (and the code in the profiler that measures it).
 *
 * <p>Retire-to-free latencies are also kept whole, as HdrHistogram interval logs under
 * {@code hlog/} ({@link #R2F_LOG}, {@link #GET_SLOW_LOG}): a percentile averaged over iterations is
 * not a percentile of the trial, so readers pool the logs where a run folder has them.
 */
public final class Metrics {
    /** The JMH profiler that emits these metrics ({@code -prof} takes this name); a bench test checks it is the class's. */
    public static final String PROFILER = "org.smrlab.bench.SmrProfiler";

    /** Interval log of retire→free latencies (ns), one value per sampled freed node. */
    public static final String R2F_LOG = "r2f";
    /** Interval log of slow-path pool gets (ns): gets that had to allocate. */
    public static final String GET_SLOW_LOG = "get.slow";
    /** Interval log of the engine's blocking waits (ns), one value per wait: how long a writer was blocked each time. */
    public static final String WAIT_LOG = "wait";
    /** Interval log of grace periods (ns): from an advance to the first poll of its goal that succeeds (GraceLatencyBench). */
    public static final String GRACE_LOG = "grace";
    /** Interval log of batch fills (ns): from a batch's first retire to its advance (GraceLatencyBench). */
    public static final String BATCH_FILL_LOG = "batch.fill";

    /** The mixed workload's readers time one read section in this many ({@link #SECTION_LONG_SHARE}). */
    public static final int SECTION_SAMPLE_PERIOD = 64;
    /** A sampled read section longer than this (ns) counts as one that spanned a descheduling ({@link #SECTION_LONG_SHARE}). */
    public static final long SECTION_LONG_NANOS = 50_000;

    private static final Map<String, Metric> ALL = new LinkedHashMap<>();

    public static final Metric R2F_P50 = r2f("p50", 50, "median");
    public static final Metric R2F_P99 = r2f("p99", 99, "99th percentile");
    public static final Metric R2F_P999 = r2f("p999", 99.9, "99.9th percentile");
    public static final Metric R2F_MAX = r2f("max", 100, "the longest");
    public static final Metric PENDING_PEAK = add(new Metric("smr.pending.peak", "nodes", Metric.Pooling.MAX, null, Double.NaN,
            Metric.Better.LOWER, Metric.Scope.ENGINE, true, "nodes retired and not yet freed, the most at once: memory held back "
            + "(sampled about every millisecond; the read- and write-side suites, which do not sample, report the engine's "
            + "Stats.peakPending: the largest pending count of the profiler's snapshots at the iteration boundaries, since "
            + "engines do not sample on their free path)"));
    public static final Metric PENDING_MEAN = add(new Metric("smr.pending.mean", "nodes", Metric.Pooling.RATIO_OF_SUMS, null,
            Double.NaN, Metric.Better.LOWER, Metric.Scope.ENGINE, true,
            "nodes retired and not yet freed, the mean of the samples (NaN where nothing is sampled)"));
    public static final Metric FOOTPRINT_PEAK = add(new Metric("smr.footprint.peak", "nodes", Metric.Pooling.MAX, null, Double.NaN,
            Metric.Better.LOWER, Metric.Scope.POOL, true, "pool footprint, the most: nodes allocated and still owned (the memory-growth figure)"));
    public static final Metric GET_SLOW_RATE = add(new Metric("smr.get.slow.rate", "ratio", Metric.Pooling.RATIO_OF_SUMS, null,
            Double.NaN, Metric.Better.LOWER, Metric.Scope.POOL, true, "share of pool gets that had to allocate a fresh node"));
    public static final Metric GET_SLOW_MEAN = add(new Metric("smr.get.slow.mean", "ns", Metric.Pooling.RATIO_OF_SUMS, null,
            Double.NaN, Metric.Better.LOWER, Metric.Scope.POOL, true, "mean latency of a slow-path pool get (NaN when none)"));
    public static final Metric ADVANCES = perOp("advances", "write-clock advances");
    public static final Metric POLLS = perOp("polls", "polls of a goal");
    public static final Metric POLL_FAILURES = perOp("pollFailures", "polls that found the goal not yet reached");
    public static final Metric SCANS = perOp("scans", "scans of the per-thread records");
    public static final Metric WAITS = perOp("waits", "blocking waits for readers");
    public static final Metric GRACE_PERIODS = perOp("gracePeriods", "grace periods completed");
    public static final Metric MEMBARRIERS = perOp("membarriers", "membarrier(2) calls");
    public static final Metric ENGINE_WORDS = add(new Metric("smr.engine.words", "words", Metric.Pooling.MAX, null, Double.NaN,
            Metric.Better.LOWER, Metric.Scope.ENGINE, true, "64-bit words of bookkeeping the engine keeps besides the nodes, "
            + "the most at an iteration's end (Stats.engineWords: records, hazard and era slots, localcount's per-thread "
            + "count columns, which grow with threads x nodes)"));
    public static final Metric UAF = add(new Metric("smr.uaf", "count", Metric.Pooling.MAX, null, Double.NaN, Metric.Better.ZERO,
            Metric.Scope.ENGINE, true, "use-after-free detections (readers' detections, the pool's write-after-free and double "
            + "frees), cumulative over the trial, warmup included: 0 for every engine not unsafe by design"));
    public static final Metric UNBOUNDED = add(new Metric("smr.unbounded", "0/1", Metric.Pooling.MAX, null, Double.NaN,
            Metric.Better.ZERO, Metric.Scope.ENGINE, true, "1 when the stall cap on pending nodes ended the trial's growth"));
    public static final Metric PENDING_SLOPE = add(new Metric("smr.pending.slope", "nodes/s", Metric.Pooling.RATIO_OF_SUMS, null,
            Double.NaN, Metric.Better.LOWER, Metric.Scope.ENGINE, true, "how fast pending nodes grow: the least-squares slope of "
            + "the sampled pending count against time within each measurement iteration, pooled over iterations as Σ Sxy ÷ Σ Sxx "
            + "(each iteration's fit weighted by its spread in time); about 0 for an engine that keeps up, about the retire rate "
            + "for one that frees nothing (NaN where nothing is sampled). The reports judge growth from it: see the stall and "
            + "run-length verdicts"));
    public static final Metric FOOTPRINT_SLOPE = add(new Metric("smr.footprint.slope", "nodes/s", Metric.Pooling.RATIO_OF_SUMS,
            null, Double.NaN, Metric.Better.LOWER, Metric.Scope.POOL, true, "how fast the pool's footprint grows: the least-squares "
            + "slope of the sampled footprint against time within each measurement iteration, pooled as smr.pending.slope is; "
            + "the footprint never shrinks, so 0 once the pool has what it needs"));
    public static final Metric FOOTPRINT_BYTES_PEAK = add(new Metric("smr.footprint.bytes.peak", "bytes", Metric.Pooling.MAX, null,
            Double.NaN, Metric.Better.LOWER, Metric.Scope.BENCHMARK, true, "peak pool footprint in payload bytes: the most nodes the "
            + "pool owned at once times the payload each node carries (PacketBench: the packet size; object headers and links "
            + "excluded), umaperf's peak zone memory"));
    public static final Metric STEPS = add(new Metric("smr.steps.per.op", "nodes/op", Metric.Pooling.RATIO_OF_SUMS, null, Double.NaN,
            Metric.Better.LOWER, Metric.Scope.BENCHMARK, true, "nodes a traversal stood on per benchmark operation, counted by the "
            + "structure (ListBench's sorted list); the score divided by it is the cost per node visited"));
    public static final Metric GET_SLOW_P50 = getSlow("p50", 50);
    public static final Metric GET_SLOW_P99 = getSlow("p99", 99);
    public static final Metric GET_SLOW_P999 = getSlow("p999", 99.9);
    public static final Metric GET_SLOW_MAX = getSlow("max", 100);
    public static final Metric WAIT_NS_PER_RETIRE = add(new Metric("smr.wait.ns.per.retire", "ns", Metric.Pooling.RATIO_OF_SUMS,
            null, Double.NaN, Metric.Better.LOWER, Metric.Scope.ENGINE, true, "nanoseconds the engine spent blocked in waits for "
            + "readers (await, synchronize, barrier, a blocking retire's grace period or write lock, a forced wait), per node "
            + "retired: what retiring costs a writer in time it cannot use (0 for engines that never block the writer; NaN "
            + "where nothing is retired)"));
    public static final Metric WAIT_NS_PER_OP = add(new Metric("smr.wait.ns.per.op", "ns", Metric.Pooling.RATIO_OF_SUMS,
            null, Double.NaN, Metric.Better.LOWER, Metric.Scope.ENGINE, true, "nanoseconds spent blocked in waits for readers, "
            + "per benchmark operation (JMH's allOps: every op of every thread)"));
    public static final Metric WAIT_P50 = waitLog("p50", 50);
    public static final Metric WAIT_P99 = waitLog("p99", 99);
    public static final Metric WAIT_P999 = waitLog("p999", 99.9);
    public static final Metric WAIT_MAX = waitLog("max", 100);
    public static final Metric GRACE_P50 = grace("p50", 50);
    public static final Metric GRACE_P99 = grace("p99", 99);
    public static final Metric GRACE_P999 = grace("p999", 99.9);
    public static final Metric GRACE_MAX = grace("max", 100);
    public static final Metric BATCH_FILL_P50 = batchFill("p50", 50);
    public static final Metric BATCH_FILL_P99 = batchFill("p99", 99);
    public static final Metric BATCH_FILL_MAX = batchFill("max", 100);
    public static final Metric SECTION_LONG_SHARE = add(new Metric("smr.section.long.share", "ratio", Metric.Pooling.RATIO_OF_SUMS,
            null, Double.NaN, Metric.Better.LOWER, Metric.Scope.BENCHMARK, true, "the mixed workload's readers: share of sampled "
            + "read sections (one in " + SECTION_SAMPLE_PERIOD + ", timed) whose wall time exceeded " + SECTION_LONG_NANOS / 1000
            + " us, hundreds of times a section's cost: sections that spanned a descheduling of their thread, which hold every "
            + "grace period back meanwhile (NaN where no read section was sampled)"));

    private Metrics() {
    }

    private static Metric add(Metric m) {
        if (ALL.putIfAbsent(m.name(), m) != null) {
            throw new IllegalStateException("two metrics are named " + m.name());
        }
        return m;
    }

    private static Metric r2f(String stat, double percentile, String meaning) {
        return add(new Metric("smr.r2f." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, R2F_LOG, percentile, Metric.Better.LOWER,
                Metric.Scope.POOL, true, "retire→free latency, " + meaning + ": how long a retired node waits before it "
                + "is freed, sampled on one retired node in 16 chosen at random by the pool (-Dsmrlab.r2f.sample=N in the "
                + "fork's JVM arguments changes it; 1 = every node; RetireRateBench, which retires few, measures every node); "
                + "each iteration's histogram is also in hlog/"));
    }

    private static Metric getSlow(String stat, double percentile) {
        return add(new Metric("smr.get.slow." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, GET_SLOW_LOG, percentile,
                Metric.Better.LOWER, Metric.Scope.POOL, false, "slow-path pool get latency, " + (percentile == 100 ? "the longest"
                : "percentile " + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile)))
                + " (from the interval logs only)"));
    }

    private static Metric waitLog(String stat, double percentile) {
        return add(new Metric("smr.wait." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, WAIT_LOG, percentile,
                Metric.Better.LOWER, Metric.Scope.ENGINE, false, "a blocking wait for readers, how long it lasted: "
                + statWords(percentile) + " of the engine's waits (from the interval logs only; none where the engine never waited)"));
    }

    private static Metric grace(String stat, double percentile) {
        return add(new Metric("smr.grace." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, GRACE_LOG, percentile,
                Metric.Better.LOWER, Metric.Scope.BENCHMARK, false, "GraceLatencyBench: grace-period latency, from an advance to "
                + "the first poll of its goal that succeeds (the benchmark polls while it waits), " + statWords(percentile)
                + "; batch-fill time excluded (from the interval logs only)"));
    }

    private static Metric batchFill(String stat, double percentile) {
        return add(new Metric("smr.batch.fill." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, BATCH_FILL_LOG, percentile,
                Metric.Better.LOWER, Metric.Scope.BENCHMARK, false, "GraceLatencyBench: time to fill a batch, from its first "
                + "retire to the advance that starts its grace period, at the trial's retire rate, " + statWords(percentile)
                + ": the part of retire-to-free latency that is batching, not waiting for readers (from the interval logs only)"));
    }

    private static String statWords(double percentile) {
        return percentile == 100 ? "the longest" : "percentile "
                + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile));
    }

    private static Metric perOp(String counter, String what) {
        return add(new Metric("smr." + counter + ".per.op", "#/op", Metric.Pooling.RATIO_OF_SUMS, null, Double.NaN,
                Metric.Better.LOWER, Metric.Scope.ENGINE, true, what + " per benchmark operation (JMH's allOps: every op of "
                + "every thread, group members included)"));
    }

    /** Every metric, in catalogue order. */
    public static List<Metric> all() {
        return List.copyOf(ALL.values());
    }

    /** The metrics the profiler writes into JMH's results, in catalogue order. */
    public static List<Metric> emitted() {
        return ALL.values().stream().filter(Metric::emitted).toList();
    }

    /** The emitted metrics of one scope. */
    public static List<Metric> emitted(Metric.Scope scope) {
        return ALL.values().stream().filter(m -> m.emitted() && m.scope() == scope).toList();
    }

    /** The metrics pooled from one interval log ({@link #R2F_LOG}, ...). */
    public static List<Metric> fromLog(String log) {
        List<Metric> l = new ArrayList<>();
        for (Metric m : ALL.values()) {
            if (log.equals(m.log())) {
                l.add(m);
            }
        }
        return Collections.unmodifiableList(l);
    }

    /** The catalogue entry of {@code name}; empty for a label the catalogue does not know. */
    public static Optional<Metric> byName(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
