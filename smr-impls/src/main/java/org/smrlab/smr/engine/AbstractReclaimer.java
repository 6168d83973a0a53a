package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;

/**
 * What every engine's domain shares: the record registry, the free function, statistics, the
 * hand-on list for batches left by closed sessions, and {@code close()}.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Freeing.</b> Every free goes through {@link #freeBatch}: it calls the free function once
 *     per node and counts, in the freeing thread's own counters. It reads no other thread's
 *     counters: summing pending over every record there (a cross-core load per thread, per batch)
 *     would put the statistics on the retire path they measure. A free function that throws does
 *     not stop the batch: the other nodes are freed, then the first failure is rethrown to whoever
 *     called (retire, flush, barrier or close).</li>
 * <li><b>Peak pending</b> is the highest {@code pending} any {@link #stats()} snapshot has seen:
 *     a monitor that wants peaks samples (the bench's profiler calls {@code stats()} about every
 *     millisecond, the torture harness every 5 ms); a domain nobody samples reports the pending
 *     count of its snapshots only. See {@link Stats#peakPending()}.</li>
 * <li><b>Hand-on.</b> A closing session seals its partial batch and hands all its batches here;
 *     any other session adopts them on its next seal, flush or barrier and frees them once their
 *     goal is reached. A goal is only meaningful against the clock that issued it, so adoption asks
 *     the adopter what a handed-on goal means to it ({@link AbstractSession#adoptedGoal}). Which
 *     clock each engine's goals come from, and why adoption is sound:
 *     <table>
 *     <tr><th>engine</th><th>goal</th><th>judged against</th><th>why an adopter may judge it</th></tr>
 *     <tr><td>gus, gus-deferred, gus-lazy</td><td>the shared write clock (lazy: the shared (seq, tick)
 *         clock + 4; deferred: clock + 2, unwritten)</td><td>the shared read hand, raised by a scan of
 *         every record</td><td>one domain-wide clock; the sealer's fence and advance order its unlinks
 *         before the goal, and any thread's poll is the same fence-and-scan pair</td></tr>
 *     <tr><td>qsbr</td><td>the shared grace-period counter</td><td>every online record's copy</td>
 *         <td>domain-wide; the closed sealer is offline (skipped), the adopter's own record must pass
 *         the goal, i.e. announce a quiescent state after adopting</td></tr>
 *     <tr><td>ebr</td><td>the shared epoch + 2</td><td>the shared epoch</td><td>domain-wide</td></tr>
 *     <tr><td>pserialize</td><td>a grace-period generation of the domain</td><td>the domain's completed
 *         generations</td><td>domain-wide: a generation completes only after a grace period that began
 *         after the request</td></tr>
 *     <tr><td>hp</td><td>none: adopted nodes join the adopter's retired list</td><td>every hazard, in the
 *         adopter's next scan</td><td>the scan fences after the adoption, which happens-after the
 *         hand-on; hazards are checked, no clock</td></tr>
 *     <tr><td>rwlock</td><td>the sealing session's own write-cycle count + 1</td><td>the adopter's own
 *         count</td><td>not as sealed: a private clock. Re-stamped at adoption with the adopter's
 *         count + 1, so it waits for a write-lock cycle that begins after the adoption (see
 *         {@link RwLockReclaimer})</td></tr>
 *     <tr><td>none, broken</td><td>none</td><td>never reached / always reached</td><td>by design</td></tr>
 *     </table>
 *     Handed-on batches left when the domain closes are freed by close() itself, without a goal:
 *     with every session closed, no reader can be inside a section.</li>
 * <li><b>close() is all or nothing.</b> It first refuses new sessions (under the registry's lock,
 *     so a join racing the close either registers before the close looks at the sessions, and is
 *     waited for, or fails with "join() after close()"), closes the caller's own sessions, abandons
 *     the sessions of threads that died without closing, and waits (bounded by
 *     {@link #setCloseWait}, 10 s by default) for other live threads to close theirs. If one does
 *     not, close() gives up with an {@link IllegalStateException} <em>before</em> touching anything
 *     else: the batches stay pending (handed on, or in the sessions still open), helper threads keep
 *     running for those sessions, and a later close() starts over. Once every session is closed it
 *     stops the helpers (a helper that will not stop fails the close the same way), frees every
 *     handed-on batch, even when the free function throws on some node (the first failure is
 *     rethrown once all are freed), and only then counts as closed. One close runs at a time; a
 *     close() after one that completed returns at once.</li>
 * </ul>
 */
public abstract class AbstractReclaimer<T> implements Reclaimer<T> {
    private static final VarHandle ORPHANS;

