package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.smrlab.smr.checked.Rule;

/**
 * NetBSD's localcount(9): reference counts kept per CPU per object, so that taking and dropping a
 * reference touches only the local CPU's counter, at the price of memory for every CPU and every
 * object and of a blocking, cross-call-driven drain. Faithful to {@code sys/kern/subr_localcount.c}
 * (Taylor R. Campbell, 2016).
 *
 * <h2>Implementation notes</h2>
 * NetBSD gives each object a percpu(9) counter: {@code localcount_acquire} adds 1 to the current
 * CPU's, {@code localcount_release} subtracts 1 unless the object is draining, in which case it
 * takes the caller's interlock, decrements the drain's total and wakes the drainer.
 * {@code localcount_drain} (after the object is unlinked and no new reference can be taken) points
 * the object at a total on its stack, which marks it draining, sends a cross-call that moves every
 * CPU's count into the total, and sleeps on the condition variable until the total is 0.
 * <p>Here a thread's record owns an area, a {@code long[]} with one column per object (percpu(9)'s
 * per-CPU chunk), and each object has a column number, given when the pool hands it out
 * ({@link Births}: {@code localcount_init}) and kept in its {@link SmrHeader} together with the
 * draining mark. Acquire and release are an opaque add to the thread's own column, inside the
 * pserialize read section that protect (and the release at exit) runs in. Destroying a batch (see
 * {@link PassiveReferences}) takes two grace periods, as NetBSD's callers do
 * ({@code pserialize_perform}, then {@code localcount_drain}'s cross-call): after the first every
 * reader that found a node before the unlink has counted its reference; then every node is marked
 * draining, and after the second every release either finished before the mark or saw it and took
 * the slow path. Then, under the domain's lock, the drain sums the node's column over every thread
 * and sleeps on the condition until the sum is 0 (the slow path decrements its own column under
 * the lock and signals).
 * <p>Costs: acquire and release one uncontended counter update each, on a line no other thread
 * writes; the drain O(threads) per node, blocking while a reference is held; space O(threads ×
 * objects): every thread's area is as wide as the number of objects ever counted, which
 * {@link #countWords()} reports (8 bytes each).
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>protect: pserialize enter, {@code getAcquire} of the link, opaque add to A's column,
 *         pserialize exit ({@code setRelease} of the even count)</td>
 *     <td>drainer: unlink, the first grace period ({@code getAcquire} seeing A's count change), ...,
 *         {@code getAcquire} of each area, opaque read of the column</td>
 *     <td>A's increment is visible to the drain's sum (the pserialize pairs: see {@link PserializeReclaimer})</td></tr>
 * <tr><td>release: inside a pserialize section, {@code getAcquire} of the node's word; not draining:
 *         opaque subtract, section exit ({@code setRelease})</td>
 *     <td>drainer: mark draining ({@code compareAndSet}), then the second grace period</td>
 *     <td>the grace period waits for A's section: A's decrement is visible to the sum, or A saw the mark
 *         (the grace period's barrier orders the mark before A's later sections)</td></tr>
 * <tr><td>slow release: subtract, signal, under the lock</td><td>drainer: sum under the lock</td>
 *     <td>the lock orders them; A's uses of the node happen-before the free</td></tr>
 * <tr><td>area growth: copy, then {@code setRelease} of the new area</td><td>drainer: {@code getAcquire} of the area</td>
 *     <td>the drainer reads a complete area</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch}: nodes drained per blocking wait; {@code slots}: references a session holds at once;
 * {@code barrier}: the inner pserialize's.
 *
 * <h2>Differences from NetBSD, and why</h2>
 * The drain does not move the counts into a total with a cross-call (a Java thread cannot run code on
 * another thread); it reads every thread's column after a pserialize grace period instead, and the
 * slow-path release decrements its own column rather than the total, so no thread ever writes
 * another's area. Sessions are confined to their threads, so a reference is released by the thread
 * that took it and every column returns to 0 (NetBSD's references may migrate between CPUs, so its
 * per-CPU counts may go negative). Drains are batched (see {@link PsrefReclaimer}). Nodes without an
 * {@code SmrHeader} get their column and mark from a side table under a lock: correct, but slow.
 */
