package org.smrlab.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
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
import org.smrlab.bench.support.SharedDomain;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/*
 * QUESTION: what does an engine's write side cost a thread that has nothing to do with it? A
 * bystander runs a counting loop that touches no protected data and never joins the domain, while
 * one writer of the domain is idle, retires, advances or synchronizes. Whatever the bystander
 * loses is imposed from outside: a membarrier (gus-lazy's ticker, pserialize's grace periods on a
 * JDK 22+) interrupts every running thread of the process; a helper thread (the lazy ticker) takes
 * a core; a spinning or yielding writer competes for the CPU.
 *
 * KNOBS
 *   engine   idle, retiring: every safe engine; advancing, synchronizing: the engines whose sessions
 *            are GracePeriods; any spec works (-p engine=gus-lazy:tick=100us)
 *   batch    nodes per batch for the retiring writer (default: the engine's own)
 *   threads  -tg B,1: B bystanders beside one writer (the lab runs 1,1 and max-1,1)
 *   writer   the groups: idle (the writer parks: the domain exists, nothing happens in it; gus-lazy's
 *            ticker is asleep, since it ticks only while a goal waits), retiring (retire in a loop:
 *            one advance, scan or grace period per batch; keeps gus-lazy's ticker busy), advancing
 *            (advance in a loop), synchronizing (synchronize in a loop: a grace period each time)
 *
 * HOW TO READ
 *   The bystander's rows are the point: BystanderBench.<group>:<group>Bystander, in ns per
 *   invocation of its loop: 1000 dependent multiply-adds, about 1 us, long enough that the
 *   harness's own cost disappears. (JMH wants one operation count per group, and the writer's
 *   operations are of another kind, so neither side divides by an operation count.) Compare a
 *   group's bystander row with the same engine's idle row: the difference is what the writer's
 *   activity costs a thread that shares nothing with it. Expect almost none on JDK 17
 *   (no membarrier); on a JDK 22+ with membarrier, gus-lazy's ticker costs each running thread an
 *   interrupt per tick while a goal waits (tick 1 ms: a few microseconds per millisecond), and
 *   pserialize one per grace period. The writer rows (...:<group>Writer) are ns per writer
 *   invocation (64 retires or advances, one synchronize), for reference; the idle writer's row
 *   measures a 100 us park and means nothing.
 *   On a machine with as many runnable threads as cores (2 vCPUs: one bystander, one writer), a
 *   helper thread waking up must take a core from one of them: that is part of what is measured.
 *   Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.membarriers.per.op and the other
 *   engine counters per op of all threads, so a bystander slowdown can be set against the barriers
 *   issued.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class BystanderBench {
    /** Steps of the bystander's counting loop per invocation. */
    public static final int STEPS = 1000;
    /** Retires, advances per writer invocation. */
    public static final int WRITES = 64;

    // ------------------------------------------------------------------ domains

    /** An engine over plain objects whose free does nothing. */
    abstract static class EngineDomain {
        SharedDomain<Object> shared;

        void open(String engine, String batch) {
            Reclaimer<Object> r = Engines.create(EngineParam.spec(engine, batch), node -> { });
            shared = new SharedDomain<>(r, null);
            SmrProbe.attach(SmrProbe.Target.countersOnly(r::stats));
        }
    }

    /** For idle and retiring: every safe engine. */
    @State(Scope.Benchmark)
    public static class AnyEngine extends EngineDomain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Setup(Level.Trial)
        public void open() {
            open(engine, batch);
        }
    }

    /** For advancing and synchronizing: the engines with a GracePeriods write side. */
    @State(Scope.Benchmark)
    public static class ClockEngine extends EngineDomain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Setup(Level.Trial)
        public void open() {
            open(engine, batch);
        }
    }

    // ------------------------------------------------------------------ threads

    /** A thread that never joins the domain and touches nothing shared. */
    @State(Scope.Thread)
    public static class Bystander {
        long x;

        @Setup(Level.Trial)
        public void seed(ThreadParams t) {
            x = 0x9E37_79B9L + t.getThreadIndex();
        }

        /** {@code STEPS} dependent multiply-adds (an LCG): no memory traffic, a fixed latency per step. */
        long count() {
            long v = x;
            for (int i = 0; i < STEPS; i++) {
                v = v * 6364136223846793005L + 1442695040888963407L;
            }
            x = v;
            return v;
        }
    }

    /** The writer: a session of the domain, and nodes from a ring that is never freed for real. */
    abstract static class Member {
        SharedDomain<Object> shared;
        Session<Object> session;
        final Object[] ring = new Object[4096];
        int next;

        void join(EngineDomain d) {
            shared = d.shared;
            session = shared.join();
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Object();
            }
        }

        /** {@code n} retires and a quiescent state (qsbr frees nothing without one). */
        void retire(int n) {
            for (int i = 0; i < n; i++) {
                session.retire(ring[next++ & (ring.length - 1)]);
            }
            session.quiescent();
        }

        @TearDown(Level.Trial)
        public void leave() {
            shared.leave(session);
        }
    }

    @State(Scope.Thread)
    public static class Writer extends Member {
        @Setup(Level.Trial)
        public void join(AnyEngine d) {
            super.join(d);
        }
    }

    @State(Scope.Thread)
    public static class ClockWriter extends Member {
        GracePeriods gp;

        @Setup(Level.Trial)
        public void join(ClockEngine d) {
            super.join(d);
            if (!(session instanceof GracePeriods)) {
                throw new IllegalArgumentException("engine " + d.engine + " has no GracePeriods write side "
                        + "(advance, synchronize); run these groups with gus, gus-deferred, gus-lazy, qsbr, ebr or pserialize");
            }
            gp = (GracePeriods) session;
        }

        /** {@code n} advances, then a quiescent state (the writer holds no references between operations). */
        long advance(int n) {
            long goal = 0;
            for (int i = 0; i < n; i++) {
                goal += gp.advance();
            }
            session.quiescent();
            return goal;
        }
    }

    // ------------------------------------------------------------------ idle writer

    @Benchmark
    @Group("idle")
    @GroupThreads(1)
    public long idleBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("idle")
    @GroupThreads(1)
    public void idleWriter(Writer w) {
        LockSupport.parkNanos(100_000); // the domain exists and its writer sleeps
    }

    // ------------------------------------------------------------------ retiring writer

    @Benchmark
    @Group("retiring")
    @GroupThreads(1)
    public long retiringBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("retiring")
    @GroupThreads(1)
    public void retiringWriter(Writer w) {
        w.retire(WRITES);
    }

    // ------------------------------------------------------------------ advancing writer

    @Benchmark
    @Group("advancing")
    @GroupThreads(1)
    public long advancingBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("advancing")
    @GroupThreads(1)
    public long advancingWriter(ClockWriter w) {
        return w.advance(WRITES);
    }

    // ------------------------------------------------------------------ synchronizing writer

    @Benchmark
    @Group("synchronizing")
    @GroupThreads(1)
    public long synchronizingBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("synchronizing")
    @GroupThreads(1)
    public void synchronizingWriter(ClockWriter w) {
        w.gp.synchronize();
    }
}
