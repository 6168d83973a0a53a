package org.smrlab.bench;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
import org.smrlab.bench.support.Packet;
import org.smrlab.bench.support.SharedDomain;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.pool.SmrPool;

/*
 * QUESTION: retires at a chosen rate, from rare to as fast as the writer can go. At low rates (one per
 * microsecond down to one per 10 ms): how long does a retired node wait before it is freed, and how
 * much of that is stranding in a partial batch (a batch is sealed only when it fills)? At high rates
 * (one per microsecond up to one per 50 ns): what is the highest rate each engine sustains with its
 * pending memory bounded (its reclaim capacity)?
 *
 * THE WORKLOAD: a table of published cells (each an AtomicReference to a pool node). Reader threads
 * (`readers` of them, started by the suite, not JMH threads) loop: enter a section, protect a random
 * cell, check its node (generation and stamp: a use-after-free detection if it changed), exit,
 * announce a quiescent state. The JMH thread is the writer: each op takes a fresh node from the pool,
 * swaps it into a random cell and retires the node it replaced (one retire, one get), announces a
 * quiescent state, then waits until its next slot on the schedule (one op every `every`; spinning
 * for the last 50 us, parked before that). A writer that falls behind catches up by at most ten
 * intervals (no unbounded bursts), and past that runs as fast as it can.
 *
 * KNOBS
 *   engine   every safe engine; the engines' seal knob (gus:seal=2ms) is what the low-rate rows compare
 *   batch    nodes per batch ("default": the engine's own)
 *   every    the interval between retires: 10ms, 1ms, 100us, 1us (low rates); 1us, 300ns, 100ns, 50ns (capacity)
 *   readers  reader threads beside the writer (1)
 *   threads  -t: writers, each on its own schedule
 *
 * HOW TO READ
 *   Score: ns per writer op, the achieved interval between retires: equal to `every` when the writer
 *   kept its schedule, above it when it could not (then the engine's retire path, or its waits, set
 *   the rate). Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.r2f.p50/p99/max, retire->free
 *   latency, measured on EVERY node here (the other suites sample one in 16): at low rates, stranding
 *   shows as a p50 of about every x batch; smr.pending.slope (nodes/s; about 0 while the engine keeps
 *   up) and smr.pending.mean/peak: the capacity verdict. smr.uaf must be 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class RetireRateBench {
    /** Published cells. */
    public static final int CELLS = 1024;
    /** Below this much time left the writer spins; above it, it parks (parking has tens of microseconds of slack). */
    static final long SPIN_NANOS = 50_000;
    /** How many intervals a late writer may catch up at once. */
    static final int MAX_DEBT = 10;

    @State(Scope.Benchmark)
    public static class Table {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"1us"})
        public String every;

        @Param({"1"})
        public int readers;

        SmrPool<Packet> pool;
        SharedDomain<Packet> shared;
        @SuppressWarnings("unchecked")
        final AtomicReference<Packet>[] cells = new AtomicReference[CELLS];
        long intervalNanos;
        final AtomicLong detections = new AtomicLong();
        private final List<Thread> readerThreads = new ArrayList<>();
        private volatile boolean stop;

        @Setup(Level.Trial)
        public void open() {
            intervalNanos = Durations.positiveNanos(every, "every", "an interval between retires such as 10ms, 1us, 100ns");
            if (readers < 0) {
                throw new IllegalArgumentException("readers must be >= 0, got " + readers);
            }
            pool = new SmrPool<>(EngineParam.spec(engine, batch), () -> new Packet(0), SmrProbe.everyNodeProbe());
            shared = new SharedDomain<>(pool.reclaimer(), pool);
            try (Session<Packet> s = pool.reclaimer().join()) {
                for (int i = 0; i < CELLS; i++) {
                    Packet p = pool.get(s);
                    p.stamp(i);
                    cells[i] = new AtomicReference<>(p);
                }
            }
            SmrProbe.attach(new SmrProbe.Target(() -> pool.reclaimer().stats(), pool::stats,
                    () -> detections.get() + pool.stats().writeAfterFree() + pool.stats().doubleFrees(), () -> false, true, false));
            for (int r = 0; r < readers; r++) {
                long seed = 0x2EAD + r;
                Thread t = new Thread(() -> read(seed), "rate-reader-" + r);
                t.setDaemon(true);
                readerThreads.add(t);
            }
            readerThreads.forEach(Thread::start);
        }

        /** A reader: look a random cell up inside a section, check its node, again and again. */
        private void read(long seed) {
            SplittableRandom rnd = new SplittableRandom(seed);
            try (Session<Packet> s = pool.reclaimer().join()) {
                while (!stop) {
                    AtomicReference<Packet> cell = cells[rnd.nextInt(CELLS)];
                    s.enter();
                    try {
                        Packet p = s.protect(0, cell);
                        long g1 = p.generation();
                        long stamp = p.stamp();
                        VarHandle.loadLoadFence();
                        if ((g1 & 1) != 0 || p.generation() != g1 || stamp == Packet.POISON_STAMP) {
                            detections.incrementAndGet(); // freed (or reused) while this reader held it
                        }
                    } finally {
                        s.exit();
                    }
                    s.quiescent();
                }
            }
        }

        /** Stops the readers and waits for them (their sessions close); idempotent. */
        void stopReaders() {
            stop = true;
            for (Thread t : readerThreads) {
                try {
                    t.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    throw new IllegalStateException("RetireRateBench: reader " + t.getName() + " did not stop within 60 s");
                }
            }
        }
    }

    @State(Scope.Thread)
    public static class Writer {
        Table table;
        Session<Packet> session;
        SplittableRandom random;
        long next;
        long stamps;

        @Setup(Level.Trial)
        public void join(Table t, ThreadParams p) {
            table = t;
            session = t.shared.join();
            random = new SplittableRandom(0x0117E + 31L * p.getThreadIndex());
            stamps = CELLS + ((long) p.getThreadIndex() << 40);
            next = System.nanoTime();
        }

        /** Each iteration starts on schedule: the pause between iterations is no debt to catch up. */
        @Setup(Level.Iteration)
        public void startSchedule() {
            next = System.nanoTime();
        }

        /** One retire: a fresh node replaces a random cell's, which is retired. */
        void replace() {
            Packet fresh = table.pool.get(session);
            fresh.stamp(stamps++);
            Packet old = table.cells[random.nextInt(CELLS)].getAndSet(fresh); // publishes the stamp (volatile)
            table.pool.put(session, old);
            session.quiescent();
        }

        /** Waits for the next slot of the schedule; a late writer catches up by at most MAX_DEBT intervals. */
        void pace() {
            long interval = table.intervalNanos;
            next += interval;
            long now = System.nanoTime();
            if (now - next > MAX_DEBT * interval) {
                next = now - MAX_DEBT * interval;
            }
            long left;
            while ((left = next - System.nanoTime()) > 0) {
                if (left > SPIN_NANOS) {
                    LockSupport.parkNanos(left - SPIN_NANOS);
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        @TearDown(Level.Trial)
        public void leave() {
            table.stopReaders(); // before the last member leaves: closing the engine waits for every session
            table.shared.leave(session);
        }
    }

    @Benchmark
    public void writer(Writer w) {
        w.replace();
        w.pace();
    }
}
