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
import org.openjdk.jmh.infra.ThreadParams;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Keys;
import org.smrlab.bench.support.MixedOps;
import org.smrlab.bench.support.Section;
import org.smrlab.bench.support.SetDomain;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: what does the SMR profiler's instrumentation cost the workload it observes?
 *
 * The reclamation suite's workload (ReclamationBench: mixed reads and updates over the SMR hash
 * set, default knobs) run twice: instrumented=true is exactly what ReclamationBench runs (the pool
 * stamps System.nanoTime() at the put and the free of one retired node in 16, chosen at random,
 * and records those retire->free latencies into
 * HdrHistogram recorders; a daemon thread samples pending nodes every ~1 ms); instrumented=false
 * builds the pool without a probe and attaches nothing, so the profiler (between iterations only)
 * finds nothing to do and the pool reads no clock.
 *
 * KNOBS: engine, readRatio, threads, as in ReclamationBench; instrumented = true | false.
 *
 * HOW TO READ: overhead = score(instrumented=true) / score(instrumented=false) for the same
 * engine and threads; the goal is within 1.05. The lab's "overhead" profile runs both and prints
 * the ratios at the end. Secondary metrics appear only on the instrumented rows.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProfilerOverheadBench {

    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({"true", "false"})
        public boolean instrumented;

        @Param({"0.9"})
        public double readRatio;

        static final int KEYS = 4096;

        SetDomain domain;

        @Setup(Level.Trial)
        public void open() {
            domain = new SetDomain(EngineParam.spec(engine, EngineParam.DEFAULT_BATCH), KEYS, KEYS, instrumented,
                    d -> d.target(() -> false, false));
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
            ops = new MixedOps(handle, Workload.KEYS, w.readRatio, Section.parse(Section.LOOKUP), Keys.UNIFORM,
                    0xC0FFEE + 31L * t.getThreadIndex(), domain.sectionClock()); // null when not instrumented
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
