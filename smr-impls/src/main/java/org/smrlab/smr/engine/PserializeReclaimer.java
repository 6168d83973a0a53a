package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;

abstract class PszPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class PszGen extends PszPadL {
    long gen; // grace-period generation: 2 x completed grace periods, + 1 while one is in flight
}

abstract class PszPadR extends PszGen {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/* A session's nesting depth, written on every enter and exit: alone between two 128-byte blocks, so
 * that one thread's sections never invalidate the line another thread's session fields live on. */
abstract class PszDepthPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class PszDepthField extends PszDepthPadL {
    int depth;
}

abstract class PszDepthPadR extends PszDepthField {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * NetBSD's pserialize(9) with a {@code PR_PSERIALIZE} pool: the writer pays, the readers do not;
 * and, with {@code async=true}, the asynchronous pserialize the NetBSD review wishes for.
 *
 * <h2>Implementation notes</h2>
 * In NetBSD a read section raises a per-CPU depth counter with compiler barriers only (no atomic,
 * no fence), and {@code pserialize_perform} broadcasts a cross-call ({@code xc_barrier(XC_HIGHPRI)}):
 * a CPU runs it only outside a read section, so when all have run it, every section that could have
 * seen the old state is over. A {@code PR_PSERIALIZE} pool pays one perform per batch destroyed.
 * <p>Here each thread's record holds a section count, odd while inside (only the outermost of nested
 * sections touches it). A <b>grace period</b> has two halves:
 * <ol>
 * <li><b>start</b>: mark the generation odd, issue the asymmetric barrier (membarrier, standing in
 *     for the cross-call's interrupt; a full fence when the read side is fenced), then note every
 *     record whose count is odd, with its value. Never waits on readers.</li>
 * <li><b>completion</b>: every noted count has moved (its reader left the section it was in; counts
 *     only grow, so "moved" cannot be confused by reuse). Then the generation becomes even again, one
 *     grace period further. A blocking caller waits for this; a {@code poll} only checks it.</li>
 * </ol>
 * {@code gen} = 2 x completed grace periods, + 1 while one is in flight; one is in flight at a time.
 * A request (an {@code advance}, a batch's seal) takes the goal {@code (gen + 3) & ~1}: the
 * completion of the first grace period that <em>starts</em> after the request (if one is in flight,
 * the one after it).
 * <ul>
 * <li><b>{@code coalesce=false}, the default: current NetBSD</b> ({@code subr_pserialize.c} 1.23,
 *     2023): every blocking perform issues its own barrier and waits for it, one at a time (NetBSD
 *     queues high-priority cross-calls one behind the other in {@code xc_highpri}; here one lock
 *     serializes performers, and a performer finishes a grace period already in flight first).</li>
 * <li><b>{@code coalesce=true}: the proposed improvement</b>, NetBSD 1.17's generation counter
 *     (2019, since removed): a blocking caller whose goal another caller's grace period meets shares
 *     it instead of performing its own. Whoever finds no grace period in flight starts one; whoever
 *     finds one in flight that nobody drives drives it (waits for its readers, outside the lock);
 *     the rest sleep until the generation they need has passed, and count as {@code coalesced}.</li>
 * <li><b>{@code poll} drives the grace period without blocking</b> (smr(9)'s "advance now, poll
 *     later"): if none is in flight and the goal is not met, it starts one; if one is in flight, it
 *     checks whether the noted counts have all moved and completes it if so. It takes the lock only
 *     with {@code tryLock}: a performer holding it is proof that a grace period is being driven.</li>
 * <li><b>{@code async=true}</b>: {@code retire} seals a full batch and returns; the batch is freed
 *     by a later seal, flush or barrier once a poll finds its grace period complete. Polled grace
 *     periods are always shared (one in flight, serving every request made before it started);
 *     {@code coalesce} still decides how blocking calls ({@code barrier}, {@code synchronize}) behave.</li>
 * <li><b>Failure.</b> A grace period whose barrier fails (a membarrier error, or an injected
 *     {@link FaultInjector.Point#BARRIER} fault) is never published: the generation returns to the
 *     even value it had, the starter gets the exception, every blocking caller waiting on the domain
 *     meanwhile gets an {@link IllegalStateException} naming it, and pending batches stay pending. A
 *     performer whose <em>wait</em> fails ({@link FaultInjector.Point#WAIT}, checked where it begins
 *     to wait for readers) leaves its grace period in flight, unpublished, for the next caller or
 *     poll to finish.</li>
 * </ul>
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: {@code setOpaque} of an odd count (compiler-ordered), then {@code getAcquire} of links</td>
 *     <td>start: {@code setRelease} of the odd generation, {@code fullFence}, membarrier, {@code getAcquire} of each record</td>
 *     <td>membarrier made every thread run a full barrier: A's odd count was visible to B's scan, or A's
 *         loads came after the barrier and see the unlink</td></tr>
 * <tr><td>fenced enter: odd count, {@code fullFence}, loads</td><td>start: odd generation, {@code fullFence}, scan</td>
 *     <td>store-buffering pair, as gus</td></tr>
 * <tr><td>request: unlink, {@code fullFence}, {@code getAcquire} of the generation (reads g)</td>
 *     <td>start: {@code setRelease(g + 1)}, {@code fullFence}, barrier, scan</td>
 *     <td>store-buffering pair: the request read the generation before the start wrote it, so the unlink
 *         is visible to the grace period that completes the goal g + 2</td></tr>
 * <tr><td>exit: {@code setRelease} of the even count</td><td>completion: {@code getAcquire} seeing the count moved</td>
 *     <td>the section's accesses happen-before the free</td></tr>
 * <tr><td>completion: {@code setRelease} of the even generation</td><td>poll: {@code getAcquire} of the generation</td>
 *     <td>a caller whose goal another thread's grace period met inherits that grace period's edges</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch} nodes per grace period; {@code coalesce}; {@code async}; {@code barrier} (auto,
 * membarrier, fence).
 */
public final class PserializeReclaimer<T> extends AbstractReclaimer<T> {
    private static final VarHandle GEN;

    static {
        try {
            GEN = MethodHandles.lookup().findVarHandle(PszGen.class, "gen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends PszPadR {
    }

    /** The records found inside a section just after a grace period's barrier, with their counts then. */
    private static final class InFlight {
        final ThreadRecord[] records;
        final long[] counts;
        final int n;
        int moved; // records[0 .. moved) have been seen to move; guarded by the lock

        InFlight(ThreadRecord[] records, long[] counts, int n) {
            this.records = records;
            this.counts = counts;
            this.n = n;
        }
    }

    private static final InFlight NOBODY_INSIDE = new InFlight(new ThreadRecord[0], new long[0], 0);

    private final Shared shared = new Shared();
    private final boolean coalesce;
    private final boolean async;
    private final boolean membarrier;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private InFlight inFlight;      // the grace period in flight (gen odd), or null; guarded by the lock
    private Thread performer;       // a blocking caller waiting for inFlight's readers, or null; guarded by the lock
    private long failures;          // grace periods whose barrier failed; guarded by the lock
    private RuntimeException lastFailure; // guarded by the lock

    /** The catalogue entry of {@code pserialize}. */
    public static final EngineType TYPE = EngineType.named("pserialize")
            .summary("NetBSD pserialize(9) + PR_PSERIALIZE pool: the retiring thread waits one grace period per batch")
            .models("NetBSD sys/kern/subr_pserialize.c 1.23 (coalesce=true: 1.17), pserialize(9); PR_PSERIALIZE in sys/kern/subr_pool.c")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(64), Knob.bool("coalesce", false,
                    "concurrent blocking callers share one grace period (NetBSD 1.17's generation counter, since"
                    + " removed); false = every perform issues its own barrier, one at a time (current NetBSD, 1.23)"),
                    Knob.bool("async", false,
                    "retire seals a full batch and returns; later seals, flushes and barriers poll its grace period"
                    + " along (advance now, poll later); false = the retiring thread waits one grace period per batch"),
                    AsymmetricBarrier.knob())
            .writeSide().retireBlocks()
            .factory(PserializeReclaimer::new);

    public PserializeReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0);
        this.coalesce = config.bool("coalesce");
        this.async = config.bool("async");
        this.membarrier = AsymmetricBarrier.resolve(config);
    }

    public boolean usesMembarrier() {
        return membarrier;
    }

    @Override
    protected Map<String, String> resolvedKnobs() {
        return Map.of(AsymmetricBarrier.KNOB, AsymmetricBarrier.render(membarrier));
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new PszSession<>(this);
    }

    long laGen() {
        return (long) GEN.getAcquire(shared);
    }

    /** The goal of a request made now: the completion of the first grace period that starts after it. */
    long request() {
        return (laGen() + 3) & ~1L;
    }

    // ------------------------------------------------------------------ the two halves of a grace period

    /** Starts a grace period: odd generation, barrier, note who is inside. Lock held, none in flight. */
    private void start(Counters c) {
        long g = lpGenLocked();
        GEN.setRelease(shared, g + 1); // odd: in flight
        // StoreLoad: a request that read g did so before this point, so its unlink is visible to the
        // scan below; on the fenced read side this is also the fence that pairs with enter's.
        VarHandle.fullFence();
        try {
            faultPoint(FaultInjector.Point.BARRIER);
            if (membarrier) {
                Membarrier.barrier(); // every running thread executes a full barrier (the cross-call)
                c.membarrier();
            }
        } catch (RuntimeException e) {
            GEN.setRelease(shared, g); // never published: back to the generation it was
            failures++;
            lastFailure = e;
            changed.signalAll(); // every waiter learns that the grace period it waited for failed
            throw e;
        }
        c.scan();
        ThreadRecord[] all = registry.snapshot();
        ThreadRecord[] inside = null;
        long[] counts = null;
        int n = 0;
        for (ThreadRecord r : all) {
            long w = r.laWord();
            if ((w & 1) != 0) {
                if (inside == null) {
                    inside = new ThreadRecord[all.length];
                    counts = new long[all.length];
                }
                inside[n] = r;
                counts[n++] = w;
            }
        }
        inFlight = n == 0 ? NOBODY_INSIDE : new InFlight(inside, counts, n);
    }

    /** Completes the grace period in flight if every noted count has moved; never waits. Lock held. */
    private boolean tryComplete(Counters c) {
        InFlight f = inFlight;
        while (f.moved < f.n) {
            if (f.records[f.moved].laWord() == f.counts[f.moved]) {
                return false; // that reader is still in the section it was in
            }
            f.moved++;
        }
        inFlight = null;
        GEN.setRelease(shared, lpGenLocked() + 1); // even: one more grace period completed
        c.gracePeriod();
        changed.signalAll();
        return true;
    }

    /** Waits, without the lock, until every count noted by {@code f} has moved. */
    private static void awaitReaders(InFlight f) {
        for (int i = 0; i < f.n; i++) {
            ThreadRecord r = f.records[i];
            long w = f.counts[i];
            if (r.laWord() == w) {
                Backoff backoff = new Backoff();
                while (r.laWord() == w) {
                    backoff.pause();
                }
            }
        }
    }

    private long lpGenLocked() {
        return (long) GEN.getOpaque(shared); // its writers hold the lock, as the caller does
    }

    // ------------------------------------------------------------------ poll: drive without blocking

    /** Whether generation {@code goal} has completed; moves the grace period along, never waits on readers. */
    boolean poll(long goal, Counters c) {
        if (Seq.geq(laGen(), goal)) {
            return true;
        }
        if (lock.tryLock()) { // held by a performer: a grace period is being driven right now
            try {
                // At most two grace periods lie between a request and its goal: the one in flight, and the next.
                for (int i = 0; i < 2 && Seq.lt(lpGenLocked(), goal); i++) {
                    if (inFlight == null) {
                        start(c); // throws if the barrier fails: the caller sees it, nothing is published
                    }
                    if (!tryComplete(c)) {
                        break; // readers still inside: a later poll checks again
                    }
                }
            } finally {
                lock.unlock();
            }
        }
        return Seq.geq(laGen(), goal);
    }

    // ------------------------------------------------------------------ await: blocking performs

    /** Blocks until generation {@code goal} has completed; returns at once if it has. */
    void await(long goal, Counters c) {
        if (!Seq.geq(laGen(), goal)) {
            perform(goal, c);
        }
    }

    /**
     * pserialize_perform for a fresh request: without coalescing the caller performs a grace
     * period of its own even if another caller's has met its goal meanwhile, as NetBSD does.
     */
    void perform(long goal, Counters c) {
        if (coalesce) {
            if (Seq.geq(laGen(), goal)) {
                return; // another caller's grace period already covered this request
            }
            c.waited();
            awaitShared(goal, c);
        } else {
            c.waited();
            performOwn(goal, c);
        }
    }

    /**
     * Current NetBSD: one grace period of the caller's own, one performer at a time (the lock is
     * held throughout, as {@code xc_highpri} holds back the next cross-call until the last is done).
     */
    private void performOwn(long goal, Counters c) {
        lock.lock();
        try {
            do {
                if (inFlight == null) {
                    start(c);
                }
                InFlight f = inFlight;
                if (f.moved < f.n) {
                    faultPoint(FaultInjector.Point.WAIT); // fails with the grace period left in flight, unpublished
                    awaitReaders(f);
                }
                tryComplete(c);
            } while (Seq.lt(lpGenLocked(), goal));
        } finally {
            lock.unlock();
        }
    }

    /** NetBSD 1.17: share a grace period that started after the request; drive one when nobody does. */
    private void awaitShared(long goal, Counters c) {
        lock.lock();
        try {
            long failuresBefore = failures;
            boolean started = false;
            while (Seq.lt(lpGenLocked(), goal)) {
                if (failures != failuresBefore) {
                    throw new IllegalStateException(name() + ": a grace period this call waited for failed: " + lastFailure,
                            lastFailure);
                }
                if (inFlight == null) {
                    start(c);
                    started = true;
                }
                if (performer != null) {
                    changed.awaitUninterruptibly(); // someone is waiting for the readers; completion signals
                    continue;
                }
                InFlight f = inFlight;
                performer = Thread.currentThread();
                try {
                    lock.unlock(); // others may poll, or queue behind this grace period, meanwhile
                    try {
                        if (f.moved < f.n) {
                            faultPoint(FaultInjector.Point.WAIT); // fails with the grace period left in flight, unpublished
                            awaitReaders(f);
                        }
                    } finally {
                        lock.lock();
                    }
                } finally {
                    performer = null;
                    changed.signalAll(); // completed below, or left for a waiter to take over
                }
                if (inFlight == f) {
                    tryComplete(c); // a poll may have completed it meanwhile
                }
            }
            if (!started) {
                c.coalesced();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocking callers asleep waiting for another's grace period (coalesce=true); for tests. */
    int sleepingWaiters() {
        lock.lock();
        try {
            return lock.getWaitQueueLength(changed);
        } finally {
            lock.unlock();
        }
    }

    static final class PszDepth extends PszDepthPadR {
    }

    static final class PszSession<T> extends AbstractSession<T> implements GracePeriods {
        private final PserializeReclaimer<T> psz;
        private final boolean fenced;
        private final PszDepth depth = new PszDepth();

        PszSession(PserializeReclaimer<T> psz) {
            super(psz);
            this.psz = psz;
            this.fenced = !psz.membarrier;
        }

        @Override
        public void enter() {
            int d = depth.depth;
            depth.depth = d + 1;
            if (d == 0) {
                record.spWord(record.lpWord() + 1); // odd: inside
                if (fenced) {
                    VarHandle.fullFence();
                }
            }
        }

        @Override
        public void exit() {
            int d = depth.depth - 1;
            depth.depth = d;
            if (d == 0) {
                record.soWord(record.lpWord() + 1); // even: outside
            }
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        /** A request: the generation whose completion proves everything unlinked so far unreachable. */
        @Override
        public long advance() {
            VarHandle.fullFence(); // the unlink is visible before the generation is read
            counters.advance();
            return psz.request();
        }

        /** Never waits on readers: starts or checks the grace period the goal needs. */
        @Override
        public boolean poll(long goal) {
            boolean ok = psz.poll(goal, counters);
            counters.poll(ok);
            return ok;
        }

        @Override
        public void await(long goal) {
            psz.await(goal, counters);
        }

        /** pserialize_perform. */
        @Override
        public void synchronize() {
            psz.perform(advance(), counters);
        }

        @Override
        public long current() {
            return psz.laGen();
        }

        @Override
        protected long sealGoal() {
            return advance();
        }

        @Override
        protected void afterSealFromRetire(long goal) {
            if (!psz.async) {
                block(goal); // the PR_PSERIALIZE pool: the destroying thread pays one perform per batch
            }
        }

        @Override
        protected boolean reached(long goal) {
            return poll(goal);
        }

        /** A batch's blocking wait (a full batch's retire, barrier): one perform, as the pool pays. */
        @Override
        protected void awaitGoal(long goal) {
            psz.perform(goal, counters);
        }

        @Override
        protected void goOffline() {
            if ((record.lpWord() & 1) != 0) {
                record.soWord(record.lpWord() + 1);
            }
            depth.depth = 0;
        }
    }
}
