package org.smrlab.smr.torture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Spec;
import org.smrlab.smr.checked.CheckedReclaimer;
import org.smrlab.smr.engine.AbstractReclaimer;
import org.smrlab.smr.engine.FaultInjector;

/**
 * The torture harness's second half: the paths a steady workload never takes, run on a bare
 * engine with a ledger that counts every free of every node.
 *
 * <h2>Implementation notes</h2>
 * Each path builds a fresh domain of the engine at {@code batch=4} (unless the spec asks for more),
 * so batches, hand-on and adoption happen for every engine, rwlock included. Nodes are ledger
 * entries: the free function counts the frees of each node and poisons it; a reader that finds a
 * node poisoned while still inside the section that loaded it counts a use-after-free. A path ends
 * with the domain closed and the ledger checked: every node handed to {@code retire} freed exactly
 * once (the {@code none} baseline: never), or the path reports what went wrong.
 * <table>
 * <tr><th>path</th><th>what runs</th><th>what must hold</th></tr>
 * <tr><td>{@code hand-on}</td><td>readers loop over a few shared slots; writers replace slots and retire
 *     what they replaced, in short sessions that flush now and then and end with a flush, a barrier or
 *     nothing before they leave</td><td>no use-after-free; every node freed once after close</td></tr>
 * <tr><td>{@code adopt-under-reader}</td><td>rounds of: a reader enters and holds a node; a session that
 *     has already reclaimed on its own (its clock, if private, is ahead) sees another session unlink
 *     and retire that node, seal or not, and leave; it then flushes, polls and advances while the
 *     reader is still inside</td><td>the held node is not freed until the reader has left, then
 *     exactly once: a handed-on goal is never judged against a clock that did not issue it</td></tr>
 * <tr><td>{@code close-races-joins}</td><td>threads join, retire, leave and join again while the domain
 *     is closed under them</td><td>close completes; a join after it fails; nothing a late session retired
 *     is lost</td></tr>
 * <tr><td>{@code close-with-reader}</td><td>a reader stays inside holding a retired node while close()
 *     runs (its wait shortened to 50 ms)</td><td>close fails, freeing nothing the reader holds and refusing
 *     joins; after the reader leaves a second close completes, frees every node once and stops every
 *     helper thread</td></tr>
 * <tr><td>{@code throwing-free}</td><td>the hand-on workload with a free function that throws on every
 *     7th call</td><td>callers see the failures; every node is still handed to free exactly once; close
 *     completes (rethrowing at most the first failure), and a second close does nothing</td></tr>
 * <tr><td>{@code failing-barrier}</td><td>the hand-on workload with every 3rd grace-period barrier and
 *     every 3rd blocking wait failing ({@link FaultInjector})</td><td>callers see the failures; no
 *     use-after-free; every node freed once</td></tr>
 * </table>
 * What a path expects to see thrown (the injected faults, the free's own exception) is counted; any
 * other exception from a worker is an error of the path.
 */
final class Paths {
    static final int BATCH = 4;
    private static final int SLOTS = 8;
    /** How long the staying reader stays inside each time it enters. */
    private static final long STAY_NANOS = 1_000_000;
    private static final long HAND_ON_MILLIS = 250;
    private static final long FAULT_MILLIS = 200;
    private static final long CLOSE_WAIT_MILLIS = 50;
    private static final int THROW_EVERY = 7;
    private static final int FAULT_EVERY = 3;
    /** Nodes a path retires at most (its ledger keeps them all): about 10 MB. */
    private static final long MAX_RETIRED = 200_000;

    private Paths() {
    }

    /** What one path found. */
    record Outcome(String path, long retired, long freed, long lost, long doubleFrees, long detections,
                   long expectedFailures, String error) {

        boolean clean(boolean neverFrees) {
            return error == null && doubleFrees == 0 && (neverFrees ? freed == 0 : lost == 0);
        }

        String describe() {
            StringBuilder b = new StringBuilder(path).append('[');
            b.append("retired=").append(retired).append(" lost=").append(lost).append(" double=").append(doubleFrees)
                    .append(" uaf=").append(detections).append(" thrown=").append(expectedFailures).append(']');
            if (error != null) {
                b.append(" error: ").append(error);
            }
            return b.toString();
        }
    }

    /** The spec with at least {@link #BATCH} nodes per batch. */
    static String batched(String spec) {
        Spec s = Spec.parse(spec);
        String b = s.knobs().get("batch");
        if (b != null && Long.parseLong(b.strip()) >= BATCH) {
            return spec;
        }
        StringBuilder out = new StringBuilder(s.engine()).append(":batch=").append(BATCH);
        for (Map.Entry<String, String> k : s.knobs().entrySet()) {
            if (!k.getKey().equals("batch")) {
                out.append(',').append(k.getKey()).append('=').append(k.getValue());
            }
        }
        return out.toString();
    }