    static {
        try {
            ORPHANS = MethodHandles.lookup().findVarHandle(AbstractReclaimer.class, "orphans", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How long close() waits for sessions of other live threads before it gives up with a message, unless set. */
    static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    protected final KnobValues config;
    protected final int batch;
    /** The {@code seal} knob in nanoseconds; 0 when off or when the engine has no such knob. */
    protected final long sealNanos;
    final Registry registry;
    private final Consumer<? super T> free;
    /** Counters of work done outside any session (close(), helper threads): written under {@code this}, read opaque. */
    private final Counters domainCounters = new Counters();
    private final AtomicLong peakPending = new AtomicLong();
    /** One close() at a time; guards {@code closed}'s transition to true. */
    private final Object closeLock = new Object();
    /** Set once a close() has completed: every node freed, every helper stopped. */
    private volatile boolean closed;

    private volatile long closeWaitNanos = CLOSE_WAIT_NANOS;
    private volatile FaultInjector faults;

    private final Object orphanLock = new Object();
    private Batch orphanHead, orphanTail; // guarded by orphanLock
    private int orphans;                  // batches on the hand-on list; read opaque as a hint

    protected AbstractReclaimer(KnobValues config, Consumer<? super T> free, long idleWord, int hazardSlots) {
        this(config, free, idleWord, hazardSlots, 0, 0);
    }

    /** As above, with {@code eraSlots} era slots per record (IBR, hazard eras), idle at {@code eraIdle}. */
    protected AbstractReclaimer(KnobValues config, Consumer<? super T> free, long idleWord, int hazardSlots,
                                int eraSlots, long eraIdle) {
        this.config = config;
        this.free = free;
        this.batch = config.intValue("batch");
        this.sealNanos = config.has(Knob.SEAL) ? config.nanos(Knob.SEAL) : 0;
        this.registry = new Registry(idleWord, hazardSlots, eraSlots, eraIdle);
    }

    /** Makes the calling thread's session; the session registers itself in its constructor. */
    protected abstract AbstractSession<T> newSession();

    @Override
    public final Session<T> join() {
        if (registry.refusesOwners()) {
            throw joinAfterClose();
        }
        return newSession(); // the session's registration checks again, under the registry's lock
    }

    final IllegalStateException joinAfterClose() {
        return new IllegalStateException(name() + ": join() after close()");
    }

    @Override
    public String name() {
        return config.canonical(resolvedKnobs());
    }

    /** Knob values decided at creation (e.g. the barrier in use), shown in {@link #name()}. */
    protected Map<String, String> resolvedKnobs() {
        return Map.of();
    }

    @Override
    public Stats stats() {
        long[] s = sum();
        long pending = s[0] - s[1];
        long peak = notePending(pending);
        return new Stats(s[0], s[1], pending, peak, s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], s[10], engineWords());
    }

    /**
     * A blocking wait that {@link Counters#beginWait} began at {@code start} has ended: its time goes
     * to {@code c}'s blocked time and, when one is attached, to the wait probe (the bench's profiler
     * records each wait into a histogram: the writer's block-time distribution).
     */
    final void endWait(Counters c, long start) {
        long nanos = System.nanoTime() - start;
        c.waitedFor(nanos);
        java.util.function.LongConsumer p = waitProbe;
        if (p != null) {
            p.accept(nanos);
        }
    }

    private volatile java.util.function.LongConsumer waitProbe;

    /**
     * Reports the duration of every blocking wait of this domain to {@code probe} (nanoseconds, from
     * the waiting thread, right after the wait), or stops with null. Nothing is measured on a path
     * that does not block. {@link WaitProbes#attach} finds the engine under a checked-mode wrapper.
     */
    public final void observeWaits(java.util.function.LongConsumer probe) {
        waitProbe = probe;
    }

    /**
     * The engine's bookkeeping now, in 64-bit words ({@link Stats#engineWords()}): each record's shared
     * word, hazard slots and era slots. Engines that keep more (localcount's count columns) add theirs.
     */
    protected long engineWords() {
        long words = 0;
        for (ThreadRecord r : registry.snapshot()) {
            words += 1 + r.slots() + r.eraSlots();
        }
        return words;
    }

    private long[] sum() {
        long[] s = new long[11];
        for (ThreadRecord r : registry.snapshot()) {
            r.counters.addTo(s);
        }
        domainCounters.addTo(s); // opaque reads: its writers take the lock, its readers need not
        return s;
    }

    private long notePending(long pending) {
        long peak = peakPending.get();
        while (pending > peak) {
            if (peakPending.compareAndSet(peak, pending)) {
                return pending;
            }
            peak = peakPending.get();
        }
        return peak;
    }

    /** Frees every node of {@code b} and counts it in {@code c}; {@code b} is left empty. */
    @SuppressWarnings("unchecked")
    final void freeBatch(Batch b, Counters c) {
        RuntimeException failure = null;
        int n = b.size;
        Object[] nodes = b.nodes;
        for (int i = 0; i < n; i++) {
            Object node = nodes[i];
            nodes[i] = null;
            try {
                free.accept((T) node);
            } catch (RuntimeException e) { // keep freeing: the other nodes must not be lost
                if (failure == null) {
                    failure = e;
                }
            }
        }
        b.size = 0;
        c.freed(n);
        if (failure != null) {
            throw failure;
        }
    }

    /** Frees one node outside any batch (the {@code broken} engine, hp's unbatched frees). */
    @SuppressWarnings("unchecked")
    final void freeOne(Object node, Counters c) {
        free.accept((T) node);
        c.freed(1);
    }

    // ------------------------------------------------------------------ hand-on list

    /** Takes a closing session's batches (a chain linked by {@code next}). */
    final void handOn(Batch chain) {
        if (chain == null) {
            return;
        }
        int n = 0;
        Batch last = chain;
        for (Batch b = chain; b != null; b = b.next) {
            n++;
            last = b;
        }
        synchronized (orphanLock) {
            if (orphanTail == null) {
                orphanHead = chain;
            } else {
                orphanTail.next = chain;
            }
            orphanTail = last;
            ORPHANS.setOpaque(this, orphans + n);
        }
    }

    /** True when batches wait on the hand-on list; a cheap hint read on every seal. */
    final boolean hasOrphans() {
        return (int) ORPHANS.getOpaque(this) != 0;
    }

    /** Removes and returns the whole hand-on chain, or null. */
    final Batch takeOrphans() {
        synchronized (orphanLock) {
            Batch h = orphanHead;
            orphanHead = orphanTail = null;
            ORPHANS.setOpaque(this, 0);
            return h;
        }
    }

    // ------------------------------------------------------------------ close

    @Override
    public final void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            registry.refuseOwners(); // from here on no session can register, so the set below only shrinks
            awaitSessionsClosed();
            stopHelpers();
            List<Thread> running = new ArrayList<>();
            for (Thread t : helperThreads()) {
                if (t.isAlive()) {
                    running.add(t);
                }
            }
            if (!running.isEmpty()) {
                throw new IllegalStateException(name() + ": close() could not stop helper threads " + running
                        + "; nothing was freed, close() again to retry");
            }
            RuntimeException failure = freeHandedOn();
            closed = true; // every node has been handed to free exactly once, every helper has stopped
            if (failure != null) {
                throw failure;
            }
        }
    }

