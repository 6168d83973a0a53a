package org.smrlab.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.ThreadParams;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.bench.support.Packet;
import org.smrlab.bench.support.SharedDomain;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.pool.SmrPool;

/*
 * QUESTION: FreeBSD's umaperf, the experiment behind smr(9)'s commit messages ("3x the performance of
 * epoch in a write heavy workload with less than half of the read side cost"; "1/20th of the memory
 * vs Epoch"): how many packets per second per thread does each engine sustain when packets are
 * allocated from an SMR pool, passed between threads and freed back, how much pool memory does it
 * hold, and what does its read section cost in umaperf's loop?
 *
 * THE WORKLOAD (umaperf_send / umaperf_dequeue, one JMH thread per umaperf CPU, RANDOM locality):
 * each invocation allocates a batch of 100 packets from the pool (uma_zalloc_smr), zeroes the first
 * `zero` bytes of each (bzero), links them, and pushes the batch onto a random thread's lock-free
 * queue (itself included) with one CAS inside a read section; if that queue already holds 16384
 * packets it tries another (first draining its own, so no thread can wait forever). Then it swaps its
 * own queue empty inside a read section and frees every packet it took back to the pool
 * (uma_zfree_smr: retire through the engine). Every `1/yields` seconds a thread yields
 * (kern_yield; umaperf gave epoch 100 yields/s). A quiescent state follows each invocation (qsbr).
 * The section benchmark is umaperf_section_time: enter, add to a counter, exit, in a loop.
 *
 * KNOBS
 *   engine   every safe engine (umaperf's types: gus = SMR, gus-lazy = SMR_LAZY, gus-deferred:limit=32 =
 *            SMR_DEFERRED with its defer of 32, ebr = EPOCH; the others beside them); spec knobs as elsewhere
 *   batch    nodes per engine batch ("default": the engine's own)
 *   size     packet size in bytes, the payload each pool node carries (umaperf: 128 ... 4096)
 *   zero     bytes of each packet zeroed at allocation (umaperf: 64 by default, 128 ... 1024 at size 1024)
 *   yields   yields per second per thread (0: never)
 *   threads  -t: umaperf CPUs; each sends to all of them
 *
 * HOW TO READ
 *   packets: Score in packets per second (Mode.Throughput, summed over threads, as JMH does; umaperf's
 *   ops/s/cpu is that divided by the threads, which the report draws). Secondary metrics (with -prof
 *   org.smrlab.bench.SmrProfiler): smr.footprint.bytes.peak, umaperf's peak zone memory (the most
 *   packets the pool owned times the size), smr.footprint.peak in packets, smr.pending.peak/mean,
 *   smr.r2f.* (retire->free), smr.get.slow.rate (gets that had to allocate: the pool grew),
 *   smr.*.per.op per packet, smr.uaf (must be 0).
 *   section: ns per read section (1000 per invocation), umaperf's "section time".
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PacketBench {
    /** Packets per batch: umaperf_pkts. */
    public static final int PACKETS = 100;
    /** Packets a queue may hold before senders pick another: umaperf_queue_limit. */
    public static final int QUEUE_LIMIT = 16384;
    /** Sections per invocation of {@code section}. */
    public static final int SECTIONS = 1000;

    /** One thread's lock-free queue: a stack of packets pushed by CAS, emptied by one swap. */
    static final class Queue {
        final AtomicReference<Packet> head = new AtomicReference<>();
        final AtomicLong length = new AtomicLong();
        @SuppressWarnings("unused")
        long p0, p1, p2, p3, p4, p5, p6, p7; // keeps neighbouring queues off this one's line
    }

    @State(Scope.Benchmark)
    public static class Packets {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"1024"})
        public int size;

        @Param({"64"})
        public int zero;

        @Param({"0"})
        public int yields;

        SmrPool<Packet> pool;
        SharedDomain<Packet> shared;
        Queue[] queues;

        @Setup(Level.Trial)
        public void open(BenchmarkParams params) {
            if (size < 16 || zero < 0 || zero > size || yields < 0) {
                throw new IllegalArgumentException("PacketBench: size must be >= 16 bytes, zero in [0, size], yields >= 0; got size="
                        + size + ", zero=" + zero + ", yields=" + yields);
            }
            int payload = size;
            pool = new SmrPool<>(EngineParam.spec(engine, batch), () -> new Packet(payload), SmrProbe.poolProbe());
            shared = new SharedDomain<>(pool.reclaimer(), pool);
            queues = new Queue[params.getThreads()];
            Arrays.setAll(queues, i -> new Queue());
            SmrProbe.attach(new SmrProbe.Target(() -> pool.reclaimer().stats(), pool::stats,
                    () -> pool.stats().writeAfterFree() + pool.stats().doubleFrees(), () -> false, true, false)
                    .withPayloadBytes(size));
        }
    }

    /** One umaperf CPU: its session, its queue, its random destinations. */
    @State(Scope.Thread)
    public static class Cpu {
        Packets p;
        Session<Packet> session;
        Queue own;
        SplittableRandom random;
        long yieldEvery;
        long nextYield;

        @Setup(Level.Trial)
        public void join(Packets packets, ThreadParams t) {
            p = packets;
            session = p.shared.join();
            own = p.queues[t.getThreadIndex()];
            random = new SplittableRandom(0x0BAD_CAFEL + 31L * t.getThreadIndex());
            yieldEvery = p.yields == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / p.yields;
            nextYield = System.nanoTime() + yieldEvery;
        }

        /** umaperf_send: allocate, zero and link a batch, push it onto a random queue that has room. */
        void send() {
            Packet head = null, tail = null;
            for (int i = 0; i < PACKETS; i++) {
                Packet x = p.pool.get(session);
                Arrays.fill(x.payload, 0, p.zero, (byte) 0);
                x.link = null;
                if (head == null) {
                    head = x;
                } else {
                    tail.link = x;
                }
                tail = x;
            }
            for (;;) {
                Queue q = p.queues[random.nextInt(p.queues.length)];
                if (q.length.getAndAdd(PACKETS) >= QUEUE_LIMIT) {
                    q.length.getAndAdd(-PACKETS);
                    receive(); // make room in our own queue before trying again: no thread waits on a full one forever
                    continue;
                }
                session.enter();
                try {
                    Packet first;
                    do {
                        first = q.head.get();
                        tail.link = first;
                    } while (!q.head.compareAndSet(first, head)); // publishes the batch's links
                } finally {
                    session.exit();
                }
                return;
            }
        }

        /** umaperf_dequeue: take the whole queue in one swap inside a section, then free each packet. */
        int receive() {
            Packet x;
            session.enter();
            try {
                x = own.head.getAndSet(null);
            } finally {
                session.exit();
            }
            int n = 0;
            while (x != null) {
                Packet next = x.link;
                p.pool.put(session, x); // uma_zfree_smr: retired through the engine, reused once it is safe
                x = next;
                n++;
            }
            if (n > 0) {
                own.length.getAndAdd(-n);
            }
            return n;
        }

        void maybeYield() {
            if (yieldEvery > 0 && System.nanoTime() - nextYield >= 0) {
                Thread.yield();
                nextYield += yieldEvery;
            }
        }

        @TearDown(Level.Trial)
        public void leave() {
            p.shared.leave(session);
        }
    }

    @Benchmark
    @OperationsPerInvocation(PACKETS)
    public int packets(Cpu c) {
        c.send();
        int n = c.receive();
        c.session.quiescent();
        c.maybeYield();
        return n;
    }

    // ------------------------------------------------------------------ umaperf_section_time

    /** The engine alone, for the section loop. */
    @State(Scope.Benchmark)
    public static class SectionDomain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        SharedDomain<Object> shared;

        @Setup(Level.Trial)
        public void open() {
            Reclaimer<Object> r = Engines.create(EngineParam.spec(engine, batch), node -> { });
            shared = new SharedDomain<>(r, null);
            SmrProbe.attach(SmrProbe.Target.countersOnly(r::stats));
        }
    }

    @State(Scope.Thread)
    public static class SectionThread {
        SharedDomain<Object> shared;
        Session<Object> session;
        int dummy;

        @Setup(Level.Trial)
        public void join(SectionDomain d) {
            shared = d.shared;
            session = shared.join();
        }

        @TearDown(Level.Trial)
        public void leave() {
            shared.leave(session);
        }
    }

    /**
     * umaperf's section loop: enter, {@code dummy += i}, exit; in ns per section (Mode.AverageTime).
     * umaperf's dummy is volatile, so each section does a real load and store: here an opaque load
     * and store of the thread's counter, which the JIT can neither hoist nor fold.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(SECTIONS)
    public int section(SectionThread t) {
        Session<Object> s = t.session;
        for (int i = 0; i < SECTIONS; i++) {
            s.enter();
            DUMMY.setOpaque(t, (int) DUMMY.getOpaque(t) + i);
            s.exit();
        }
        s.quiescent();
        return t.dummy;
    }

    private static final java.lang.invoke.VarHandle DUMMY;

    static {
        try {
            DUMMY = java.lang.invoke.MethodHandles.lookup().findVarHandle(SectionThread.class, "dummy", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
