package org.smrlab.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/*
 * QUESTION: the write side has two parts, publishing (the unlink: a store under the writer's lock
 * that readers see) and reclamation (advancing the clock, retiring the old node). What does each
 * cost, per engine, at 1 and 2 writers? The review (R7) asks whether SMR_LAZY's "reduces write-side
 * overhead" is about reclamation and not publishing: publishing is the same store whatever the
 * engine, so lazy can only save on the second part.
 *
 * KNOBS
 *   engine   the engines whose sessions are GracePeriods; the review runs the gus family
 *   batch    nodes per batch for publishRetire (default: the engine's own)
 *   threads  -t 1 or 2: writers share one lock and one published slot (the in_pcb pattern: writers
 *            serialized by a lock, as FreeBSD's and NetBSD's network stacks do)
 *
 * HOW TO READ
 *   Score: ns per write, 64 writes per invocation.
 *   publish: lock, swap the slot's node for a new one (setRelease: the publication readers acquire),
 *   unlock; the old node is dropped (no reclamation at all). publishAdvance: the same, then one
 *   advance of the write clock (smr_advance) per write, outside the lock. publishRetire: the same,
 *   then retire the old node (amortized: one advance, scan or grace period per batch).
 *   publishAdvance - publish is the cost of an advance beside the publication; publishRetire -
 *   publish is reclamation's share. At 2 writers the lock and the slot are contended; gus's advance
 *   adds a second contended line (the clock), gus-deferred touches it one advance in limit, gus-lazy
 *   at most once per tick. Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.advances.per.op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PublishBench {
    public static final int WRITES = 64;

    @State(Scope.Benchmark)
    public static class Domain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        SharedDomain<Object> shared;
        final ReentrantLock writerLock = new ReentrantLock();
        final AtomicReference<Object> slot = new AtomicReference<>(new Object());

        @Setup(Level.Trial)
        public void open() {
            Reclaimer<Object> r = Engines.create(EngineParam.spec(engine, batch), node -> { });
            shared = new SharedDomain<>(r, null);
            SmrProbe.attach(SmrProbe.Target.countersOnly(r::stats));
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        Domain d;
        Session<Object> session;
        GracePeriods gp;
        final Object[] ring = new Object[4096];
        int next;

        @Setup(Level.Trial)
        public void join(Domain domain) {
            d = domain;
            session = d.shared.join();
            if (!(session instanceof GracePeriods)) {
                throw new IllegalArgumentException("engine " + d.engine + " has no GracePeriods write side: "
                        + "run PublishBench with the engines of its engine parameter");
            }
            gp = (GracePeriods) session;
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Object();
            }
        }

        /** The unlink: under the writers' lock, the slot's node is replaced; returns the old node. */
        Object publish() {
            Object fresh = ring[next++ & (ring.length - 1)];
            d.writerLock.lock();
            try {
                Object old = d.slot.get();
                d.slot.setRelease(fresh);
                return old;
            } finally {
                d.writerLock.unlock();
            }
        }

        @TearDown(Level.Trial)
        public void leave() {
            d.shared.leave(session);
        }
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public Object publish(Writer w) {
        Object last = null;
        for (int i = 0; i < WRITES; i++) {
            last = w.publish();
        }
        w.session.quiescent();
        return last;
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public long publishAdvance(Writer w) {
        long goals = 0;
        for (int i = 0; i < WRITES; i++) {
            w.publish();
            goals += w.gp.advance();
        }
        w.session.quiescent();
        return goals;
    }

    @Benchmark
    @OperationsPerInvocation(WRITES)
    public void publishRetire(Writer w) {
        for (int i = 0; i < WRITES; i++) {
            w.session.retire(w.publish());
        }
        w.session.quiescent();
    }
}
