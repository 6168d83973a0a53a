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
import org.smrlab.run.review.Questions;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: under a mixed read/update workload, what does each engine cost per operation, how
 * long does a removed node wait before it is freed (retire-to-free latency), and how much memory
 * waits meanwhile (pending nodes, pool footprint)? How do the batching knobs trade one for the other?
 *
 * THE WORKLOAD: an SMR hash set (writers serialized by one lock, readers lock-free: FreeBSD's
 * in_pcb pattern) over an SMR pool of the engine under test. Every thread mixes reads and
 * updates: a read is one read section, an update toggles a random key (a remove retires a node
 * through the pool, an add takes one). See MixedOps and Section.
 *
 * KNOBS
 *   engine     every safe engine; the engines' own knobs ride in the spec: gus-deferred:limit=4,
 *              gus-lazy:tick=10ms, hp:slots=4, pserialize:coalesce=false (-p values are split at
 *              commas, so separate several knobs with ';')
 *   batch      nodes per batch, 1 ... 4096 ("default": the engine's own)
 *   section    what a read section does: "lookup" (one lookup), or a time held inside the section
 *              protecting a node, spinning: 1us, 10us, 100us, 1ms
 *   keys       keys in the set (half of 2*keys); the set has as many buckets (rounded up to a power of 2)
 *   keyDist    which keys ops pick: uniform, or zipf (skew 0.99, a few hot keys take most ops; zipf:S for
 *              another skew), the hot keys scattered over the range (see Keys)
 *   pool       smr (default): the SMR pool, frees deferred by the engine (pool_cache_set_smr, uma_zone_set_smr);
 *              pr_pserialize: NetBSD's PR_PSERIALIZE pool_cache as it is (subr_pool.c 1.284): put returns the
 *              node to the cache at once and it may be reused while a reader looks at it (the readers
 *              validate by generation and restart: type-stable memory); the only barrier, a grace period
 *              of the engine (pserialize: the cross-call), runs before a chunk leaves the depot for good,
 *              which a steady workload rarely does. Run it with engine=pserialize.
 *   readRatio  fraction of ops that are reads (0.5, 0.9, 0.99, 0.999); also the retire rate's knob: an update
 *              removes or adds, and a remove retires one node, so about (1 - readRatio) / 2 retires per op
 *   threads    -t: every thread runs the same mix (the backlog workload runs 1, 2, 4 and 8: more than
 *              the machine's cores is oversubscribed, and the report marks it)
 *
 * HOW TO READ
 *   Score: ns per operation (read or update) per thread.
 *   Secondary metrics (run with -prof org.smrlab.bench.SmrProfiler; the lab always does):
 *     smr.r2f.p50/p99/p999/max   retire->free latency, pooled over the trial (also in hlog/*.hlog)
 *     smr.pending.peak/mean      nodes retired and not yet freed, sampled every ~1 ms
 *     smr.footprint.peak         nodes the pool owns (live + pending + cached): the memory figure
 *     smr.get.slow.rate/mean     share and cost of pool gets that had to allocate
 *     smr.*.per.op               engine work per operation (advances, polls, scans, waits, ...)
 *     smr.uaf                    use-after-free detections: must be 0 (but for "broken")
 *   Latency vs memory: plot smr.r2f.p99 against smr.pending.mean (or footprint) for a batch sweep.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReclamationBench {
    /** The {@code pool} parameter's value for the SMR pool (pool_cache_set_smr). */
    public static final String SMR_POOL = "smr";
    /**
     * Depot chunks the PR_PSERIALIZE model keeps before it destructs one after a grace period. NetBSD
     * trims a pool_cache only when told to (invalidate, reclaim under memory pressure), so in a steady
     * workload the barrier is rare: 16 chunks (1024 nodes) is more than the workload's free nodes.
     */
    static final int PR_PSERIALIZE_DEPOT_CHUNKS = 16;

    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"0.9"})
        public double readRatio;

        @Param({Section.LOOKUP})
        public String section;

        @Param({"4096"})
        public int keys;

        @Param({Keys.UNIFORM})
        public String keyDist;

        @Param({SMR_POOL})
        public String pool;

        SetDomain domain;
        Section readSection;

        @Setup(Level.Trial)
        public void open() {
            readSection = Section.parse(section);
            if (keys < 1) {
                throw new IllegalArgumentException("keys must be >= 1, got " + keys);
            }
            Keys.skew(keyDist); // refuses a bad value before the set is built
            int typeStableDepot = switch (pool) {
                case SMR_POOL -> 0;
                case Questions.PR_PSERIALIZE_POOL -> PR_PSERIALIZE_DEPOT_CHUNKS;
                default -> throw new IllegalArgumentException("pool=" + pool + ": valid are " + SMR_POOL + " (the SMR pool) and "
                        + Questions.PR_PSERIALIZE_POOL + " (NetBSD's PR_PSERIALIZE pool_cache, type-stable)");
            };
            domain = new SetDomain(EngineParam.spec(engine, batch), Integer.highestOneBit(keys * 2 - 1), keys, true,
                    typeStableDepot, d -> d.target(() -> false, false));
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
            ops = new MixedOps(handle, w.keys, w.readRatio, w.readSection, w.keyDist, 0xC0FFEE + 31L * t.getThreadIndex(),
                    domain.sectionClock());
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