    /**
     * Closes the caller's sessions, abandons those of dead threads, and waits for the others; throws,
     * changing nothing else, if some are still open when the close wait runs out.
     */
    private void awaitSessionsClosed() {
        Thread me = Thread.currentThread();
        long wait = closeWaitNanos;
        long deadline = System.nanoTime() + wait;
        for (;;) {
            List<String> waitingFor = new ArrayList<>();
            for (AbstractSession<?> s : registry.owners()) {
                if (s.ownerThread == me) {
                    s.close();
                } else if (!s.ownerThread.isAlive()) {
                    // The owner died without closing; its last actions happen-before isAlive() == false.
                    s.abandon();
                } else {
                    waitingFor.add(s.ownerThread.getName());
                }
            }
            if (waitingFor.isEmpty()) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(name() + ": close() waited " + Durations.format(wait)
                        + " for sessions still open on threads " + waitingFor + " (a reader still inside, or a session"
                        + " never closed); nothing was freed and helpers keep running: close every session, then close() again");
            }
            sleepQuietly(1);
        }
    }

    /** Frees every handed-on batch; a free that throws does not stop the others. Returns the first failure. */
    private RuntimeException freeHandedOn() {
        RuntimeException failure = null;
        Batch b = takeOrphans();
        synchronized (this) {
            while (b != null) {
                Batch next = b.next;
                b.next = null;
                try {
                    freeBatch(b, domainCounters);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
                b = next;
            }
        }
        return failure;
    }

    /** Stops helper threads (the lazy ticker); called once by close(). */
    protected void stopHelpers() {
    }

    /** The domain's helper threads (the lazy ticker), for tests and the torture harness; empty for most engines. */
    public List<Thread> helperThreads() {
        return List.of();
    }

    /**
     * How long {@link #close()} waits for the sessions of other live threads before it gives up
     * (default 10 s). Tests and the torture harness shorten it.
     */
    public final void setCloseWait(java.time.Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException(name() + ": close wait must not be negative, got " + wait);
        }
        closeWaitNanos = wait.toNanos();
    }

    /** Installs a fault injector (null removes it); see {@link FaultInjector}. */
    public final void injectFaults(FaultInjector injector) {
        faults = injector;
    }

    /** A fault-injection point: throws {@link FaultInjector.InjectedFault} when the installed injector says so. */
    final void faultPoint(FaultInjector.Point point) {
        FaultInjector f = faults;
        if (f != null) {
            f.check(point);
        }
    }

    /** Whether a close() has completed. */
    public final boolean isClosed() {
        return closed;
    }

    /** Counts work done by helper threads under the domain lock. */
    protected final synchronized void countDomain(Consumer<Counters> update) {
        update.accept(domainCounters);
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
