package org.smrlab.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.smrlab.bench.profiler.LatencyRecorders;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.Metrics;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Durations;

/*
 * QUESTION: how long is a grace period, from the advance that starts it to the first poll of its
 * goal that succeeds, and how does that compare with the tick? The proposed man page bounds
 * SMR_LAZY's reclamation latency "by 2 clock ticks" (R8). Retire-to-free latency in the reclamation
 * suite mixes two waits: filling a batch (retire after retire, at the workload's rate) and the grace
 * period that follows its advance. This benchmark measures them apart, as distributions.
 *
 * KNOBS
 *   engine   the engines whose sessions are GracePeriods; the review runs gus-lazy at tick=1ms, 2ms, 10ms
 *            (-p engine=gus-lazy:tick=2ms)
 *   batch    nodes per batch (default: the engine's own)
 *   gap      the time between two retires while a batch fills (0: back to back; 10us: 100,000 retires a
 *            second): sets the batch-fill time
 *
 * HOW TO READ
 *   One operation = one batch: fill it (batch retires, gap apart: the smr(9) pattern of UMA, whose
 *   bucket is the batch), advance, then poll the goal every POLL_NANOS until it is reached (smr(9)'s
 *   "advance now, poll later", which never blocks: the writer would be doing other work between polls).
 *   Score: ns per batch (fill + grace). The point is in the interval logs (-prof
 *   org.smrlab.bench.SmrProfiler): hlog/...@grace@forkN.hlog holds every grace period (smr.grace.p50,
 *   p99, max), ...@batch.fill@... every batch fill (smr.batch.fill.p50, ...). Divide by the tick (the
 *   trial's engine knob, in run.json) to read "ticks": lazy goals lie two ticks ahead of the clock, and
 *   the clock moves at most once per tick, so a grace period takes between one and two ticks plus the
 *   ticker's wake-up and the poll period; the share of grace periods within 2 ticks is read from the
 *   same histogram. The poll period (POLL_NANOS, parked: Linux rounds parks up to ~50-60 us) adds its
 *   own resolution: a grace period is seen to end at the first poll after it ended.
 *   With the node's free doing nothing, nothing but the engine's clock is measured.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class GraceLatencyBench {
    /** How long the writer parks between polls of a goal not yet reached. */
    static final long POLL_NANOS = 20_000;

    @State(Scope.Thread)
    public static class Writer {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"0"})
        public String gap;

        Reclaimer<Object> reclaimer;
        Session<Object> session;
        GracePeriods gp;
        long gapNanos;
        int batchSize;
        final Object[] nodes = new Object[1 << 16];
        int next;
        final LatencyRecorders grace = SmrProbe.recorder(Metrics.GRACE_LOG);
        final LatencyRecorders fill = SmrProbe.recorder(Metrics.BATCH_FILL_LOG);

        @Setup(Level.Trial)
        public void open() {
            gapNanos = gap.strip().equals("0") ? 0 : Durations.positiveNanos(gap, "gap", "0, or a duration such as 1us, 10us, 1ms");
            String spec = EngineParam.spec(engine, batch);
            reclaimer = Engines.create(spec, node -> { });
            session = reclaimer.join();
            if (!(session instanceof GracePeriods)) {
                throw new IllegalArgumentException("engine " + engine + " has no GracePeriods write side");
            }
            gp = (GracePeriods) session;
            batchSize = Integer.parseInt(org.smrlab.smr.Spec.parse(Engines.canonical(spec)).knobs().get(EngineParam.BATCH));
            for (int i = 0; i < nodes.length; i++) {
                nodes[i] = new Object();
            }
            SmrProbe.attach(SmrProbe.Target.countersOnly(reclaimer::stats).withLogs(Metrics.GRACE_LOG, Metrics.BATCH_FILL_LOG));
        }

        /** Waits {@code gapNanos} between retires, spinning: a writer busy with other work, not a parked one. */
        void pause() {
            if (gapNanos > 0) {
                long until = System.nanoTime() + gapNanos;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            SmrProbe.detach();
            session.close();
            reclaimer.close();
        }
    }

    @Benchmark
    public long lazyGrace(Writer w) {
        long start = System.nanoTime();
        for (int i = 0; i < w.batchSize; i++) {
            w.pause();
            w.session.retire(w.nodes[w.next++ & (w.nodes.length - 1)]);
        }
        long goal = w.gp.advance();
        long advanced = System.nanoTime();
        w.fill.record(advanced - start);
        while (!w.gp.poll(goal)) {
            w.session.quiescent(); // qsbr: the writer's own record must pass the goal too
            LockSupport.parkNanos(POLL_NANOS);
        }
        w.grace.record(System.nanoTime() - advanced);
        w.session.quiescent();
        return goal;
    }

    /** The logs this suite writes, for tests. */
    static List<String> logs() {
        return List.of(Metrics.GRACE_LOG, Metrics.BATCH_FILL_LOG);
    }
}