public final class LocalCountReclaimer<T> extends PassiveReferences<T> {
    /** The header's column, plus one (0: no column yet); the draining mark is {@link PassiveReferences#DRAINING}. */
    static final long COLUMN = DRAINING - 1;
    /** A batch's drain goal before the drain has begun (every seal resets it to this). */
    static final long NOT_DRAINING = 0;
    /** A batch's drain goal once every node is drained: it may be freed. */
    static final long DRAINED = Long.MIN_VALUE;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);

    /** The catalogue entry of {@code localcount}. */
    public static final EngineType TYPE = EngineType.named("localcount")
            .summary("NetBSD localcount(9): per-thread counts per node, held across sleeps; retire drains them")
            .models("NetBSD sys/kern/subr_localcount.c, localcount(9)")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(64), Knob.integer("slots", 2, 1, 64, "references a session holds at once"), AsymmetricBarrier.knob())
            .retireBlocks().sectionsMaySleep().protectionPerLoad()
            .factory(LocalCountReclaimer::new);

    private final ReentrantLock interlock = new ReentrantLock();
    private final Condition drained = interlock.newCondition();
    /** Columns handed out so far, and those given back by drained foreign nodes; guarded by {@code this}. */
    private int columns;
    private int[] returned = new int[16];
    private int returnedCount;
    /** Header words of nodes that have no {@link SmrHeader}; guarded by itself. */
    private final Map<Object, AtomicLong> foreign = new IdentityHashMap<>();

    public LocalCountReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0);
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new LocalCountSession<>(this);
    }

    /** The records' words, and every thread's count columns. */
    @Override
    protected long engineWords() {
        return super.engineWords() + countWords();
    }

    /** Counter words allocated over every thread's area: the O(threads × objects) footprint, 8 bytes each. */
    public long countWords() {
        long n = 0;
        for (ThreadRecord r : registry.snapshot()) {
            long[] a = (long[]) r.laArea();
            n += a == null ? 0 : a.length;
        }
        return n;
    }

    // ------------------------------------------------------------------ a node's word: column and mark

    private long word(Object node) {
        if (node instanceof SmrHeader h) {
            return h.smrHeader();
        }
        synchronized (foreign) {
            AtomicLong w = foreign.get(node);
            return w == null ? 0 : w.get();
        }
    }

    private boolean casWord(Object node, long expect, long update) {
        if (node instanceof SmrHeader h) {
            return h.casSmrHeader(expect, update);
        }
        synchronized (foreign) {
            return foreign.computeIfAbsent(node, k -> new AtomicLong()).compareAndSet(expect, update);
        }
    }

    /** The node's column, giving it one if it has none yet (localcount_init for a node the pool did not hand out). */
    int column(Object node) {
        for (;;) {
            long w = word(node);
            if ((w & COLUMN) != 0) {
                return (int) (w & COLUMN) - 1;
            }
            int c = newColumn();
            if (casWord(node, w, w | (c + 1))) {
                return c;
            }
            giveBack(c);
        }
    }

    private synchronized int newColumn() {
        return returnedCount > 0 ? returned[--returnedCount] : columns++;
    }

    private synchronized void giveBack(int c) {
        if (returnedCount == returned.length) {
            returned = Arrays.copyOf(returned, returnedCount * 2);
        }
        returned[returnedCount++] = c;
    }

    /** The sum of {@code column} over every thread's area; exact once only slow-path releases can change it. */
    long sum(int column) {
        long total = 0;
        for (ThreadRecord r : registry.snapshot()) {
            long[] a = (long[]) r.laArea();
            if (a != null && column < a.length) {
                total += (long) COUNT.getOpaque(a, column);
            }
        }
        return total;
    }

    static final class LocalCountSession<T> extends ReferenceSession<T> implements Births<T> {
        private final LocalCountReclaimer<T> lc;
        /** What each slot references: the session's own bookkeeping (the counts are what others read). */
        private final Object[] held;

        LocalCountSession(LocalCountReclaimer<T> lc) {
            super(lc);
            this.lc = lc;
            this.held = new Object[slots];
        }

        @Override
        Object held(int slot) {
            return held[slot];
        }

        @Override
        void hold(int slot, Object node) {
            held[slot] = node;
        }

        /** localcount_init: the node gets its column (kept across reuse) and loses any draining mark. */
        @Override
        public void born(T node) {
            if (node instanceof SmrHeader h) {
                long w = h.smrHeader() & COLUMN;
                h.smrHeader(w != 0 ? w : lc.newColumn() + 1L);
            }
        }

        private long[] area(int column) {
            long[] a = (long[]) record.lpArea();
            if (a == null || column >= a.length) {
                long[] grown = new long[Math.max(16, Integer.highestOneBit(column) * 2)];
                if (a != null) {
                    System.arraycopy(a, 0, grown, 0, a.length);
                }
                record.soArea(grown); // release: the copied counts are visible to a drainer that sees the new area
                a = grown;
            }
            return a;
        }

        /** localcount_acquire: +1 on this thread's column. */
        @Override
        void acquire(int slot, Object node) {
            int c = lc.column(node);
            if (lc.checked && (lc.word(node) & DRAINING) != 0) {
                throw lc.misuse(Rule.ACQUIRE_AFTER_RETIRE, "protect() took a reference on a node that is being drained: "
                        + "it was retired while still reachable (NetBSD asserts lc_totalp == NULL in localcount_acquire)");
            }
            long[] a = area(c);
            COUNT.setOpaque(a, c, a[c] + 1);
        }

        /** the drain's second grace period must see every release that missed the draining mark. */
        @Override
        boolean releaseInSection() {
            return true;
        }

        /** localcount_release: -1 on this thread's column; if the node is draining, under the interlock, waking the drainer. */
        @Override
        void release(int slot, Object node) {
            long w = lc.word(node);
            int c = (int) (w & COLUMN) - 1;
            long[] a = (long[]) record.lpArea();
            if ((w & DRAINING) == 0) {
                COUNT.setOpaque(a, c, a[c] - 1);
                return;
            }
            lc.interlock.lock();
            try {
                COUNT.setOpaque(a, c, a[c] - 1);
                lc.drained.signalAll();
            } finally {
                lc.interlock.unlock();
            }
        }

        /**
         * localcount_drain's first step, once the batch's grace period has ended every acquire:
         * mark each node draining, then take the goal of a second grace period (the drain's
         * cross-call), which ends every release that did not see the mark.
         */
        private void startDrain(Batch b) {
            if (b.drainGoal != NOT_DRAINING) {
                return;
            }
            for (int i = 0; i < b.size; i++) {
                Object node = b.nodes[i];
                lc.column(node);
                long w;
                do {
                    w = lc.word(node);
                } while (!lc.casWord(node, w, w | DRAINING));
            }
            b.drainGoal = grace.advance();
        }

        /** The drain's grace period is over and every node's counts sum to 0 (they can only fall now). */
        @Override
        protected boolean released(Batch b) {
            if (b.drainGoal == DRAINED) {
                return true;
            }
            startDrain(b);
            if (!grace.poll(b.drainGoal)) {
                return false;
            }
            counters.scan();
            for (int i = 0; i < b.size; i++) {
                if (lc.sum(lc.column(b.nodes[i])) != 0) {
                    return false;
                }
            }
            finish(b);
            return true;
        }

        /** localcount_drain: the second grace period, then sleep on the condition until each node's counts sum to 0. */
        @Override
        protected void awaitReleased(Batch b) {
            startDrain(b);
            grace.await(b.drainGoal); // its wait and blocked time are the pserialize domain's, added in stats()
            long t0 = counters.beginWait(); // the drain's blocked time (the review's writer block time, R1)
            lc.interlock.lock();
            try {
                for (int i = 0; i < b.size; i++) {
                    Object node = b.nodes[i];
                    int c = lc.column(node);
                    for (;;) {
                        counters.scan();
                        if (lc.sum(c) == 0) {
                            break;
                        }
                        if (holds(node)) {
                            throw selfDeadlock(node);
                        }
                        lc.drained.awaitUninterruptibly();
                    }
                }
            } finally {
                lc.interlock.unlock();
            }
            domain.endWait(counters, t0);
            finish(b);
        }

        /** Drained: clear the marks (a node the pool hands out again starts clean); foreign nodes give their column back. */
        private void finish(Batch b) {
            b.drainGoal = DRAINED;
            for (int i = 0; i < b.size; i++) {
                Object node = b.nodes[i];
                if (node instanceof SmrHeader h) {
                    h.smrHeader(h.smrHeader() & COLUMN);
                } else {
                    AtomicLong w;
                    synchronized (lc.foreign) {
                        w = lc.foreign.remove(node);
                    }
                    if (w != null && (w.get() & COLUMN) != 0) {
                        lc.giveBack((int) (w.get() & COLUMN) - 1);
                    }
                }
            }
        }
    }
}