    /** Runs every path once on {@code spec}. */
    static List<Outcome> runAll(String spec, long seed) {
        String batched = batched(spec);
        List<Outcome> out = new ArrayList<>();
        out.add(guard("hand-on", () -> handOn(batched, seed)));
        out.add(guard("adopt-under-reader", () -> adoptUnderReader(batched, seed)));
        out.add(guard("close-races-joins", () -> closeRacesJoins(batched, seed)));
        out.add(guard("close-with-reader", () -> closeWithReader(batched)));
        out.add(guard("throwing-free", () -> throwingFree(batched, seed)));
        out.add(guard("failing-barrier", () -> failingBarrier(batched, seed)));
        return out;
    }

    private interface PathBody {
        Outcome run() throws Exception;
    }

    private static Outcome guard(String name, PathBody body) {
        try {
            return body.run();
        } catch (Exception | AssertionError e) {
            return new Outcome(name, 0, 0, 0, 0, 0, 0, "the path itself threw " + e);
        }
    }

    // ------------------------------------------------------------------ the ledger

    /** A node: it knows how often it was freed, and whether it is poisoned. */
    static final class Node {
        final AtomicInteger frees = new AtomicInteger();
        volatile boolean poisoned;
    }

    /** Every node retired in one path, and what happened to each. */
    static final class Ledger {
        final ConcurrentLinkedQueue<Node> retired = new ConcurrentLinkedQueue<>();
        final AtomicLong detections = new AtomicLong();
        final AtomicLong expectedFailures = new AtomicLong();
        final AtomicLong count = new AtomicLong();

        /** Whether the path has retired enough: the ledger keeps every node, so a fast engine is capped. */
        boolean full() {
            return count.get() >= MAX_RETIRED;
        }
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

        void free(Node n) {
            n.frees.incrementAndGet();
            n.poisoned = true;
        }

        /** Hands {@code n} to the engine; the ledger knows it first, since an engine may free at once. */
        void retire(Session<Node> s, Node n) {
            retired.add(n);
            count.incrementAndGet();
            s.retire(n);
        }

        Outcome outcome(String path, String extraError) {
            long lost = 0, doubles = 0, freed = 0;
            for (Node n : retired) {
                int f = n.frees.get();
                if (f == 0) {
                    lost++;
                } else {
                    freed++;
                    if (f > 1) {
                        doubles++;
                    }
                }
            }
            List<String> all = new ArrayList<>(errors);
            if (extraError != null) {
                all.add(extraError);
            }
            return new Outcome(path, retired.size(), freed, lost, doubles, detections.get(), expectedFailures.get(),
                    all.isEmpty() ? null : String.join("; ", all.subList(0, Math.min(3, all.size()))));
        }
    }

    private static AbstractReclaimer<?> engineOf(Reclaimer<?> r) {
        return (AbstractReclaimer<?>) CheckedReclaimer.unwrap(r);
    }

    private static boolean neverFrees(String spec) {
        return Engines.type(Spec.parse(spec).engine()).neverFrees();
    }

    // ------------------------------------------------------------------ shared workload

