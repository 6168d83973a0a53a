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
import org.smrlab.smr.engine.Membarrier;

/*
 * QUESTION: what does an engine's write side cost a thread that has nothing to do with it? A
 * bystander runs a counting loop that touches no protected data and never joins the domain, while
 * one writer of the domain is idle, retires, advances, synchronizes, keeps the clock ticking, or
 * issues membarriers. Whatever the bystander loses is imposed from outside: a membarrier (gus-lazy's
 * ticker, pserialize's grace periods on a JDK 22+) interrupts every running thread of the process; a
 * helper thread (the lazy ticker) takes a core; a spinning or yielding writer competes for the CPU.
 *
 * KNOBS
 *   engine   every safe engine, in every group; any spec works (-p engine=gus-lazy:tick=100us)
 *   batch    nodes per batch for the retiring writer (default: the engine's own)
 *   threads  -tg B,1: B bystanders beside one writer (the lab runs 1,1 and max-1,1)
 *   writer   the groups, each a kind of writer activity. Engines whose sessions are GracePeriods (gus
 *            family, qsbr, ebr, pserialize) advance and synchronize with that API; for the others the
 *            same kind is built from the contract: "advance" = retire one node and flush() (seal a
 *            batch of one and poll it: hp's scan, rwlock's write lock), "synchronize" = retire one node
 *            and barrier() (wait until it is freed: a grace period, as each engine provides one).
 *     idle           the writer parks: the domain exists, nothing happens in it (gus-lazy's ticker is
 *                    asleep: it ticks only while a goal waits)
 *     retiring       retire in a loop: one advance, scan or grace period per batch; keeps gus-lazy's ticker busy
 *     advancing      advance in a loop (64 per invocation)
 *     synchronizing  synchronize in a loop: a grace period each time
 *     ticking        one advance per millisecond, parked in between: the engine's time-driven work alone,
 *                    without a busy writer (gus-lazy: its ticker ticks, with a membarrier per tick on a
 *                    JDK 22+; the other engines do a microsecond of work per millisecond)
 *     membarrier     the writer issues the process-wide barrier the asymmetric engines rely on
 *                    (membarrier(2) PRIVATE_EXPEDITED, on a JDK 22+ under Linux) back to back: the most
 *                    any engine's membarriers can cost a bystander. It does not depend on the engine (the
 *                    profiles run it for one); where membarrier is unavailable (run.json says so) the
 *                    writer parks 100 us per invocation and the row equals idle
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
 *   invocation (64 retires or advances, one synchronize, one tick, one membarrier), for reference;
 *   the idle writer's row measures a 100 us park and means nothing.
 *   On a machine with as many runnable threads as cores (2 vCPUs: one bystander, one writer), a
 *   helper thread waking up must take a core from one of them: that is part of what is measured.
 *   Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.membarriers.per.op and the other
 *   engine counters per op of all threads, so a bystander slowdown can be set against the barriers
 *   issued (the membarrier group's own barriers are not the engine's and are not counted there).
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
    /** The ticking writer's period: one advance per millisecond (gus-lazy's default tick). */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

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

    /** Every safe engine, in every group. */
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

    /**
     * A writer that advances and synchronizes: through GracePeriods where the engine's sessions have
     * it, else through the contract (retire + flush, retire + barrier), as the header says.
     */
    @State(Scope.Thread)
    public static class ClockWriter extends Member {
        GracePeriods gp;
        long nextTick;

        @Setup(Level.Trial)
        public void join(AnyEngine d) {
            super.join(d);
            gp = session instanceof GracePeriods g ? g : null;
            nextTick = System.nanoTime();
        }

        /** {@code n} advances, then a quiescent state (the writer holds no references between operations). */
        long advance(int n) {
            long goal = 0;
            for (int i = 0; i < n; i++) {
                goal += advanceOnce();
            }
            session.quiescent();
            return goal;
        }

        private long advanceOnce() {
            if (gp != null) {
                return gp.advance();
            }
            session.retire(ring[next++ & (ring.length - 1)]);
            session.flush(); // seal a batch of one and poll it: the engine's write-side step
            return 0;
        }

        /** One grace period: synchronize, or retire one node and wait until it is freed. */
        void synchronize() {
            if (gp != null) {
                gp.synchronize();
            } else {
                session.retire(ring[next++ & (ring.length - 1)]);
                session.barrier();
            }
            session.quiescent();
        }

        /** One advance, then park until the next millisecond: the clock's time-driven work alone. */
        long tick() {
            long goal = advanceOnce();
            session.quiescent();
            nextTick += TICK_NANOS;
            long left = nextTick - System.nanoTime();
            if (left > 0) {
                LockSupport.parkNanos(left);
            } else {
                nextTick = System.nanoTime(); // late: no catch-up burst
            }
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
        w.synchronize();
    }

    // ------------------------------------------------------------------ ticking writer

    @Benchmark
    @Group("ticking")
    @GroupThreads(1)
    public long tickingBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("ticking")
    @GroupThreads(1)
    public long tickingWriter(ClockWriter w) {
        return w.tick();
    }

    // ------------------------------------------------------------------ membarrier writer

    @Benchmark
    @Group("membarrier")
    @GroupThreads(1)
    public long membarrierBystander(Bystander b) {
        return b.count();
    }

    @Benchmark
    @Group("membarrier")
    @GroupThreads(1)
    public void membarrierWriter(Writer w) {
        if (Membarrier.available()) {
            Membarrier.barrier();
        } else {
            LockSupport.parkNanos(100_000); // no process-wide barrier on this JVM: the row equals idle
        }
    }
}
