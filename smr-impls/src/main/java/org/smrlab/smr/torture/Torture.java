package org.smrlab.smr.torture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Spec;
import org.smrlab.smr.Stats;
import org.smrlab.smr.checked.CheckedReclaimer;
import org.smrlab.smr.engine.AbstractReclaimer;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.engine.FaultInjector;
import org.smrlab.smr.pool.PoolStats;
import org.smrlab.smr.set.SetNode;
import org.smrlab.smr.set.SmrHashSet;

/**
 * The torture harness: runs one engine for a while under readers, writers, thread churn and
 * stalled readers over an {@link SmrHashSet} and its {@link org.smrlab.smr.pool.SmrPool}, and
 * counts every way the engine could have failed.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Workload.</b> Writers add and remove random keys of a small range (default 128 keys in 16
 *     buckets), so nodes are freed and reused constantly: a node freed too early is soon poisoned
 *     or recycled under some reader. Readers look keys up. Every thread announces a quiescent state
 *     after each operation (qsbr needs it; it is a no-op elsewhere), outside any section.</li>
 * <li><b>Churn.</b> With churn on, every worker closes its handle every few hundred operations
 *     and joins again, so records are released and reused and pending batches are handed on;
 *     every few rejoins the worker thread ends and a fresh thread takes its place, so thread-local
 *     caches and records of dead threads are exercised too.</li>
 * <li><b>Stalled readers</b> enter a section, protect a node, park (for the stall, or until the run
 *     ends) and check the node is still what it was before leaving. Between stalls they look keys
 *     up like the other readers. One stalling 1 ms at a time is the default: it is what catches
 *     {@code broken} in every short run (ordinary lookups hold a node for nanoseconds, so on two
 *     cores they catch it only now and then).</li>
 * <li><b>What is counted.</b> Use-after-free detections (readers and stalled readers, plus any
 *     fault {@link SmrHashSet#checkStructure()} finds after the run); nodes lost (retired through
 *     the pool and never freed once the engine is closed: the pool counts every put and every first
 *     free, so the figure is exact); double frees and writes after free (the pool); peak pending
 *     (the engine's own peak, and a 5 ms sampler); the pool's footprint. The engine's own retired
 *     and freed counters are cross-checked against the pool's.</li>
 * <li><b>Leaving.</b> Writers flush every few dozen operations and call {@code barrier()} now and
 *     then (not with a stall that lasts until the end), and end each handle with a flush, a barrier
 *     or nothing before it is closed: sessions leave with batches sealed, waited for, or still open,
 *     while the others read, so batches are handed on and adopted in every state.</li>
 * <li><b>Faults.</b> Unless turned off, every 16th grace-period barrier and every 16th blocking
 *     wait of the engine fails ({@link org.smrlab.smr.engine.FaultInjector}); a worker that sees the
 *     failure counts it and goes on. Nothing may be lost for it.</li>
 * <li><b>Paths.</b> After the workload, {@link Paths} runs what a steady workload never does, on a
 *     bare domain of the same engine at batch &ge; 4: hand-on under readers, a close racing joins, a
 *     close with a reader still inside (it must fail, then complete), a free function that throws, a
 *     barrier that fails. Each ends with a ledger check: every retired node freed exactly once.</li>
 * <li>The {@code none} engine never frees by design (its catalogue entry says so): its lost count
 *     equals its retired count, is reported, and is not a failure.</li>
 * </ul>
 * Nothing here is shared between workers except the set and the stop flag: each worker slot keeps
 * its own counts, read by the main thread after joining the slot's last thread.
 */
public final class Torture {
    private static final long SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** How long the main thread waits for workers to stop before declaring them hung. */
    private static final long STOP_WAIT_MILLIS = 30_000;
    private static final int CHURN_OPS = 512;
    private static final int REJOINS_PER_THREAD = 4;
    /** A writer flushes every this many operations, and calls barrier() every {@link #BARRIER_EVERY}. */
    private static final int FLUSH_EVERY = 61;
    private static final int BARRIER_EVERY = 257;

    private Torture() {
    }

