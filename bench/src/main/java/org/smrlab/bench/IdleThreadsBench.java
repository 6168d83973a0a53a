package org.smrlab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
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
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.engine.Offline;

/*
 * QUESTION: what do threads that are registered with the engine but idle cost the one that works?
 * A kernel has a record per CPU, most of them idle most of the time; a JVM has a record per thread
 * that ever joined. A read section should not notice them; a poll scans every record, so it should;
 * a grace period waits for all of them. 0, 10, 100 and 1000 idle threads; for qsbr, also offline.
 *
 * THE WORKLOAD: `idle` extra threads each join the domain and then sleep for the whole trial,
 * outside any section. What an idle thread must do depends on the engine, and that is part of the
 * answer: a qsbr thread that stays online without announcing quiescent states would stall every
 * grace period forever, so an online idle qsbr thread wakes every `wake` to announce one (what an
 * idle liburcu-qsbr thread's event loop does); an offline one (idleState=offline, liburcu's
 * rcu_thread_offline) sleeps through. Every other engine's idle threads just sleep: they are outside
 * any section, which is all their engines ask. The JMH thread is the one working thread.
 *
 * KNOBS
 *   engine     every safe engine
 *   batch      nodes per batch ("default")
 *   idle       registered idle threads: 0, 10, 100, 1000
 *   idleState  online (registered; qsbr's wake every `wake`) or offline (qsbr only: sessions that can go
 *              offline; any other engine is refused, since its idle threads need nothing of the kind)
 *   wake       how often an online idle qsbr thread announces a quiescent state (10ms); ignored elsewhere
 *
 * HOW TO READ (ns per op, the working thread; compare the rows of one engine across `idle`)
 *   readSection  enter + exit (100 per invocation): should not move with idle threads.
 *   pollScan     retire one node and flush(): one seal and one poll of a fresh goal, which scans every
 *                record (gus, qsbr, ebr, hp's scan of all hazards): grows with the records.
 *   synchronize  retire one node and barrier(): waits until it is freed, one grace period over every
 *                record (for qsbr online, up to `wake`: the idle threads' next quiescent states).
 *   Secondary metrics (-prof org.smrlab.bench.SmrProfiler): smr.scans.per.op, smr.polls.per.op,
 *   smr.waits.per.op; smr.uaf must be 0.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdleThreadsBench {
    /** Sections per readSection invocation. */
    public static final int SECTIONS = 100;
    /** The idleState values. */
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    @State(Scope.Benchmark)
    public static class Domain {
        @Param({"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none"})
        public String engine;

        @Param({EngineParam.DEFAULT_BATCH})
        public String batch;

        @Param({"0"})
        public int idle;

        @Param({ONLINE})
        public String idleState;

        @Param({"10ms"})
        public String wake;

        SharedDomain<Object> shared;
        private final List<Thread> idleThreads = new ArrayList<>();
        private volatile boolean stop;

        @Setup(Level.Trial)
        public void open() throws InterruptedException {
            if (idle < 0) {
                throw new IllegalArgumentException("idle must be >= 0 threads, got " + idle);
            }
            if (!idleState.equals(ONLINE) && !idleState.equals(OFFLINE)) {
                throw new IllegalArgumentException("idleState '" + idleState + "' is not valid; expected " + ONLINE + " or " + OFFLINE);
            }
            long wakeNanos = Durations.positiveNanos(wake, "wake", "a duration such as 10ms");
            Reclaimer<Object> r = Engines.create(EngineParam.spec(engine, batch), node -> { });
            shared = new SharedDomain<>(r, null);
            CountDownLatch joined = new CountDownLatch(idle);
            AtomicReference<RuntimeException> refused = new AtomicReference<>();
            for (int i = 0; i < idle; i++) {
                Thread t = new Thread(() -> sleepRegistered(r, wakeNanos, joined, refused), "idle-" + i);
                t.setDaemon(true);
                idleThreads.add(t);
                t.start();
            }
            joined.await();
            if (refused.get() != null) {
                stopIdleThreads();
                r.close();
                throw refused.get();
            }
            SmrProbe.attach(SmrProbe.Target.countersOnly(r::stats));
        }

        /** An idle thread: join, go offline or wake now and then for qsbr, sleep until the trial ends, leave. */
        private void sleepRegistered(Reclaimer<Object> r, long wakeNanos, CountDownLatch joined,
                                     AtomicReference<RuntimeException> refused) {
            Session<Object> s = r.join();
            try {
                boolean offline = idleState.equals(OFFLINE);
                boolean announces = s instanceof Offline && !offline; // an online qsbr thread must announce quiescent states
                if (offline) {
                    if (!(s instanceof Offline o)) {
                        refused.compareAndSet(null, new IllegalArgumentException("idleState=offline needs an engine whose "
                                + "sessions go offline (qsbr); " + engine + "'s idle threads are outside any section already"));
                        joined.countDown();
                        return;
                    }
                    o.offline();
                }
                joined.countDown();
                while (!stop) {
                    LockSupport.parkNanos(announces ? wakeNanos : TimeUnit.MILLISECONDS.toNanos(100));
                    if (announces) {
                        s.quiescent();
                    }
                }
                if (offline) {
                    ((Offline) s).online();
                }
            } finally {
                s.close();
            }
        }

        /** Wakes the idle threads and waits for them to leave; idempotent. */
        void stopIdleThreads() {
            stop = true;
            for (Thread t : idleThreads) {
                LockSupport.unpark(t);
            }
            for (Thread t : idleThreads) {
                try {
                    t.join(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (t.isAlive()) {
                    throw new IllegalStateException("IdleThreadsBench: idle thread " + t.getName() + " did not leave within 60 s");
                }
            }
        }
    }

    /** The working thread: a session and a ring of nodes to retire (freed for real: the free function does nothing). */
    @State(Scope.Thread)
    public static class Worker {
        Domain domain;
        Session<Object> session;
        final Object[] ring = new Object[1024];
        int next;

        @Setup(Level.Trial)
        public void join(Domain d) {
            domain = d;
            session = d.shared.join();
            for (int i = 0; i < ring.length; i++) {
                ring[i] = new Object();
            }
        }

        Object node() {
            return ring[next++ & (ring.length - 1)];
        }

        @TearDown(Level.Trial)
        public void leave() {
            domain.stopIdleThreads(); // before the last member leaves: closing the engine waits for every session
            domain.shared.leave(session);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SECTIONS)
    public void readSection(Worker w) {
        Session<Object> s = w.session;
        for (int i = 0; i < SECTIONS; i++) {
            s.enter();
            s.exit();
        }
        s.quiescent();
    }

    @Benchmark
    public void pollScan(Worker w) {
        w.session.retire(w.node());
        w.session.flush();
        w.session.quiescent();
    }

    @Benchmark
    public void synchronize(Worker w) {
        w.session.retire(w.node());
        w.session.barrier();
        w.session.quiescent();
    }
}
