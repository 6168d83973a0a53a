package org.smrlab.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.runner.IterationType;
import org.smrlab.bench.profiler.PendingSampler;
import org.smrlab.bench.profiler.PooledHistogramResult;
import org.smrlab.bench.profiler.PooledRatioResult;
import org.smrlab.bench.profiler.TrialFiles;
import org.smrlab.smr.Stats;
import org.smrlab.smr.pool.PoolStats;

/**
 * The SMR profiler: adds what an SMR engine buys and costs, beyond time per op, to every trial
 * whose benchmark {@linkplain SmrProbe#attach attaches} a target. Select it with
 * {@code -prof org.smrlab.bench.SmrProfiler} or {@code -prof 'org.smrlab.bench.SmrProfiler:dir=out;period=1ms'}.
 *
 * <h2>Implementation notes</h2>
 * A JMH {@link InternalProfiler}: it runs inside the forked JVM, one instance per trial, and its
 * hooks run between iterations, never on the benchmark threads. Per measurement iteration:
 * <ul>
 * <li>{@code beforeIteration}: snapshot the engine's and pool's counters; discard what the
 *     latency recorders hold (warmup, setup); start a {@link PendingSampler} (a daemon thread
 *     sampling pending nodes and footprint every {@code period}).</li>
 * <li>{@code afterIteration}: stop the sampler; snapshot again; divide counter deltas by JMH's
 *     operation count for the iteration ({@code getAllOps}: every op of every thread, warm-down
 *     ops included, as the counters include them); take the latency intervals and append them to
 *     the trial's {@code .hlog} files; return the results below.</li>
 * </ul>
 * Warmup iterations add nothing. Labels (docs/architecture.md; aggregation over iterations and forks):
 * <table>
 * <tr><th>label</th><th>aggregated as</th></tr>
 * <tr><td>{@code smr.r2f.p50 .p99 .p999 .max}</td><td>percentile of the merged histogram
 *     ({@link PooledHistogramResult}): a pooled percentile, not an average of percentiles</td></tr>
 * <tr><td>{@code smr.pending.peak}, {@code smr.footprint.peak}, {@code smr.uaf}, {@code smr.unbounded}</td><td>max</td></tr>
 * <tr><td>{@code smr.pending.mean}, {@code smr.get.slow.rate}, {@code smr.get.slow.mean}, {@code smr.*.per.op}</td>
 *     <td>ratio of summed numerators and denominators ({@link PooledRatioResult})</td></tr>
 * </table>
 * Pool figures (r2f, footprint, get) appear only for benchmarks with a pool. When the target does
 * not sample (the ns-scale suites), {@code smr.pending.peak} is the engine's
 * {@link Stats#peakPending()}: engines do not sample on their free path, so that is the largest
 * pending count seen by this profiler's own snapshots at the iteration boundaries; and
 * {@code smr.pending.mean} is NaN.
 *
 * <h2>Options</h2>
 * {@code dir=PATH}: the run folder; logs go to {@code PATH/hlog/}, pending series to
 * {@code PATH/pending/} (default: system property {@code smrlab.profiler.dir}, else {@code smr-hlog}
 * in the working directory). {@code period=DURATION}: sampling period ({@code 1ms}; {@code us}, {@code ms}).
 *
 * <h2>What it costs</h2>
 * With a target attached, the pool reads {@code System.nanoTime()} twice per retired node (put,
 * free) and this profiler records one value per free into a per-thread recorder (a thread-local
 * lookup and two uncontended atomics); the sampler wakes every period. That is roughly 50-100 ns
 * per retired node, so a workload that retires a node every 20 ops pays a few ns per op. Without
 * a target (the floors, {@code instrumented=false}) nothing runs during an iteration: not even the
 * sampler thread is started. The {@code ProfilerOverheadBench} suite (lab profile {@code overhead})
 * runs the reclamation workload with and without the instrumentation; the ratio of the two scores
 * is the overhead, which the lab prints at the end of the run.
 */
public final class SmrProfiler implements InternalProfiler {
    public static final String R2F_P50 = "smr.r2f.p50";
    public static final String R2F_P99 = "smr.r2f.p99";
    public static final String R2F_P999 = "smr.r2f.p999";
    public static final String R2F_MAX = "smr.r2f.max";
    public static final String PENDING_PEAK = "smr.pending.peak";
    public static final String PENDING_MEAN = "smr.pending.mean";
    public static final String FOOTPRINT_PEAK = "smr.footprint.peak";
    public static final String GET_SLOW_RATE = "smr.get.slow.rate";
    public static final String GET_SLOW_MEAN = "smr.get.slow.mean";
    public static final String ADVANCES = "smr.advances.per.op";
    public static final String POLLS = "smr.polls.per.op";
    public static final String POLL_FAILURES = "smr.pollFailures.per.op";
    public static final String SCANS = "smr.scans.per.op";
    public static final String WAITS = "smr.waits.per.op";
    public static final String GRACE_PERIODS = "smr.gracePeriods.per.op";
    public static final String MEMBARRIERS = "smr.membarriers.per.op";
    public static final String UAF = "smr.uaf";
    public static final String UNBOUNDED = "smr.unbounded";

