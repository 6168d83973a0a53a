package org.smrlab.bench;

import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.IterationType;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Keys;
import org.smrlab.bench.support.MixedOps;
import org.smrlab.bench.support.Section;
import org.smrlab.bench.support.SetDomain;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: over a long uninterrupted run with no stalled reader, does each engine's memory stay flat,
 * or does it keep rising (the engine is falling behind: it frees more slowly than the workload
 * retires)? Microbenchmarks run for a second; a leak of a few nodes per millisecond hides in that.
 *
 * THE WORKLOAD: the reclamation suite's mixed reads and updates over the SMR hash set (MixedOps,
 * ReclamationBench's defaults), run as ONE measurement iteration of `runFor` (10 s, 30 s, 60 s), so the
 * pending count and the pool's footprint are sampled (every ~1 ms) over one unbroken run. The series
 * is written to pending/<trial>.csv (t_ms,pending,footprint) for the report's over-time charts.
 *
 * KNOBS
 *   engine    every safe engine
 *   batch     nodes per batch ("default": the engine's own)
 *   runFor    the measurement iteration's length. JMH sets iteration times, not parameters: the
 *             lab's profiles set both from one value, and this suite refuses a measurement iteration
 *             of any other length (run it with -p runFor=30s -i 1 -r 30s)
 *   readRatio, keys, keyDist   as in ReclamationBench
 *   threads   -t: every thread runs the same mix
 *
 * HOW TO READ
 *   Score: ns per op, as in ReclamationBench. What matters is memory over time (-prof
 *   org.smrlab.bench.SmrProfiler): smr.pending.slope (nodes per second, the least-squares slope over
 *   the run: about 0 for an engine that keeps up), smr.footprint.slope (the pool's growth; it never
 *   shrinks), smr.pending.mean/peak and smr.footprint.peak. The report's verdict: an engine is falling
 *   behind when the rise its slope fits over the run is at least half its peak and more than the
 *   slack (the reports' Growth rule), and the run-length chart marks it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 1, time = 10)
public class LongRunBench {

    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"10s"})
        public String runFor;

        @Param({"0.9"})
        public double readRatio;

        @Param({"4096"})
        public int keys;

        @Param({Keys.UNIFORM})
        public String keyDist;

        SetDomain domain;
        long runNanos;

        @Setup(Level.Trial)
        public void open() {
            runNanos = Durations.positiveNanos(runFor, "runFor", "a duration such as 10s, 30s, 60s");
            if (keys < 1) {
                throw new IllegalArgumentException("keys must be >= 1, got " + keys);
            }
            Keys.skew(keyDist);
            domain = new SetDomain(EngineParam.spec(engine, batch), Integer.highestOneBit(keys * 2 - 1), keys, true,
                    d -> d.target(() -> false, true));
        }

        /** The run's length is the measurement iteration's: refuse any other, naming both. */
        @Setup(Level.Iteration)
        public void checkLength(IterationParams iteration) {
            long iterationNanos = iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
            if (iteration.getType() == IterationType.MEASUREMENT && iterationNanos != runNanos) {
                throw new IllegalArgumentException("LongRunBench: runFor=" + runFor + " but the measurement iteration lasts "
                        + iteration.getTime() + "; run one measurement iteration of exactly runFor (-i 1 -r " + runFor + ")");
            }
        }
    }

    @State(Scope.Thread)
    public static class Worker {
        SetDomain domain;
        SmrHashSet.Handle handle;
        MixedOps ops;

        @Setup(Level.Trial)
        public void join(Workload w, ThreadParams t) {
            domain = w.domain;
            handle = domain.join();
            ops = new MixedOps(handle, w.keys, w.readRatio, Section.parse(Section.LOOKUP), w.keyDist,
                    0xC0FFEE + 31L * t.getThreadIndex());
        }

        @TearDown(Level.Trial)
        public void leave() {
            domain.leave(handle);
        }
    }

    @Benchmark
    public boolean mixed(Worker w) {
        return w.ops.step();
    }
}
