package org.smrlab.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
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
import org.openjdk.jmh.infra.ThreadParams;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Keys;
import org.smrlab.bench.support.SharedDomain;
import org.smrlab.smr.Session;
import org.smrlab.smr.pool.SmrPool;
import org.smrlab.smr.set.SetNode;
import org.smrlab.smr.set.SmrHashSet;

/*
 * QUESTION: what does a read section cost, per engine, and how does it compare with the floors a
 * reader could pay instead (a plain load, a store + full fence, an atomic add, a read lock, a
 * StampedLock optimistic read)?
 *
 * KNOBS
 *   engine   every safe engine by default; any spec works (-p engine=gus-lazy:tick=10ms)
 *   threads  -t 1 and -t max for the reader-only methods; -tg R,1 for the groups (R readers, 1 writer)
 *   writer   the plain methods run readers alone; the groups emptyWithWriter / lookupWithWriter
 *            add one writer churning the hash set (remove a key, add it back: one retire and one
 *            pool get per op), so the read side pays for the write side's cache traffic
 *
 * HOW TO READ
 *   Score: ns per read section (emptySection: enter + exit; protectSection: enter, one protect of
 *   a shared link, exit, which is where hazard pointers pay their fence; lookupSection: enter, one
 *   hash-set lookup of a random key, half of them present, exit); quiescentState: ns per qsbr
 *   quiescent() with nothing new to announce (a no-op for the other engines). Each invocation runs 100 sections in a
 *   loop (@OperationsPerInvocation) so the harness's own ~1 ns does not swamp the result; qsbr's
 *   quiescent() is called once per invocation (outside the sections), so its cost appears divided
 *   by 100, as a thread that announces a quiescent state every 100 operations would pay it.
 *   For the groups, JMH's primary score mixes readers and writer: read the secondary rows
 *   ...emptyWithWriter:emptyReader and ...lookupWithWriter:lookupReader (ns per reader section) and
 *   ...:emptyWriter / ...:lookupWriter (ns per writer churn).
 *   Floors (rows without an engine parameter): floorPlainLoad is an opaque load (READ_ONCE, a
 *   plain mov on x86; opaque so the JIT cannot hoist it out of the loop), ~0.3 ns; floorStoreFence
 *   is a store + VarHandle.fullFence() followed by an acquire load, which keeps C2 from dropping
 *   the fence (docs/design.md, "Toolchain facts"), ~2 ns on x86 (lock addl); floorGetAndAdd, floorRwLockRead and
 *   floorStampedOptimistic use one lock/counter shared by all threads, so at -t max they show
 *   contention on one cache line, as an rwlock's reader count does.
 *   Secondary metrics (with -prof org.smrlab.bench.SmrProfiler): smr.*.per.op are engine counters
 *   per op of all threads (advances, polls, scans made by the writer, divided by every op); smr.uaf
 *   must be 0. No pending sampler runs here: it would disturb ns-scale timings.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReadSideBench {
    /** Sections per invocation. */
    public static final int SECTIONS = 100;
    /** Keys in the set; lookups draw from twice as many, so about half of them hit. */
    public static final int KEYS = 1024;

    /**
     * The floors (the methods without an engine), in the order tables show them, each with what it
     * measures in words. The lab records the words in run.json beside the benchmark; the reports
     * name bars and columns by them. A bench test checks every method without an engine is here.
     */
    public static final Map<String, String> FLOORS = floors();

    private static Map<String, String> floors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("floorPlainLoad", "plain load");
        m.put("floorStoreFence", "store + full fence");
        m.put("floorGetAndAdd", "getAndAdd");
        m.put("floorRwLockRead", "rwlock read");
        m.put("floorStampedOptimistic", "StampedLock optimistic");
        return Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------ states

    /** The engine and a hash set of KEYS keys over a pool of that engine (no profiler probe: no clock reads). */
    @State(Scope.Benchmark)
    public static class Domain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        SmrHashSet set;
        SharedDomain<SetNode> shared;
        /** One shared link to a node that is never retired: what protectSection loads. */
        final AtomicReference<SetNode> link = new AtomicReference<>(new SetNode());

        @Setup(Level.Trial)
        public void open() {
            set = new SmrHashSet(new SmrPool<>(EngineParam.spec(engine, EngineParam.DEFAULT_BATCH), SetNode::new), KEYS);
            shared = new SharedDomain<>(set.reclaimer(), () -> {
                set.close();
                set.pool().close();
            });
            SmrHashSet.Handle h = set.join();
            for (long k = 0; k < KEYS; k++) {
                h.add(k);
            }
            h.close();
            SmrProbe.attach(SmrProbe.Target.countersOnly(() -> set.reclaimer().stats()));
        }
    }

    /** A thread's handle on the set (and through it, its engine session). */
    @State(Scope.Thread)
    public static class Reader {
        SmrHashSet.Handle handle;
        Session<SetNode> session;
        Keys keys;
        SharedDomain<SetNode> shared;
        AtomicReference<SetNode> link;

        @Setup(Level.Trial)
        public void join(Domain d, ThreadParams t) {
            shared = d.shared;
            shared.enroll();
            handle = d.set.join();
            session = handle.session();
            link = d.link;
            keys = new Keys(2 * KEYS, 0x5EED + t.getThreadIndex());
        }

        @TearDown(Level.Trial)
        public void leave() {
            shared.leave(handle);
        }
    }

    /** The writer of the groups: removes a random key and adds it back. */
    @State(Scope.Thread)
    public static class Writer {
        SmrHashSet.Handle handle;
        Keys keys;
        SharedDomain<SetNode> shared;

        @Setup(Level.Trial)
        public void join(Domain d, ThreadParams t) {
            shared = d.shared;
            shared.enroll();
            handle = d.set.join();
            keys = new Keys(KEYS, 0xF00D + t.getThreadIndex());
        }

        /** One churn: a retire (remove) and a pool get (add); then a quiescent state (qsbr). */
        public void churn() {
            long k = keys.next();
            handle.remove(k);
            handle.add(k);
            handle.quiescent();
        }

        @TearDown(Level.Trial)
        public void leave() {
            shared.leave(handle);
        }
    }

    // ------------------------------------------------------------------ readers alone

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public void emptySection(Reader r) {
        Session<SetNode> s = r.session;
        for (int i = 0; i < SECTIONS; i++) {
            s.enter();
            s.exit();
        }
        s.quiescent();
    }

    /** A section that loads one shared pointer through protect: hazard pointers' publish, fence, re-validate. */
    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public SetNode protectSection(Reader r) {
        Session<SetNode> s = r.session;
        AtomicReference<SetNode> link = r.link;
        SetNode n = null;
        for (int i = 0; i < SECTIONS; i++) {
            s.enter();
            n = s.protect(0, link);
            s.exit();
        }
        s.quiescent();
        return n;
    }

    /** qsbr's quiescent state when nothing new is to be announced (no writer): a load and a compare. */
    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public void quiescentState(Reader r) {
        Session<SetNode> s = r.session;
        for (int i = 0; i < SECTIONS; i++) {
            s.quiescent();
        }
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public int lookupSection(Reader r) {
        int hits = 0;
        for (int i = 0; i < SECTIONS; i++) {
            hits += r.handle.contains(r.keys.next()) ? 1 : 0;
        }
        r.handle.quiescent();
        return hits;
    }

    // ------------------------------------------------------------------ readers beside a writer

    @Benchmark
    @Group("emptyWithWriter")
    @GroupThreads(1)
    @OperationsPerInvocation(SECTIONS)
    public void emptyReader(Reader r) {
        emptySection(r);
    }

    @Benchmark
    @Group("emptyWithWriter")
    @GroupThreads(1)
    @OperationsPerInvocation(SECTIONS)
    public void emptyWriter(Writer w) {
        for (int i = 0; i < SECTIONS; i++) {
            w.churn();
        }
    }

    @Benchmark
    @Group("lookupWithWriter")
    @GroupThreads(1)
    @OperationsPerInvocation(SECTIONS)
    public int lookupReader(Reader r) {
        return lookupSection(r);
    }

    @Benchmark
    @Group("lookupWithWriter")
    @GroupThreads(1)
    @OperationsPerInvocation(SECTIONS)
    public void lookupWriter(Writer w) {
        for (int i = 0; i < SECTIONS; i++) {
            w.churn();
        }
    }

    // ------------------------------------------------------------------ floors

    /** Per-thread fields for the load and fence floors (no sharing: the instruction's own cost). */
    @State(Scope.Thread)
    public static class FloorLocal {
        static final VarHandle X, Y;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                X = l.findVarHandle(FloorLocal.class, "x", long.class);
                Y = l.findVarHandle(FloorLocal.class, "y", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long x;
        long y;
    }

    /** One counter and one lock of each kind, shared by all threads (an rwlock's reader count is shared too). */
    @State(Scope.Benchmark)
    public static class FloorShared {
        static final VarHandle COUNTER, DATA;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                COUNTER = l.findVarHandle(FloorShared.class, "counter", long.class);
                DATA = l.findVarHandle(FloorShared.class, "data", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        long counter;
        long data;
        final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        final Lock readLock = rw.readLock();
        final StampedLock stamped = new StampedLock();
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public long floorPlainLoad(FloorLocal f) {
        long sum = 0;
        for (int i = 0; i < SECTIONS; i++) {
            sum += (long) FloorLocal.X.getOpaque(f);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public long floorStoreFence(FloorLocal f) {
        long sum = 0;
        for (int i = 0; i < SECTIONS; i++) {
            FloorLocal.X.setOpaque(f, (long) i);
            VarHandle.fullFence();
            sum += (long) FloorLocal.Y.getAcquire(f); // keeps C2 from dropping the fence before the next one
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public long floorGetAndAdd(FloorShared f) {
        long sum = 0;
        for (int i = 0; i < SECTIONS; i++) {
            sum += (long) FloorShared.COUNTER.getAndAdd(f, 1L);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public long floorRwLockRead(FloorShared f) {
        long sum = 0;
        for (int i = 0; i < SECTIONS; i++) {
            f.readLock.lock();
            sum += (long) FloorShared.DATA.getOpaque(f);
            f.readLock.unlock();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public long floorStampedOptimistic(FloorShared f) {
        long sum = 0;
        for (int i = 0; i < SECTIONS; i++) {
            long stamp = f.stamped.tryOptimisticRead();
            long v = (long) FloorShared.DATA.getOpaque(f);
            sum += f.stamped.validate(stamp) ? v : 1;
        }
        return sum;
    }
}
