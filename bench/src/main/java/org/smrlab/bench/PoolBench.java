package org.smrlab.bench;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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
import org.smrlab.smr.Session;
import org.smrlab.smr.pool.Mechanism;
import org.smrlab.smr.pool.PooledNode;
import org.smrlab.smr.pool.SmrPool;

/*
 * QUESTION: what do the SMR pool's mechanisms that exist only for SMR cost a get and a put? The review
 * asks why the patch to NetBSD's subr_pool.c is so large (R16); the lab's own pool answers for itself:
 * its SMR-only mechanisms (SmrPool's Mechanism: poison, generations, deferred reuse) are marked in the
 * source, their sizes are computed by the review (evidence/source.json), and this is their cost.
 *
 * KNOBS
 *   engine   every safe engine; the review runs gus
 *   batch    nodes per batch (default: the engine's own)
 *   without  nothing (the pool as the lab uses it), poison (no poisoning on free, no check on reuse),
 *            generations (no generation stamp: no double-free and no reader detection), deferredReuse
 *            (put frees at once instead of retiring through the engine: a plain object cache)
 *
 * HOW TO READ
 *   Score: ns per get+put pair, one thread, 64 pairs per invocation. The difference between
 *   without=nothing and without=X is what X costs on this path; without=deferredReuse also removes
 *   the engine's retire (its batching, advances and frees). No probe is attached: the pool reads no
 *   clock. Each variant other than nothing is blind or unsafe, and exists only to be measured here.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBench {
    public static final int PAIRS = 64;

    /** A node with two fields, poisoned on free. */
    static final class Cell extends PooledNode {
        static final long POISON = 0xDEADDEADDEADDEADL;
        long key;
        long value;

        @Override
        protected void poisonFields() {
            key = POISON;
            value = POISON;
        }

        @Override
        protected boolean poisonIntact() {
            return key == POISON && value == POISON;
        }
    }

    @State(Scope.Thread)
    public static class Pool {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"nothing", "poison", "generations", "deferredReuse"})
        public String without;

        SmrPool<Cell> pool;
        Session<Cell> session;

        @Setup(Level.Trial)
        public void open() {
            pool = new SmrPool<>(EngineParam.spec(engine, batch), Cell::new, null, false, mechanisms(without));
            session = pool.reclaimer().join();
            SmrProbe.attach(SmrProbe.Target.countersOnly(pool.reclaimer()::stats));
        }

        @TearDown(Level.Trial)
        public void close() {
            SmrProbe.detach();
            session.close();
            pool.close();
        }
    }

    /** The mechanisms the {@code without} parameter turns off. */
    static Set<Mechanism> mechanisms(String without) {
        return switch (without) {
            case "nothing" -> EnumSet.noneOf(Mechanism.class);
            case "poison" -> EnumSet.of(Mechanism.POISON);
            case "generations" -> EnumSet.of(Mechanism.GENERATIONS);
            case "deferredReuse" -> EnumSet.of(Mechanism.DEFERRED_REUSE);
            default -> throw new IllegalArgumentException("without=" + without + ": valid are nothing, poison, generations, "
                    + "deferredReuse (" + EnumSet.allOf(Mechanism.class).toString().toLowerCase(Locale.ROOT) + ")");
        };
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public long getPut(Pool p) {
        long sum = 0;
        for (int i = 0; i < PAIRS; i++) {
            Cell c = p.pool.get(p.session);
            c.key = i;
            c.value = i;
            sum += c.value;
            p.pool.put(p.session, c);
        }
        p.session.quiescent();
        return sum;
    }
}
