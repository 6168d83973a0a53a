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
import org.smrlab.bench.support.ListDomain;
import org.smrlab.bench.support.MixedOps;
import org.smrlab.bench.support.Section;
import org.smrlab.bench.support.SetDomain;
import org.smrlab.smr.list.SmrSortedList;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: on a long sorted linked list, where every lookup walks from the head past hundreds or
 * thousands of nodes, what does protecting every step cost (hazard pointers: a hazard store and a
 * full fence per node) against one section per traversal (gus, ebr, qsbr: nothing per node), and how
 * does the gap grow with the list's length? Beside it, the same keys in the hash set (one or two nodes
 * per lookup), where the per-node cost hardly shows.
 *
 * THE WORKLOAD: a Harris-Michael lock-free sorted list (SmrSortedList: delete marks then unlinks;
 * every walk unlinks the deleted nodes it meets; two hazard slots, hand over hand) over an SMR pool of
 * the engine under test, holding `length` keys out of 2 x length (prefilled with the even ones). Every
 * thread mixes lookups and updates as the reclamation suite does (MixedOps): a lookup is one section
 * and one walk from the head; an update removes the key or adds it back (one retire or one pool get).
 * With structure=set the same ops run on the hash set (SmrHashSet, `length` buckets).
 *
 * KNOBS
 *   engine     every safe engine (spec knobs as elsewhere)
 *   batch      nodes per batch ("default": the engine's own)
 *   length     keys in the structure (the list suite sweeps 128 ... 16384)
 *   readRatio  fraction of ops that are lookups (0.9)
 *   structure  list (the sorted list) or set (the hash set, for comparison)
 *   keyDist    uniform, or zipf (skew 0.99; zipf:S) with the hot keys scattered over the range
 *   threads    -t: every thread runs the same mix
 *
 * HOW TO READ
 *   Score: ns per op per thread. Secondary metrics (-prof org.smrlab.bench.SmrProfiler):
 *   smr.steps.per.op, the nodes a walk stood on per op (list only): about length / 2 for lookups
 *   of uniform keys. Score / smr.steps.per.op is the cost per node visited; its difference between
 *   hp and ebr is what protecting each step costs. smr.pending.*, smr.r2f.*, smr.footprint.peak as
 *   in ReclamationBench; smr.uaf must be 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ListBench {
    /** The structure parameter's values. */
    public static final String LIST = "list";
    public static final String SET = "set";

    @State(Scope.Benchmark)
    public static class Workload {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"1024"})
        public int length;

        @Param({"0.9"})
        public double readRatio;

        @Param({LIST})
        public String structure;

        @Param({Keys.UNIFORM})
        public String keyDist;

        ListDomain list;
        SetDomain set;

        @Setup(Level.Trial)
        public void open() {
            if (length < 1) {
                throw new IllegalArgumentException("length must be >= 1 key, got " + length);
            }
            Keys.skew(keyDist);
            String spec = EngineParam.spec(engine, batch);
            switch (structure) {
                case LIST -> list = new ListDomain(spec, length);
                case SET -> set = new SetDomain(spec, Integer.highestOneBit(length * 2 - 1), length, true,
                        d -> d.target(() -> false, false));
                default -> throw new IllegalArgumentException("structure '" + structure + "' is not valid; expected "
                        + LIST + " or " + SET);
            }
        }
    }

    @State(Scope.Thread)
    public static class Worker {
        Workload w;
        SmrSortedList.Handle listHandle;
        SmrHashSet.Handle setHandle;
        MixedOps ops;

        @Setup(Level.Trial)
        public void join(Workload workload, ThreadParams t) {
            w = workload;
            long seed = 0x11575EEDL + 31L * t.getThreadIndex();
            if (w.list != null) {
                listHandle = w.list.join();
                ops = new MixedOps(MixedOps.list(listHandle), w.length, w.readRatio, w.keyDist, seed);
            } else {
                setHandle = w.set.join();
                ops = new MixedOps(setHandle, w.length, w.readRatio, Section.parse(Section.LOOKUP), w.keyDist, seed);
            }
        }

        @TearDown(Level.Trial)
        public void leave() {
            if (listHandle != null) {
                w.list.leave(listHandle);
            } else {
                w.set.leave(setHandle);
            }
        }
    }

    @Benchmark
    public boolean mixed(Worker w) {
        return w.ops.step();
    }
}
