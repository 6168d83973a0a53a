package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *     would put the statistics on the retire path they measure.</li>
 * <li><b>Peak pending</b> is the highest {@code pending} any {@link #stats()} snapshot has seen:
 *     a monitor that wants peaks samples (the bench's profiler calls {@code stats()} about every
 *     millisecond, the torture harness every 5 ms); a domain nobody samples reports the pending
 *     count of its snapshots only. See {@link Stats#peakPending()}.</li>
 * <li><b>Hand-on.</b> A closing session seals its partial batch and hands all its batches here;
 *     goals are domain-wide values (a clock, an epoch, a generation), so any other session can adopt
 *     them and free them when their goal is reached. Nothing is freed early and nothing is lost.</li>
 * <li><b>close().</b> Closes the caller's own sessions, waits (bounded) for other threads to close
 *     theirs, adopts the sessions of threads that died without closing, stops helpers, and frees
 *     every batch left: with every session closed no reader can be inside a section.</li>
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

    /** How long close() waits for sessions of other live threads before it gives up with a message. */
    static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    protected final KnobValues config;
    protected final int batch;
    final Registry registry;
    private final Consumer<? super T> free;
    /** Counters of work done outside any session (close(), helper threads): written under {@code this}, read opaque. */
    private final Counters domainCounters = new Counters();
    private final AtomicLong peakPending = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

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
        this.registry = new Registry(idleWord, hazardSlots, eraSlots, eraIdle);
    }

    /** Makes the calling thread's session; the session registers itself in its constructor. */
    protected abstract AbstractSession<T> newSession();

    @Override
    public final Session<T> join() {
        if (closed.get()) {
            throw new IllegalStateException(name() + ": join() after close()");
        }
        return newSession();
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
        return new Stats(s[0], s[1], pending, peak, s[2], s[3], s[4], s[5], s[6], s[7], s[8], s[9], engineWords());
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
        long[] s = new long[10];
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
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Thread me = Thread.currentThread();
        long deadline = System.nanoTime() + CLOSE_WAIT_NANOS;
        for (;;) {
            List<AbstractSession<?>> open = registry.owners();
            List<String> waitingFor = new ArrayList<>();
            for (AbstractSession<?> s : open) {
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
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name() + ": close() waited "
                        + TimeUnit.NANOSECONDS.toSeconds(CLOSE_WAIT_NANOS) + " s for sessions still open on threads "
                        + waitingFor + "; close every session before its domain");
            }
            sleepQuietly(1);
        }
        stopHelpers();
        // Every session is closed, so no reader is inside a section: all that is pending is safe.
        Batch b = takeOrphans();
        synchronized (this) {
            while (b != null) {
                Batch next = b.next;
                b.next = null;
                freeBatch(b, domainCounters);
                b = next;
            }
        }
    }

    /** Stops helper threads (the lazy ticker); called once by close(). */
    protected void stopHelpers() {
    }

    protected final boolean isClosed() {
        return closed.get();
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