    /**
     * What to run.
     *
     * @param engine         engine spec
     * @param seconds        how long
     * @param readers        reader threads
     * @param writers        writer threads
     * @param keys           key range {@code [0, keys)}
     * @param buckets        hash buckets (a power of two)
     * @param churn          whether threads leave and join again
     * @param stalledReaders threads that park inside a section
     * @param stallNanos     how long each stall lasts; {@link #STALL_FOREVER} = until the run ends
     * @param seed           seed of every thread's random keys
     * @param faultEvery     fail every n-th grace-period barrier and blocking wait of the workload; 0 = none
     * @param pathRounds     how many times the {@link Paths} run after the workload (each time with the next seed); 0 = none
     */
    public record Config(String engine, double seconds, int readers, int writers, int keys, int buckets,
                         boolean churn, int stalledReaders, long stallNanos, long seed, long faultEvery, int pathRounds) {
        public static final long STALL_FOREVER = -1;
        /** The workload's default fault period: every 16th barrier and every 16th blocking wait fails. */
        public static final long DEFAULT_FAULT_EVERY = 16;

        public Config {
            Engines.canonical(engine); // throws listing valid engines and knobs
            require(seconds > 0 && seconds <= 86_400, "seconds must be in (0, 86400], got " + seconds);
            require(readers >= 0, "readers must be >= 0, got " + readers);
            require(writers >= 1, "writers must be >= 1 (nothing is retired without one), got " + writers);
            require(keys >= 1, "keys must be >= 1, got " + keys);
            require(buckets >= 1 && Integer.bitCount(buckets) == 1, "buckets must be a power of two, got " + buckets);
            require(stalledReaders >= 0, "stalled readers must be >= 0, got " + stalledReaders);
            require(stallNanos == STALL_FOREVER || stallNanos > 0,
                    "stall must be positive or STALL_FOREVER, got " + stallNanos + " ns");
            require(faultEvery >= 0, "faults must be >= 0 (0 = off), got " + faultEvery);
            require(pathRounds >= 0, "path rounds must be >= 0 (0 = off), got " + pathRounds);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException("torture config: " + message);
            }
        }

        /**
         * Defaults: 2 s, 2 readers, 2 writers, 128 keys, 16 buckets, churn on, one stalled reader
         * stalling 1 ms at a time, seed 1, a fault every 16th barrier and wait, one round of the paths. The stalled reader is the sharpest detector: it holds a
         * node for a millisecond while writers recycle the key range many times over, so an engine
         * that frees early is caught in nearly every stall, where an ordinary lookup holds a node
         * for nanoseconds.
         */
        public static Builder builder(String engine) {
            return new Builder(engine);
        }

        public Builder toBuilder() {
            return new Builder(engine).seconds(seconds).readers(readers).writers(writers).keys(keys)
                    .buckets(buckets).churn(churn).stalledReaders(stalledReaders).stallNanos(stallNanos).seed(seed)
                    .faultEvery(faultEvery).pathRounds(pathRounds);
        }