    /** Every label, as docs/architecture.md lists them. */
    public static final List<String> LABELS = List.of(R2F_P50, R2F_P99, R2F_P999, R2F_MAX, PENDING_PEAK, PENDING_MEAN,
            FOOTPRINT_PEAK, GET_SLOW_RATE, GET_SLOW_MEAN, ADVANCES, POLLS, POLL_FAILURES, SCANS, WAITS,
            GRACE_PERIODS, MEMBARRIERS, UAF, UNBOUNDED);

    /** The labels a benchmark without a pool reports (the read- and write-side suites). */
    public static final List<String> ENGINE_LABELS = List.of(PENDING_PEAK, PENDING_MEAN, ADVANCES, POLLS,
            POLL_FAILURES, SCANS, WAITS, GRACE_PERIODS, MEMBARRIERS, UAF, UNBOUNDED);

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("dir", "run folder for hlog/ and pending/ (default: -Dsmrlab.profiler.dir, else ./smr-hlog)");
        OPTIONS.put("period", "pending sampling period, e.g. 1ms or 500us (default 1ms)");
    }

    private final Path dir;
    private final long periodNanos;

    private boolean started;
    private int iterationsBefore;
    private long originNanos = -1;
    private long baseMillis;
    private long iterationStartMillis;
    private SmrProbe.Snapshot before;
    private PendingSampler sampler;
    private TrialFiles files;
    private int measured;

    public SmrProfiler() throws ProfilerException {
        this("");
    }

    public SmrProfiler(String initLine) throws ProfilerException {
        Map<String, String> opts = parseOptions(initLine);
        String d = opts.getOrDefault("dir", System.getProperty("smrlab.profiler.dir", "smr-hlog"));
        this.dir = Paths.get(d).toAbsolutePath();
        this.periodNanos = parsePeriod(opts.getOrDefault("period", "1ms"));
    }

    static Map<String, String> parseOptions(String initLine) throws ProfilerException {
        Map<String, String> opts = new LinkedHashMap<>();
        if (initLine == null || initLine.isBlank()) {
            return opts;
        }
        for (String part : initLine.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part.strip() : part.substring(0, eq).strip();
            if (eq < 0 || !OPTIONS.containsKey(key)) {
                throw new ProfilerException("SmrProfiler: bad option '" + part + "'; valid options (key=value, separated by ';'): "
                        + describeOptions());
            }
            opts.put(key, part.substring(eq + 1).strip());
        }
        return opts;
    }

    static long parsePeriod(String text) throws ProfilerException {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            long v;
            if (t.endsWith("us")) {
                v = TimeUnit.MICROSECONDS.toNanos(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("ms")) {
                v = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(t.substring(0, t.length() - 2)));
            } else {
                throw new NumberFormatException();
            }
            if (v < 10_000 || v > 1_000_000_000) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ProfilerException("SmrProfiler: period '" + text + "' must be 10us..1000ms, written like 1ms or 500us");
        }
    }

    private static String describeOptions() {
        StringBuilder b = new StringBuilder();
        OPTIONS.forEach((k, v) -> b.append(b.length() == 0 ? "" : "; ").append(k).append(": ").append(v));
        return b.toString();
    }

    @Override
    public String getDescription() {
        return "SMR figures per trial: retire->free latency percentiles (+ .hlog), pending nodes, pool footprint, "
                + "get slow path, engine counters per op, use-after-free. Options: " + describeOptions();
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (!started) {
            started = true;
            SmrProbe.forgetFrozen(); // a trial run without forking must not see the previous trial's figures
        }
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            iterationsBefore++;
            return;
        }
        // After any earlier iteration the state's Level.Trial setup has run: no target now means none
        // will come (a floor, or an uninstrumented run), and no sampler thread should disturb it.
        boolean maySample = SmrProbe.target() != null || iterationsBefore == 0;
        iterationsBefore++;
        iterationStartMillis = System.currentTimeMillis();
        if (originNanos < 0) {
            originNanos = System.nanoTime();
            baseMillis = iterationStartMillis;
        }
        before = SmrProbe.snapshot();
        SmrProbe.retireToFree().swap(); // drop what warmup and setup recorded
        SmrProbe.slowGet().swap();
        sampler = new PendingSampler(periodNanos, true, originNanos);
        if (maySample) {
            sampler.start();
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // InternalProfiler's signature
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return Collections.emptyList();
        }
        sampler.stop();
        long endMillis = System.currentTimeMillis();
        Histogram r2f = SmrProbe.retireToFree().swap();
        Histogram slowGet = SmrProbe.slowGet().swap();
        SmrProbe.Snapshot now = SmrProbe.snapshot();
        measured++;
        try {
            if (now == null) {
                return Collections.emptyList(); // this benchmark attached nothing: a floor
            }
            if (now.pool() != null) {
                if (files == null) {
                    files = TrialFiles.open(dir, benchmarkParams, baseMillis, TrialFiles.R2F, TrialFiles.GET_SLOW);
                }
                files.interval(TrialFiles.R2F, r2f, iterationStartMillis, endMillis);
                files.interval(TrialFiles.GET_SLOW, slowGet, iterationStartMillis, endMillis);
                if (now.pendingSeries()) {
                    files.pendingSeries(sampler.seriesTimes(), sampler.seriesValues());
                }
            }
            return results(now, result.getMetadata().getAllOps(), r2f);
        } finally {
            if (measured >= iterationParams.getCount() && files != null) {
                files.close();
                files = null;
            }
        }
    }

    private List<Result<?>> results(SmrProbe.Snapshot now, long ops, Histogram r2f) {
        List<Result<?>> out = new ArrayList<>();
        Stats s = now.stats();
        Stats b = before == null ? null : before.stats();
        out.add(perOp(ADVANCES, s.advances() - (b == null ? 0 : b.advances()), ops));
        out.add(perOp(POLLS, s.polls() - (b == null ? 0 : b.polls()), ops));
        out.add(perOp(POLL_FAILURES, s.pollFailures() - (b == null ? 0 : b.pollFailures()), ops));
        out.add(perOp(SCANS, s.scans() - (b == null ? 0 : b.scans()), ops));
        out.add(perOp(WAITS, s.waits() - (b == null ? 0 : b.waits()), ops));
        out.add(perOp(GRACE_PERIODS, s.gracePeriods() - (b == null ? 0 : b.gracePeriods()), ops));
        out.add(perOp(MEMBARRIERS, s.membarriers() - (b == null ? 0 : b.membarriers()), ops));
        out.add(new ScalarResult(UAF, now.useAfterFree(), "count", AggregationPolicy.MAX));
        out.add(new ScalarResult(UNBOUNDED, now.unbounded() ? 1 : 0, "0/1", AggregationPolicy.MAX));
        if (sampler.samples() > 0) {
            out.add(new ScalarResult(PENDING_PEAK, sampler.pendingPeak(), "nodes", AggregationPolicy.MAX));
            out.add(new PooledRatioResult(PENDING_MEAN, sampler.pendingSum(), sampler.samples(), "nodes"));
        } else {
            out.add(new ScalarResult(PENDING_PEAK, s.peakPending(), "nodes", AggregationPolicy.MAX));
            out.add(new PooledRatioResult(PENDING_MEAN, 0, 0, "nodes"));
        }
        PoolStats p = now.pool();
        if (p != null) {
            PoolStats pb = before == null ? null : before.pool();
            long gets = p.gets() - (pb == null ? 0 : pb.gets());
            long slow = p.slowGets() - (pb == null ? 0 : pb.slowGets());
            long slowNanos = p.slowGetNanos() - (pb == null ? 0 : pb.slowGetNanos());
            long footprint = Math.max(sampler.footprintPeak(), Math.max(p.footprint(), p.peakFootprint()));
            out.add(new ScalarResult(FOOTPRINT_PEAK, footprint, "nodes", AggregationPolicy.MAX));
            out.add(new PooledRatioResult(GET_SLOW_RATE, slow, gets, "ratio"));
            out.add(new PooledRatioResult(GET_SLOW_MEAN, slowNanos, slow, "ns"));
            PooledHistogramResult.Payload latencies = new PooledHistogramResult.Payload(r2f); // sent once for all four
            out.add(new PooledHistogramResult(R2F_P50, 50, latencies));
            out.add(new PooledHistogramResult(R2F_P99, 99, latencies));
            out.add(new PooledHistogramResult(R2F_P999, 99.9, latencies));
            out.add(new PooledHistogramResult(R2F_MAX, 100, latencies));
        }
        return out;
    }

    private static Result<?> perOp(String label, long count, long ops) {
        return new PooledRatioResult(label, count, ops, "#/op");
    }
}
