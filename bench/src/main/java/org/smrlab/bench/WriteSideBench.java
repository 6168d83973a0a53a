package org.smrlab.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.SharedDomain;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Offline;
import org.smrlab.smr.set.SetNode;

/*
 * QUESTION: what does the write side cost, per engine: advancing the write clock (smr_advance),
 * retiring a node (amortized over its batch), and a full synchronize (smr_synchronize); and how
 * much more when a reader sits in read sections on another thread?
 *
 * KNOBS
 *   engine   retire: every safe engine; advance and synchronize: the engines whose sessions are
 *            GracePeriods (gus, gus-deferred, gus-lazy, qsbr, ebr, pserialize); any spec works
 *   batch    nodes per batch (default: the engine's own); retire amortizes one advance/scan/grace
 *            period over a batch
 *   reader   the plain methods run one writer alone (-t 1); the groups ...WithReader add one
 *            thread looping over empty read sections (-tg 1,R for R readers)
 *
 * HOW TO READ
 *   Score: ns per operation. retire: 256 retires per invocation of preallocated nodes (the free
 *   function does nothing: allocation and pool costs belong to the reclamation suite), then one
 *   quiescent() (qsbr frees nothing without it); advance: 64 advances per invocation; synchronize:
 *   one per invocation. For the groups, read the secondary rows ...:retireWriter, ...:advanceWriter,
 *   ...:synchronizeWriter (ns per writer op); the ...Reader rows are ns per reader section.
 *   What to expect: advance is one atomic on a shared line for gus (cheap alone, contended with a
 *   reader loading the clock at every enter), a local increment for most gus-deferred calls;
 *   synchronize waits for a grace period, so with a reader it includes the reader's section and
 *   the wake-up; rwlock's, pserialize's, psref's and localcount's retire block once per batch
 *   (psref and localcount: a pserialize grace period, localcount a second one, then the per-node
 *   drain, which finds no reference here).
 *   Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.advances.per.op, polls, scans,
 *   waits, gracePeriods, membarriers per op (per op of all threads in the groups); smr.pending.peak
 *   is the engine's Stats.peakPending: no sampler runs here, so it is the largest pending count
 *   seen by the profiler's snapshots at the iteration boundaries, not a peak within an iteration.
 *   The groups end cleanly because JMH keeps every thread invoking its method until all have
 *   finished the iteration (synchronized iterations, JMH's default): a writer blocked in
 *   synchronize is released by the reader's next section; and a qsbr reader is online only
 *   inside its calls (online on entry, offline on return), since JMH may stop calling it while
 *   the writer is still inside a synchronize that waits for its next quiescent state. Do not run
 *   them with -si false.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class WriteSideBench {
    public static final int RETIRES = 256;
    public static final int ADVANCES = 64;
    public static final int SECTIONS = 64;

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

    /** For retire: every safe engine. */
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

    /** For advance and synchronize: the engines with a GracePeriods write side. */
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

    /** A thread's session; the writer's nodes come from a ring that is never freed for real. */
    abstract static class Member {
        SharedDomain<Object> shared;
        Session<Object> session;
        final Object[] ring = new Object[4096];
        int next;

        void join(EngineDomain d) {
            shared = d.shared;
            session = shared.join();
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new SetNode(); // carries the engine word, as pooled nodes do (localcount keeps its count column there)
            }
        }

        /** {@code n} retires and a quiescent state. */
        void retire(int n) {
            for (int i = 0; i < n; i++) {
                session.retire(ring[next++ & (ring.length - 1)]);
            }
            session.quiescent();
        }

        /** {@code n} empty read sections and a quiescent state. */
        void sections(int n) {
            for (int i = 0; i < n; i++) {
                session.enter();
                session.exit();
            }
            session.quiescent();
        }

        /**
         * The reader of a group: {@code n} sections. A qsbr reader is online only inside this call
         * (online on entry, offline on return, as a thread about to idle must be): JMH may stop
         * calling this thread at the end of an iteration while the writer is inside a
         * synchronize that would otherwise wait forever for this thread's next quiescent state.
         * That costs a qsbr reader one store and fence per call, amortized over {@code n}.
         */
        void readerSections(int n) {
            if (session instanceof Offline offline) {
                offline.online();
                sections(n);
                offline.offline();
            } else {
                sections(n);
            }
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
    public static class Reader extends Member {
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
                        + "(advance, synchronize); run these methods with gus, gus-deferred, gus-lazy, qsbr, ebr or pserialize");
            }
            gp = (GracePeriods) session;
        }

        /** {@code n} advances (a qsbr writer also announces a quiescent state, as it would between operations). */
        long advance(int n) {
            long goal = 0;
            for (int i = 0; i < n; i++) {
                goal += gp.advance();
            }
            session.quiescent();
            return goal;
        }
    }

    @State(Scope.Thread)
    public static class ClockReader extends Member {
        @Setup(Level.Trial)
        public void join(ClockEngine d) {
            super.join(d);
        }
    }

    // ------------------------------------------------------------------ alone

    @Benchmark
    @OperationsPerInvocation(RETIRES)
    public void retire(Writer w) {
        w.retire(RETIRES);
    }

    @Benchmark
    @OperationsPerInvocation(ADVANCES)
    public long advance(ClockWriter w) {
        return w.advance(ADVANCES);
    }

    @Benchmark
    public void synchronize(ClockWriter w) {
        w.gp.synchronize();
    }

    // ------------------------------------------------------------------ beside a reader

    @Benchmark
    @Group("retireWithReader")
    @GroupThreads(1)
    @OperationsPerInvocation(RETIRES)
    public void retireWriter(Writer w) {
        w.retire(RETIRES);
    }

    @Benchmark
    @Group("retireWithReader")
    @GroupThreads(1)
    @OperationsPerInvocation(RETIRES)
    public void retireReader(Reader r) {
        r.readerSections(RETIRES);
    }

    @Benchmark
    @Group("advanceWithReader")
    @GroupThreads(1)
    @OperationsPerInvocation(ADVANCES)
    public long advanceWriter(ClockWriter w) {
        return w.advance(ADVANCES);
    }

    @Benchmark
    @Group("advanceWithReader")
    @GroupThreads(1)
    @OperationsPerInvocation(ADVANCES)
    public void advanceReader(ClockReader r) {
        r.readerSections(ADVANCES);
    }

    @Benchmark
    @Group("synchronizeWithReader")
    @GroupThreads(1)
    public void synchronizeWriter(ClockWriter w) {
        w.gp.synchronize();
    }

    @Benchmark
    @Group("synchronizeWithReader")
    @GroupThreads(1)
    public void synchronizeReader(ClockReader r) {
        r.readerSections(1);
    }
}