        /** The stall as text: {@code off}, {@code forever}, or a duration. */
        public String stallText() {
            if (stalledReaders == 0) {
                return "off";
            }
            return stalledReaders + "x" + (stallNanos == STALL_FOREVER ? "forever" : Durations.format(stallNanos));
        }
    }

    /** A fluent builder for {@link Config}. */
    public static final class Builder {
        private String engine;
        private double seconds = 2;
        private int readers = 2;
        private int writers = 2;
        private int keys = 128;
        private int buckets = 16;
        private boolean churn = true;
        private int stalledReaders = 1;
        private long stallNanos = TimeUnit.MILLISECONDS.toNanos(1);
        private long seed = 1;
        private long faultEvery = Config.DEFAULT_FAULT_EVERY;
        private int pathRounds = 1;

        private Builder(String engine) {
            this.engine = engine;
        }

        public Builder engine(String v) {
            engine = v;
            return this;
        }

        public Builder seconds(double v) {
            seconds = v;
            return this;
        }

        public Builder readers(int v) {
            readers = v;
            return this;
        }

        public Builder writers(int v) {
            writers = v;
            return this;
        }

        public Builder keys(int v) {
            keys = v;
            return this;
        }

        public Builder buckets(int v) {
            buckets = v;
            return this;
        }

        public Builder churn(boolean v) {
            churn = v;
            return this;
        }

        public Builder stalledReaders(int v) {
            stalledReaders = v;
            return this;
        }

        /** Each stall's length; {@link Config#STALL_FOREVER} parks until the run ends. */
        public Builder stallNanos(long v) {
            stallNanos = v;
            return this;
        }

        /** {@code count} stalled readers, each stalling {@code nanos} at a time (or forever). */
        public Builder stall(int count, long nanos) {
            stalledReaders = count;
            stallNanos = nanos;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        /** Fail every {@code n}-th grace-period barrier and blocking wait of the workload; 0 = none. */
        public Builder faultEvery(long n) {
            faultEvery = n;
            return this;
        }

        /** How many times the {@link Paths} run after the workload; 0 = not at all. */
        public Builder pathRounds(int v) {
            pathRounds = v;
            return this;
        }

        public Config build() {
            return new Config(engine, seconds, readers, writers, keys, buckets, churn, stalledReaders, stallNanos, seed,
                    faultEvery, pathRounds);
        }
    }

    /**
     * What a run found.
     *
     * @param engine         the engine's canonical name
     * @param seconds        how long the workers ran
     * @param ops            reads + writes + stalls
     * @param reads          lookups
     * @param writes         adds and removes attempted
     * @param stalls         stalls completed by stalled readers
     * @param churns         handle closes and rejoins
     * @param detections     use-after-free detections (readers, stalled readers, structure check)
     * @param lost           nodes retired and never freed after close ({@code retired - freed})
     * @param retired        nodes retired through the pool
     * @param freed          nodes freed (first frees only)
     * @param doubleFrees    frees of an already freed node
     * @param writeAfterFree nodes whose poison was damaged when reused
     * @param peakPending    the most nodes retired and not yet freed at once
     * @param pendingAtEnd   nodes pending when the workers had stopped, before close
     * @param footprint      the pool's peak footprint (nodes allocated and owned)
     * @param restarts       reader restarts (node unlinked under the reader, or a detection)
     * @param seed           the seed used
     * @param faultsInjected faults injected into the workload's barriers and waits
     * @param faultsSeen     failures the workers saw (an injected fault, or a waiter's report of one)
     * @param paths          what each of the {@link Paths} found (empty when they did not run)
     * @param error          what went wrong besides the counts (a worker's exception, a hung thread,
     *                       a counter mismatch, a structure fault), or null
     */
    public record Result(String engine, double seconds, long ops, long reads, long writes, long stalls, long churns,
                         long detections, long lost, long retired, long freed, long doubleFrees, long writeAfterFree,
                         long peakPending, long pendingAtEnd, long footprint, long restarts, long seed,
                         long faultsInjected, long faultsSeen, List<Paths.Outcome> paths, String error) {

        public Result {
            paths = List.copyOf(paths);
        }

        /** Whether the engine never frees by design (its catalogue entry says so): then lost = retired is expected. */
        public boolean neverFrees() {
            return Engines.type(Spec.parse(engine).engine()).neverFrees();
        }

        private boolean lostAsExpected() {
            return neverFrees() ? freed == 0 && lost == retired : lost == 0;
        }

        /** Use-after-free detections of the workload and of every path. */
        public long allDetections() {
            long n = detections;
            for (Paths.Outcome o : paths) {
                n += o.detections();
            }
            return n;
        }

        /** No detection, nothing lost (beyond {@code none}'s design), no double free, no write after free, no error, every path clean. */
        public boolean ok() {
            return allDetections() == 0 && clean();
        }

        /** For {@code broken}: detections seen, and nothing else wrong. */
        public boolean caught() {
            return allDetections() > 0 && clean();
        }

        private boolean clean() {
            if (error != null || doubleFrees != 0 || writeAfterFree != 0 || !lostAsExpected()) {
                return false;
            }
            for (Paths.Outcome o : paths) {
                if (!o.clean(neverFrees())) {
                    return false;
                }
            }
            return true;
        }

        /** One line: status, engine, and every count. */
        public String summaryLine() {
            return summaryLine(false);
        }

        /** As {@link #summaryLine()}; with {@code expectDetections} the status says whether detections were caught. */
        public String summaryLine(boolean expectDetections) {
            String status = expectDetections ? (caught() ? "caught" : "MISSED") : (ok() ? "ok" : "FAIL");
            StringBuilder b = new StringBuilder();
            b.append(String.format(Locale.ROOT, "%-6s %-48s %5.1fs ops=%d reads=%d writes=%d stalls=%d churns=%d",
                    status, engine, seconds, ops, reads, writes, stalls, churns));
            b.append(" uaf=").append(detections);
            b.append(" lost=").append(lost);
            if (neverFrees()) {
                b.append(lost == retired ? " (= retired: none never frees, expected)" : " (none should equal retired=" + retired + ")");
            }
            b.append(" double=").append(doubleFrees);
            b.append(" waf=").append(writeAfterFree);
            b.append(" retired=").append(retired);
            b.append(" peakPending=").append(peakPending);
            b.append(" footprint=").append(footprint);
            b.append(" restarts=").append(restarts);
            b.append(" faults=").append(faultsInjected).append('/').append(faultsSeen);
            b.append(" seed=").append(seed);
            if (!paths.isEmpty()) {
                b.append(' ').append(Paths.summary(paths, neverFrees()));
            }
            if (error != null) {
                b.append(" error: ").append(error);
            }
            return b.toString();
        }
    }

    // ------------------------------------------------------------------ the run

    /** Runs {@code config}; engine-spec errors throw {@link IllegalArgumentException}, everything else is in the result. */
    public static Result run(Config config) {
        SmrHashSet set = new SmrHashSet(config.engine(), config.buckets());
        Reclaimer<SetNode> engine = set.reclaimer();
        String name = engine.name();
        List<String> errors = new ArrayList<>();
        try {
            prefill(set, config);
        } catch (RuntimeException e) {
            set.close();
            throw e;
        }
        FaultInjector injector = config.faultEvery() == 0 ? null
                : FaultInjector.every(config.faultEvery(), FaultInjector.Point.BARRIER, FaultInjector.Point.WAIT);
        AbstractReclaimer<?> domain = (AbstractReclaimer<?>) CheckedReclaimer.unwrap(engine);
        domain.injectFaults(injector);

        AtomicBoolean stop = new AtomicBoolean();
        List<Slot> slots = new ArrayList<>();
        long seedBase = config.seed() * 0x9E37_79B9_7F4A_7C15L;
        int id = 0;
        for (int i = 0; i < config.writers(); i++) {
            slots.add(new Slot(Role.WRITER, id, new SplittableRandom(seedBase + id++), set, config, stop));
        }
        for (int i = 0; i < config.readers(); i++) {
            slots.add(new Slot(Role.READER, id, new SplittableRandom(seedBase + id++), set, config, stop));
        }
        for (int i = 0; i < config.stalledReaders(); i++) {
            slots.add(new Slot(Role.STALLED, id, new SplittableRandom(seedBase + id++), set, config, stop));
        }

        long start = System.nanoTime();
        long deadline = start + (long) (config.seconds() * 1e9);
        slots.forEach(Slot::start);
        long peakPending = 0;
        while (System.nanoTime() < deadline && !anyFailed(slots)) {
            peakPending = Math.max(peakPending, engine.stats().pending());
            long left = deadline - System.nanoTime();
            if (left > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(left, SAMPLE_NANOS));
            }
        }
        stop.setRelease(true); // workers poll it opaque: they stop within an operation (or a stall)
        List<String> hung = new ArrayList<>();
        for (Slot s : slots) {
            if (!s.joinLast(STOP_WAIT_MILLIS)) {
                hung.add(s.threadName());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        domain.injectFaults(null);
        long injected = injector == null ? 0 : injector.injected();
        long reads = 0, writes = 0, stalls = 0, churns = 0, faultsSeen = 0;
        for (Slot s : slots) {
            reads += s.reads;
            writes += s.writes;
            stalls += s.stalls;
            churns += s.churns;
            faultsSeen += s.faultsSeen;
            if (s.failure != null) {
                errors.add(s.threadName() + " threw " + s.failure);
            }
        }
        if (!hung.isEmpty()) {
            // Closing would wait for their sessions; report instead of hanging a test run.
            errors.add("threads still running " + STOP_WAIT_MILLIS / 1000 + " s after stop: " + hung);
            Stats st = engine.stats();
            PoolStats ps = set.pool().stats();
            return new Result(name, seconds, reads + writes + stalls, reads, writes, stalls, churns,
                    set.detections(), ps.unfreed(), ps.retired(), ps.freed(), ps.doubleFrees(), ps.writeAfterFree(),
                    Math.max(peakPending, st.peakPending()), st.pending(), ps.peakFootprint(), set.restarts(),
                    config.seed(), injected, faultsSeen, List.of(), String.join("; ", errors));
        }

        Stats beforeClose = engine.stats();
        List<String> faults = set.checkStructure();
        if (!faults.isEmpty()) {
            errors.add("structure: " + faults.size() + " fault(s), first: " + faults.get(0));
        }
        long detections = set.detections() + faults.size();
        long restarts = set.restarts();
        try {
            set.close(); // closes the engine: frees everything still pending
        } catch (RuntimeException e) {
            errors.add("close threw " + e);
        }
        Stats after = engine.stats();
        PoolStats ps = set.pool().stats();
        if (after.retired() != ps.retired() || after.freed() != ps.freed() + ps.doubleFrees()) {
            errors.add("engine counted retired=" + after.retired() + " freed=" + after.freed()
                    + " but the pool saw retired=" + ps.retired() + " freed=" + ps.freed() + " double=" + ps.doubleFrees());
        }
        if (injector != null && faultsSeen < injector.injected(FaultInjector.Point.WAIT)) {
            // Every failed wait must reach its caller (a failed lazy tick is absorbed by the ticker, by design).
            errors.add(injector.injected(FaultInjector.Point.WAIT) + " wait(s) failed but workers saw only " + faultsSeen
                    + " failure(s): one was swallowed");
        }
        List<Paths.Outcome> paths = new ArrayList<>();
        for (int round = 0; round < config.pathRounds(); round++) {
            paths.addAll(Paths.runAll(config.engine(), config.seed() + round));
        }
        return new Result(name, seconds, reads + writes + stalls, reads, writes, stalls, churns,
                detections, ps.unfreed(), ps.retired(), ps.freed(), ps.doubleFrees(), ps.writeAfterFree(),
                Math.max(peakPending, after.peakPending()), beforeClose.pending(), ps.peakFootprint(), restarts,
                config.seed(), injected, faultsSeen, paths, errors.isEmpty() ? null : String.join("; ", errors));
    }

    /** Half the keys, so readers find something from the first moment. */
    private static void prefill(SmrHashSet set, Config config) {
        try (SmrHashSet.Handle h = set.join()) {
            for (int k = 0; k < config.keys(); k += 2) {
                h.add(k);
            }
        }
    }

    private static boolean anyFailed(List<Slot> slots) {
        for (Slot s : slots) {
            if (s.failedOpaque()) {
                return true;
            }
        }
        return false;
    }

    private enum Role { WRITER, READER, STALLED }

    /**
     * One worker position. With churn, the position is held by a succession of threads: each runs
     * a few handle lifetimes, then starts its successor and ends. Counts live here; each thread's
     * writes happen-before its successor's start, and the last thread's join happens-before the
     * main thread's reads.
     */
    private static final class Slot implements Runnable {
        private final Role role;
        private final int id;
        private final SplittableRandom random;
        private final SmrHashSet set;
        private final Config config;
        private final AtomicBoolean stop;
        private final AtomicReference<Thread> current = new AtomicReference<>();
        private final AtomicBoolean failed = new AtomicBoolean();
        private int generation;
        long reads, writes, stalls, churns, faultsSeen;
        Throwable failure;

        Slot(Role role, int id, SplittableRandom random, SmrHashSet set, Config config, AtomicBoolean stop) {
            this.role = role;
            this.id = id;
            this.random = random;
            this.set = set;
            this.config = config;
            this.stop = stop;
        }

        void start() {
            Thread t = newThread();
            current.setRelease(t);
            t.start();
        }

        private Thread newThread() {
            Thread t = new Thread(this, "torture-" + role.name().toLowerCase(Locale.ROOT) + "-" + id + "." + generation++);
            t.setDaemon(true); // a hung worker must not keep the JVM alive after the report
            return t;
        }

        String threadName() {
            Thread t = current.getAcquire();
            return t == null ? "torture-" + id : t.getName();
        }

        boolean failedOpaque() {
            return failed.getOpaque();
        }

        /** Joins the position's threads until the last one has ended; false if one is still running at the deadline. */
        boolean joinLast(long millis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            for (;;) {
                Thread t = current.getAcquire();
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return !t.isAlive() && current.getAcquire() == t;
                }
                try {
                    t.join(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                if (!t.isAlive() && current.getAcquire() == t) {
                    return true; // it ended without starting a successor
                }
            }
        }

        private boolean stopping() {
            return stop.getOpaque();
        }

        @Override
        public void run() {
            try {
                int rejoins = 0;
                while (!stopping()) {
                    try (SmrHashSet.Handle h = set.join()) {
                        runHandle(h);
                    }
                    if (stopping()) {
                        return;
                    }
                    churns++;
                    if (++rejoins == REJOINS_PER_THREAD) {
                        Thread next = newThread(); // hand the position to a fresh thread and end this one
                        current.setRelease(next);
                        next.start();
                        return;
                    }
                }
            } catch (Throwable e) {
                failure = e;
                failed.setRelease(true);
            }
        }

        /** Operations on one handle until churn time (or the end of the run). */
        private void runHandle(SmrHashSet.Handle h) {
            long budget = config.churn() ? CHURN_OPS + random.nextInt(CHURN_OPS) : Long.MAX_VALUE;
            for (long i = 0; i < budget && !stopping(); i++) {
                try {
                    operate(h, i);
                } catch (RuntimeException e) {
                    if (!Paths.isInjected(e)) {
                        throw e;
                    }
                    faultsSeen++; // an injected barrier or wait failure reached the caller: nothing may be lost for it
                }
                h.quiescent(); // between operations, outside any section (qsbr)
            }
            if (role == Role.WRITER && !stopping()) {
                leave(h);
            }
        }

        /** How a writer leaves: with its batches sealed, waited for, or still open (handed on as they are). */
        private void leave(SmrHashSet.Handle h) {
            try {
                switch (random.nextInt(3)) {
                    case 0 -> h.session().flush();
                    case 1 -> {
                        if (config.stallNanos() != Config.STALL_FOREVER) {
                            h.session().barrier();
                        }
                    }
                    default -> { }
                }
            } catch (RuntimeException e) {
                if (!Paths.isInjected(e)) {
                    throw e;
                }
                faultsSeen++;
            }
        }

        private void operate(SmrHashSet.Handle h, long i) {
            int keys = config.keys();
            switch (role) {
                case WRITER -> {
                    long k = random.nextInt(keys);
                    if (random.nextBoolean()) {
                        h.add(k);
                    } else {
                        h.remove(k);
                    }
                    writes++;
                    if (i % FLUSH_EVERY == FLUSH_EVERY - 1) {
                        h.session().flush();
                    } else if (i % BARRIER_EVERY == BARRIER_EVERY - 1 && config.stallNanos() != Config.STALL_FOREVER) {
                        h.session().barrier(); // waits at most one stall
                    }
                }
                case READER -> {
                    h.contains(random.nextInt(keys));
                    reads++;
                }
                case STALLED -> {
                    if (i % 64 == 0) {
                        h.parkInSection(random.nextInt(keys), config.stallNanos(), this::stopping);
                        stalls++;
                    } else {
                        h.contains(random.nextInt(keys));
                        reads++;
                    }
                }
            }
        }
    }
}