    /** Readers and writers over shared slots until {@code millis} have passed; then every worker's session is closed. */
    private static void workload(Reclaimer<Node> domain, Ledger ledger, long seed, long millis,
                                 Predicate<Throwable> expected) throws InterruptedException {
        @SuppressWarnings("unchecked")
        AtomicReference<Node>[] slots = new AtomicReference[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = new AtomicReference<>(new Node());
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + i);
            long stayNanos = i == 0 ? STAY_NANOS : 0; // the first reader stays inside a while each time
            threads.add(worker("path-reader-" + i, ledger, expected,
                    () -> readLoop(domain, ledger, slots, stop, random, stayNanos)));
        }
        for (int i = 0; i < 2; i++) {
            SplittableRandom random = new SplittableRandom(seed * 31 + 100 + i);
            threads.add(worker("path-writer-" + i, ledger, expected, () -> writeLoop(domain, ledger, slots, stop, random, expected)));
        }
        threads.forEach(Thread::start);
        Thread.sleep(millis);
        stop.set(true);
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                ledger.errors.add(t.getName() + " still running 10 s after stop");
            }
        }
    }

    private static Thread worker(String name, Ledger ledger, Predicate<Throwable> expected, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                if (expected.test(e)) {
                    ledger.expectedFailures.incrementAndGet();
                } else {
                    ledger.errors.add(Thread.currentThread().getName() + " threw " + e);
                }
            }
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static void readLoop(Reclaimer<Node> domain, Ledger ledger, AtomicReference<Node>[] slots,
                                 AtomicBoolean stop, SplittableRandom random, long stayNanos) {
        try (Session<Node> s = domain.join()) {
            long n = 0;
            while (!stop.get()) {
                s.enter();
                try {
                    Node node = s.protect(0, slots[random.nextInt(SLOTS)]);
                    if (stayNanos > 0) {
                        LockSupport.parkNanos(stayNanos); // many sessions seal, leave and are adopted meanwhile
                    } else if (++n % 64 == 0) {
                        LockSupport.parkNanos(20_000); // now and then a longer stay inside: a wider window
                    } else {
                        for (int i = 0; i < 32; i++) {
                            Thread.onSpinWait();
                        }
                    }
                    if (node.poisoned) {
                        ledger.detections.incrementAndGet(); // freed while this section holds it
                    }
                } finally {
                    s.exit();
                }
                s.quiescent();
            }
        }
    }

    /** Short sessions: replace and retire, flush now and then, and leave with a flush, a barrier or nothing. */
    private static void writeLoop(Reclaimer<Node> domain, Ledger ledger, AtomicReference<Node>[] slots,
                                  AtomicBoolean stop, SplittableRandom random, Predicate<Throwable> expected) {
        while (!stop.get() && !ledger.full()) {
            Session<Node> s = domain.join();
            try {
                int ops = 4 + random.nextInt(random.nextBoolean() ? 16 : 256); // short and long sessions
                for (int i = 0; i < ops && !stop.get() && !ledger.full(); i++) {
                    Node old = slots[random.nextInt(SLOTS)].getAndSet(new Node()); // the unlink: only we retire old
                    attempt(ledger, expected, () -> ledger.retire(s, old));
                    if (random.nextInt(4) == 0) {
                        attempt(ledger, expected, s::flush);
                    }
                    s.quiescent();
                }
                switch (random.nextInt(3)) {
                    case 0 -> attempt(ledger, expected, s::flush);
                    case 1 -> attempt(ledger, expected, s::barrier);
                    default -> { } // leave with everything pending: handed on
                }
            } finally {
                s.close();
            }
        }
    }

    /** Runs {@code op}; a failure the path expects is counted, any other is rethrown. */
    private static void attempt(Ledger ledger, Predicate<Throwable> expected, Runnable op) {
        try {
            op.run();
        } catch (RuntimeException e) {
            if (!expected.test(e)) {
                throw e;
            }
            ledger.expectedFailures.incrementAndGet();
        }
    }

    /** Closes {@code domain} (retrying once if a free failure the path expects was rethrown) and checks it stays closed. */
    private static String closeCompletely(Reclaimer<Node> domain, Ledger ledger, Predicate<Throwable> expected) {
        try {
            domain.close();
        } catch (RuntimeException e) {
            if (!expected.test(e)) {
                return "close threw " + e;
            }
            ledger.expectedFailures.incrementAndGet();
        }
        if (!engineOf(domain).isClosed()) {
            return "close returned but the domain is not closed";
        }
        try {
            domain.close();
        } catch (RuntimeException e) {
            return "a second close() threw " + e;
        }
        return helpersStopped(domain);
    }

    private static String helpersStopped(Reclaimer<Node> domain) {
        for (Thread t : engineOf(domain).helperThreads()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (t.isAlive()) {
                return "helper " + t.getName() + " still running after close";
            }
        }
        return null;
    }

    private static Reclaimer<Node> create(String spec, Consumer<Node> free) {
        return Engines.create(spec, free);
    }

    private static final Predicate<Throwable> NOTHING = e -> false;

    // ------------------------------------------------------------------ the paths

    static Outcome handOn(String spec, long seed) throws InterruptedException {
        Ledger ledger = new Ledger();
        Reclaimer<Node> domain = create(spec, ledger::free);
        workload(domain, ledger, seed, HAND_ON_MILLIS, NOTHING);
        return ledger.outcome("hand-on", closeCompletely(domain, ledger, NOTHING));
    }

    private static final int ADOPT_ROUNDS = 12;

    static Outcome adoptUnderReader(String spec, long seed) throws Exception {
        Ledger ledger = new Ledger();
        Reclaimer<Node> domain = create(spec, ledger::free);
        SplittableRandom random = new SplittableRandom(seed);
        AtomicReference<Node> link = new AtomicReference<>(new Node());
        String error = null;
        try (Role adopterRole = new Role("path-adopter"); Role readerRole = new Role("path-holder");
             Role leaverRole = new Role("path-leaver")) {
            Session<Node> adopter = adopterRole.call(domain::join);
            for (int round = 0; round < ADOPT_ROUNDS && error == null; round++) {
                int warmUp = 1 + random.nextInt(2 * BATCH);
                int leaverBatches = random.nextInt(3);
                int extra = random.nextInt(BATCH - 1);
                boolean leaverFlushes = random.nextBoolean();
                adopterRole.run(() -> { // moves the adopter's own clock, if it has one, with nobody inside
                    for (int i = 0; i < warmUp; i++) {
                        ledger.retire(adopter, new Node());
                        adopter.quiescent();
                    }
                    adopter.barrier();
                });
                leaverRole.run(() -> { // full batches of another session, before the reader enters (they may block)
                    try (Session<Node> s = domain.join()) {
                        for (int i = 0; i < leaverBatches * BATCH; i++) {
                            ledger.retire(s, new Node());
                            s.quiescent();
                        }
                    } // no barrier: on qsbr the idle adopter, online, would hold it up
                });
                Session<Node> reader = readerRole.call(domain::join);
                Node held = readerRole.call(() -> {
                    reader.enter();
                    return reader.protect(0, link);
                });
                leaverRole.run(() -> {
                    try (Session<Node> s = domain.join()) {
                        link.set(new Node()); // unlink held
                        ledger.retire(s, held);
                        for (int i = 0; i < extra; i++) {
                            ledger.retire(s, new Node()); // less than a batch in all: never blocks
                        }
                        s.quiescent();
                        if (leaverFlushes) {
                            s.flush();
                        }
                    } // closed: everything handed on
                });
                adopterRole.run(() -> {
                    for (int i = 0; i < 4; i++) {
                        adopter.quiescent();
                        adopter.flush(); // adopts, and polls what it adopted
                        if (adopter instanceof org.smrlab.smr.GracePeriods gp) {
                            gp.poll(gp.advance());
                        }
                    }
                });
                if (held.frees.get() != 0 || held.poisoned) {
                    ledger.detections.incrementAndGet(); // freed while the reader that holds it is inside
                }
                readerRole.run(() -> {
                    reader.exit();
                    reader.quiescent();
                    reader.close();
                });
                adopterRole.run(() -> {
                    adopter.quiescent();
                    adopter.barrier();
                });
                if (!neverFrees(spec) && held.frees.get() != 1) {
                    error = "round " + round + ": the adopter's barrier left the held node freed " + held.frees.get() + " times";
                }
            }
            adopterRole.run(adopter::close);
        }
        String closeError = closeCompletely(domain, ledger, NOTHING);
        return ledger.outcome("adopt-under-reader", error != null ? error : closeError);
    }

    /** A thread of its own that runs what it is given, one task at a time: sessions are confined to their thread. */
    static final class Role implements AutoCloseable {
        private final java.util.concurrent.ExecutorService exec;

        Role(String name) {
            exec = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }

        <V> V call(java.util.concurrent.Callable<V> c) throws Exception {
            try {
                return exec.submit(c).get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }

        void run(Runnable r) throws Exception {
            call(() -> {
                r.run();
                return null;
            });
        }

        @Override
        public void close() {
            exec.shutdownNow();
        }
    }

    static Outcome closeRacesJoins(String spec, long seed) throws InterruptedException {
        Ledger ledger = new Ledger();
        Reclaimer<Node> domain = create(spec, ledger::free);
        AtomicLong lateJoins = new AtomicLong();
        AtomicBoolean closed = new AtomicBoolean();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SplittableRandom random = new SplittableRandom(seed * 17 + i);
            threads.add(worker("path-joiner-" + i, ledger, NOTHING, () -> {
                for (;;) {
                    Session<Node> s;
                    try {
                        s = domain.join();
                    } catch (IllegalStateException e) {
                        return; // the domain is closing: expected, and the end of this thread
                    }
                    if (closed.get()) {
                        lateJoins.incrementAndGet(); // a session registered after close() had completed
                    }
                    try {
                        int n = 1 + random.nextInt(6);
                        for (int k = 0; k < n; k++) {
                            ledger.retire(s, new Node());
                        }
                        if (random.nextBoolean()) {
                            s.flush();
                        }
                    } finally {
                        s.close();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        Thread.sleep(20 + new SplittableRandom(seed).nextInt(40));
        String error = null;
        try {
            domain.close();
            closed.set(true);
        } catch (RuntimeException e) {
            error = "close() racing joins threw " + e;
        }
        for (Thread t : threads) {
            t.join(10_000);
            if (t.isAlive()) {
                ledger.errors.add(t.getName() + " still joining 10 s after close");
            }
        }
        if (lateJoins.get() > 0) {
            ledger.errors.add(lateJoins.get() + " join(s) succeeded after close() completed");
        }
        if (error == null) {
            error = helpersStopped(domain);
        }
        return ledger.outcome("close-races-joins", error);
    }

    static Outcome closeWithReader(String spec) throws InterruptedException {
        Ledger ledger = new Ledger();
        Reclaimer<Node> domain = create(spec, ledger::free);
        engineOf(domain).setCloseWait(Duration.ofMillis(CLOSE_WAIT_MILLIS));
        Node held = new Node();
        AtomicReference<Node> link = new AtomicReference<>(held);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread reader = worker("path-stayer", ledger, NOTHING, () -> {
            try (Session<Node> s = domain.join()) {
                s.enter();
                try {
                    Node n = s.protect(0, link);
                    inside.countDown();
                    leave.await();
                    if (n.poisoned) {
                        ledger.detections.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    s.exit();
                }
            }
        });
        String error = null;
        try {
            reader.start();
            if (!inside.await(10, TimeUnit.SECONDS)) {
                return ledger.outcome("close-with-reader", "the reader never entered");
            }
            Session<Node> w = domain.join();
            link.set(new Node()); // unlink held
            ledger.retire(w, held);
            for (int i = 0; i < BATCH - 2; i++) {
                ledger.retire(w, new Node()); // less than a batch: never blocks, even on pserialize and rwlock
            }
            w.quiescent();
            w.flush();
            boolean gaveUp = false;
            try {
                domain.close(); // closes w; the reader is still inside
            } catch (IllegalStateException e) {
                gaveUp = true;
            }
            if (!gaveUp) {
                error = "close() completed while a reader was still inside";
            } else {
                try {
                    domain.join().close();
                    error = "a domain whose close() gave up still took a new session";
                } catch (IllegalStateException expectedRefusal) {
                    // joins are refused from the first close() on
                }
                for (Thread t : engineOf(domain).helperThreads()) {
                    if (!t.isAlive()) {
                        error = "close() gave up but stopped helper " + t.getName() + ", which the open session still needs";
                    }
                }
            }
        } finally {
            leave.countDown();
            reader.join(10_000);
        }
        if (error == null) {
            error = closeCompletely(domain, ledger, NOTHING); // the reader has left: this one completes
        }
        return ledger.outcome("close-with-reader", error);
    }

    static Outcome throwingFree(String spec, long seed) throws InterruptedException {
        Ledger ledger = new Ledger();
        AtomicLong calls = new AtomicLong();
        Predicate<Throwable> freeFailure = e -> e instanceof FreeFailure;
        Reclaimer<Node> domain = create(spec, n -> {
            ledger.free(n);
            if (calls.incrementAndGet() % THROW_EVERY == 0) {
                throw new FreeFailure();
            }
        });
        workload(domain, ledger, seed, FAULT_MILLIS, freeFailure);
        return ledger.outcome("throwing-free", closeCompletely(domain, ledger, freeFailure));
    }

    static Outcome failingBarrier(String spec, long seed) throws InterruptedException {
        Ledger ledger = new Ledger();
        Reclaimer<Node> domain = create(spec, ledger::free);
        FaultInjector faults = FaultInjector.every(FAULT_EVERY, FaultInjector.Point.BARRIER, FaultInjector.Point.WAIT);
        engineOf(domain).injectFaults(faults);
        Predicate<Throwable> injected = Paths::isInjected;
        workload(domain, ledger, seed, FAULT_MILLIS, injected);
        return ledger.outcome("failing-barrier", closeCompletely(domain, ledger, injected));
    }

    /** An injected fault, or a waiter's report of one (pserialize tells every waiter of a failed grace period). */
    static boolean isInjected(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof FaultInjector.InjectedFault) {
                return true;
            }
        }
        return false;
    }

    /** What the throwing-free path's free function throws. */
    static final class FreeFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FreeFailure() {
            super("free failed (injected by the torture harness)");
        }
    }

    /** One line for a list of outcomes. */
    static String summary(List<Outcome> outcomes, boolean neverFrees) {
        int clean = 0;
        StringBuilder bad = new StringBuilder();
        for (Outcome o : outcomes) {
            if (o.clean(neverFrees) && o.detections() == 0) {
                clean++;
            } else {
                bad.append(' ').append(o.describe());
            }
        }
        return String.format(Locale.ROOT, "paths=%d/%d", clean, outcomes.size()) + bad;
    }
}
