package org.smrlab.bench;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.smr.Stats;
import org.smrlab.smr.engine.Durations;
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
 * Warmup iterations add nothing. The labels, their units and how each is aggregated over
 * iterations and forks are run-format's metric catalogue ({@link Metrics}): a metric pooled as
 * {@code MAX} becomes a JMH {@code ScalarResult} aggregated by max, {@code RATIO_OF_SUMS} a
 * {@link PooledRatioResult}, {@code MERGED_HISTOGRAM} a {@link PooledHistogramResult} (a pooled
 * percentile, not an average of percentiles).
 * Pool figures (r2f, footprint, get) appear only for benchmarks with a pool; {@code smr.footprint.bytes.peak}
 * only where the target states its nodes' payload size, {@code smr.steps.per.op} only where its structure
 * counts the nodes it visits. The growth slopes ({@code smr.pending.slope}, {@code smr.footprint.slope})
 * are handed to JMH as the sums of each iteration's least-squares fit ({@link PendingSampler#pendingSxy()}
 * over {@link PendingSampler#sxx()}), pooled as a ratio of sums. When the target does
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
    /** An empty histogram for a trial without a retire-to-free log. */
    private static final class LatencyRecordersHolder {
        static final Histogram EMPTY = org.smrlab.bench.profiler.LatencyRecorders.newHistogram();
    }

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

    /** The sampling period: a duration in the lab's one grammar (smr-impls' {@link Durations}), 10us..1000ms. */
    static long parsePeriod(String text) throws ProfilerException {
        long v;
        try {
            v = Durations.parseNanos(text, 0);
        } catch (IllegalArgumentException e) {
            v = -1;
        }
        if (v < 10_000 || v > 1_000_000_000) {
            throw new ProfilerException("SmrProfiler: period '" + text + "' must be 10us..1000ms, written like 1ms or 500us");
        }
        return v;
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
        SmrProbe.discardRecorded(); // drop what warmup and setup recorded
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
        SmrProbe.Snapshot now = SmrProbe.snapshot();
        measured++;
        try {
            if (now == null) {
                return Collections.emptyList(); // this benchmark attached nothing: a floor
            }
            Map<String, Histogram> intervals = new LinkedHashMap<>();
            for (String log : now.logs()) {
                intervals.put(log, SmrProbe.recorder(log).swap());
            }
            if (!intervals.isEmpty()) {
                if (files == null) {
                    files = TrialFiles.open(dir, benchmarkParams, baseMillis, now.logs().toArray(String[]::new));
                }
                for (Map.Entry<String, Histogram> h : intervals.entrySet()) {
                    files.interval(h.getKey(), h.getValue(), iterationStartMillis, endMillis);
                }
            }
            if (now.pendingSeries() && files != null) {
                files.pendingSeries(sampler.seriesTimes(), sampler.seriesValues(),
                        sampler.seriesHasFootprint() ? sampler.seriesFootprints() : null);
            }
            Histogram r2f = intervals.getOrDefault(Metrics.R2F_LOG, LatencyRecordersHolder.EMPTY);
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
        out.add(ratio(Metrics.ADVANCES, s.advances() - (b == null ? 0 : b.advances()), ops));
        out.add(ratio(Metrics.POLLS, s.polls() - (b == null ? 0 : b.polls()), ops));
        out.add(ratio(Metrics.POLL_FAILURES, s.pollFailures() - (b == null ? 0 : b.pollFailures()), ops));
        out.add(ratio(Metrics.SCANS, s.scans() - (b == null ? 0 : b.scans()), ops));
        out.add(ratio(Metrics.WAITS, s.waits() - (b == null ? 0 : b.waits()), ops));
        out.add(ratio(Metrics.GRACE_PERIODS, s.gracePeriods() - (b == null ? 0 : b.gracePeriods()), ops));
        out.add(ratio(Metrics.MEMBARRIERS, s.membarriers() - (b == null ? 0 : b.membarriers()), ops));
        out.add(ratio(Metrics.WAIT_NS_PER_RETIRE, s.waitNanos() - (b == null ? 0 : b.waitNanos()),
                s.retired() - (b == null ? 0 : b.retired())));
        out.add(ratio(Metrics.WAIT_NS_PER_OP, s.waitNanos() - (b == null ? 0 : b.waitNanos()), ops));
        out.add(max(Metrics.ENGINE_WORDS, s.engineWords()));
        out.add(max(Metrics.UAF, now.useAfterFree()));
        if (now.sections() != null) {
            long[] sb = before == null || before.sections() == null ? new long[2] : before.sections();
            out.add(ratio(Metrics.SECTION_LONG_SHARE, now.sections()[1] - sb[1], now.sections()[0] - sb[0]));
        }
        out.add(max(Metrics.UNBOUNDED, now.unbounded() ? 1 : 0));
        if (sampler.samples() > 0) {
            out.add(max(Metrics.PENDING_PEAK, sampler.pendingPeak()));
            out.add(ratio(Metrics.PENDING_MEAN, sampler.pendingSum(), sampler.samples()));
        } else {
            out.add(max(Metrics.PENDING_PEAK, s.peakPending()));
            out.add(ratio(Metrics.PENDING_MEAN, 0, 0));
        }
        out.add(ratio(Metrics.PENDING_SLOPE, sampler.pendingSxy(), sampler.sxx())); // 0/0 = NaN when nothing was sampled
        if (now.steps() >= 0) {
            out.add(ratio(Metrics.STEPS, now.steps() - (before == null || before.steps() < 0 ? 0 : before.steps()), ops));
        }
        PoolStats p = now.pool();
        if (p != null) {
            PoolStats pb = before == null ? null : before.pool();
            long gets = p.gets() - (pb == null ? 0 : pb.gets());
            long slow = p.slowGets() - (pb == null ? 0 : pb.slowGets());
            long slowNanos = p.slowGetNanos() - (pb == null ? 0 : pb.slowGetNanos());
            long footprint = Math.max(sampler.footprintPeak(), Math.max(p.footprint(), p.peakFootprint()));
            out.add(max(Metrics.FOOTPRINT_PEAK, footprint));
            out.add(ratio(Metrics.FOOTPRINT_SLOPE, sampler.footprintSxy(), sampler.sxx()));
            if (now.payloadBytes() > 0) {
                out.add(max(Metrics.FOOTPRINT_BYTES_PEAK, (double) footprint * now.payloadBytes()));
            }
            out.add(ratio(Metrics.GET_SLOW_RATE, slow, gets));
            out.add(ratio(Metrics.GET_SLOW_MEAN, slowNanos, slow));
            PooledHistogramResult.Payload latencies = new PooledHistogramResult.Payload(r2f); // sent once for all four
            for (Metric m : Metrics.fromLog(Metrics.R2F_LOG)) {
                if (m.emitted()) {
                    out.add(histogram(m, latencies));
                }
            }
        }
        return out;
    }

    private static Result<?> max(Metric m, double value) {
        check(m, Metric.Pooling.MAX);
        return new ScalarResult(m.name(), value, m.unit(), AggregationPolicy.MAX);
    }

    private static Result<?> ratio(Metric m, double numerator, double denominator) {
        check(m, Metric.Pooling.RATIO_OF_SUMS);
        return new PooledRatioResult(m.name(), numerator, denominator, m.unit());
    }

    private static Result<?> histogram(Metric m, PooledHistogramResult.Payload values) {
        check(m, Metric.Pooling.MERGED_HISTOGRAM);
        return new PooledHistogramResult(m.name(), m.percentile(), values); // the interval logs hold nanoseconds
    }

    /** The catalogue says how a metric is pooled; measuring it otherwise would make its figure mean something else. */
    private static void check(Metric m, Metric.Pooling pooling) {
        if (m.pooling() != pooling) {
            throw new IllegalStateException(m.name() + " is pooled as " + m.pooling() + " in the metric catalogue, not " + pooling);
        }
    }
}
