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
    public static final Metric GET_SLOW_P50 = getSlow("p50", 50);
    public static final Metric GET_SLOW_P99 = getSlow("p99", 99);
    public static final Metric GET_SLOW_P999 = getSlow("p999", 99.9);
    public static final Metric GET_SLOW_MAX = getSlow("max", 100);

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
                + "fork's JVM arguments changes it; 1 = every node); each iteration's histogram is also in hlog/"));
    }

    private static Metric getSlow(String stat, double percentile) {
        return add(new Metric("smr.get.slow." + stat, "ns", Metric.Pooling.MERGED_HISTOGRAM, GET_SLOW_LOG, percentile,
                Metric.Better.LOWER, Metric.Scope.POOL, false, "slow-path pool get latency, " + (percentile == 100 ? "the longest"
                : "percentile " + (percentile == Math.rint(percentile) ? String.valueOf((int) percentile) : String.valueOf(percentile)))
                + " (from the interval logs only)"));
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
