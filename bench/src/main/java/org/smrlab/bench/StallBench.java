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
import org.smrlab.smr.engine.Durations;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Keys;
import org.smrlab.bench.support.SetDomain;
import org.smrlab.bench.support.StalledReader;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: what happens to memory (and to writers) when one reader stalls inside a read section?
 * Bounded engines stay flat; the others grow until the cap stops the trial.
 *
 * THE WORKLOAD: an SMR hash set over an SMR pool of the engine under test. One extra reader
 * thread sits inside read sections for the whole iteration (see StalledReader), protecting the
 * first node of a bucket; the JMH threads are writers, each op removing a random key and adding
 * it back (one retire, one pool get).
 *
 * KNOBS
 *   engine   every safe engine (spec knobs as in ReclamationBench)
 *   batch    nodes per batch ("default": the engine's own)
 *   stall    how long each of the reader's sections lasts: 1ms, 10ms (it re-enters at once, with a
 *            quiescent state between sections), or "iteration" (one section for the whole iteration)
 *   cap      pending nodes at which the trial is declared unbounded (default 2,000,000)
 *   threads  -t: writers (the stalled reader is extra and parked, so it takes no core)
 *
 * THE CAP: every 256 ops a writer compares the engine's pending count with cap. Past it, the
 * trial is marked unbounded (secondary metric smr.unbounded = 1) and from then on, for the rest of
 * the trial, writers only look keys up: nothing more is retired, so memory stops growing and JMH
 * completes normally instead of dying of OutOfMemoryError. The score of an unbounded trial is then
 * mostly lookups: read smr.unbounded first.
 *
 * BLOCKING ENGINES: rwlock and pserialize writers wait while the reader is inside a section; the
 * reader leaves at the iteration's end (a deadline computed from the iteration time), so the
 * writers' ops take up to a whole iteration and JMH still ends on time. psref and localcount
 * writers wait only when their batch holds the node the reader references (the first node of its
 * bucket): the writer that retires it blocks until the reader leaves, the others go on, and pending
 * stays bounded. ibr and he stay bounded as hp does: the stalled reader holds only what was alive in
 * the eras it reserved.
 *
 * HOW TO READ
 *   Score: ns per writer op. Secondary metrics (-prof org.smrlab.bench.SmrProfiler):
 *   smr.unbounded (1 = the cap was hit: unbounded under a stalled reader), smr.pending.peak/mean,
 *   smr.footprint.peak, smr.r2f.*, smr.uaf (must be 0). The profiler also writes the pending count
 *   over time, sampled every ~1 ms, to pending/<trial>.csv (t_ms,pending) for plotting.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class StallBench {
    /** The stall parameter value for one section lasting the whole iteration. */
    public static final String WHOLE_ITERATION = "iteration";
    static final int KEYS = 1024;
    static final int CHECK_EVERY = 256;

    @State(Scope.Benchmark)
    public static class Stall {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"10ms"})
        public String stall;

        @Param({"2000000"})
        public long cap;

        SetDomain domain;
        long stallNanos;
        volatile boolean unbounded;
        StalledReader reader;

        @Setup(Level.Trial)
        public void open() {
            stallNanos = WHOLE_ITERATION.equals(stall) ? -1
                    : Durations.positiveNanos(stall, "stall", "1ms, 10ms (any duration) or " + WHOLE_ITERATION);
            if (cap < 1) {
                throw new IllegalArgumentException("cap must be >= 1 pending nodes, got " + cap);
            }
            domain = new SetDomain(EngineParam.spec(engine, batch), KEYS, KEYS, true,
                    d -> d.target(() -> unbounded, true));
        }

        @Setup(Level.Iteration)
        public void stallReader(IterationParams iteration) {
            long deadline = System.nanoTime() + iteration.getTime().convertTo(TimeUnit.NANOSECONDS);
            reader = new StalledReader(domain, 0, stallNanos, deadline);
        }

        @TearDown(Level.Iteration)
        public void releaseReader() {
            reader.stopAndJoin();
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        Stall stall;
        SmrHashSet.Handle handle;
        Keys keys;
        int ops;

        @Setup(Level.Trial)
        public void join(Stall s, ThreadParams t) {
            stall = s;
            handle = s.domain.join();
            keys = new Keys(2 * KEYS, 0xBAD + 17L * t.getThreadIndex());
        }

        /** One op: churn a key (retire one node, get one); only a lookup once the cap was hit. */
        public boolean step() {
            long k = keys.next();
            boolean r;
            if (stall.unbounded) {
                r = handle.contains(k);
            } else {
                r = handle.remove(k) || handle.add(k);
                if (++ops % CHECK_EVERY == 0 && stall.domain.set().reclaimer().stats().pending() >= stall.cap) {
                    stall.unbounded = true;
                }
            }
            handle.quiescent();
            return r;
        }

        @TearDown(Level.Trial)
        public void leave() {
            stall.domain.leave(handle);
        }
    }

    @Benchmark
    public boolean writer(Writer w) {
        return w.step();
    }
}
