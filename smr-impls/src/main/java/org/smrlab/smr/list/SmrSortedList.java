package org.smrlab.smr.list;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.pool.SmrPool;

/**
 * A lock-free sorted linked list of {@code long} keys: Harris's list with Michael's find, the
 * list-based set of Michael, <i>High performance dynamic lock-free hash tables and list-based
 * sets</i> (SPAA 2002), over an {@link SmrPool}, so that a removed node is freed only when the
 * engine proves no reader holds it. Every operation walks from the head, so a lookup touches as
 * many nodes as keys precede its own: the workload where protecting every step (hazard pointers)
 * and one section per traversal (the epoch family) part ways.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Delete in two steps</b> (Harris): mark the victim by CASing its link to a marker (see
 *     {@link ListNode}: Java's stand-in for the mark bit), which freezes the link; then unlink it by
 *     CASing its predecessor's link from the victim to the victim's successor. Only a marked node
 *     is ever unlinked, and a marked link never changes: so a node that is not marked is still in
 *     the list, and so is its successor.</li>
 * <li><b>Find</b> (Michael) walks from the head keeping {@code prev} (whose link it stands on) and
 *     {@code cur}; a marked {@code cur} is unlinked on the way, by whoever finds it (one CAS
 *     succeeds; that thread retires the node), and the walk goes on from {@code prev}. It stops at
 *     the first key at or after the one sought. Insert CASes {@code prev}'s link from {@code cur}
 *     to the new node; delete marks {@code cur}, tries the unlink, and if that CAS fails runs find
 *     again, which unlinks it (Michael's {@code Find(key)} after a failed {@code DeleteNode}).</li>
 * <li><b>Two hazard slots, not three.</b> Michael's find holds three hazards (prev, cur, next) because
 *     it validates {@code next} against {@code cur}'s link and then {@code cur} against {@code prev}'s.
 *     Here the walk is hand over hand: to step, it protects the successor through {@code cur}'s link
 *     (hp publishes, fences and re-reads that link), in the slot that held {@code prev}, which it no
 *     longer needs. The re-read found {@code cur}'s link unmarked, so {@code cur} was still in the list
 *     at that instant, hence so was the successor: the hazard was published while the node was
 *     reachable, which is all hazard pointers ask. After unlinking a marked {@code cur} the walk
 *     protects the new {@code cur} through {@code prev}'s link the same way. A link that turns out
 *     to point to a marker means the node it leaves was deleted meanwhile: the walk restarts from
 *     the head (Harris's restart). So the list runs on every engine that can protect two nodes at
 *     once, {@code hp}'s default {@code slots=2} included.</li>
 * <li><b>Sections.</b> Every operation is one read section (enter, walk, CAS, exit). Nodes
 *     unlinked during the operation are retired after the exit: pserialize's and rwlock's retire
 *     block for readers, which would deadlock inside a section. A node taken from the pool for an
 *     insert that then finds its key already present is kept for the handle's next insert.</li>
 * <li><b>Use-after-free detection</b>, as in {@code SmrHashSet}: a reader reads a node's generation
 *     before and after using it; an odd generation, a change, a link equal to {@link ListNode#POISON},
 *     or a key not above the previous one (no legitimate walk sees keys out of order, so a recycled
 *     node that leads elsewhere is caught, and no walk can loop) is a detection, counted, and the
 *     walk restarts. An operation that has restarted on {@value #GIVE_UP_AFTER} detections throws: a list
 *     an unsafe engine has damaged could otherwise keep it restarting forever.</li>
 * <li><b>Counters</b> (nodes visited, restarts, detections) are per handle, single-writer, summed
 *     on read; a closing handle folds its counts into the list's totals.</li>
 * </ul>
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access</th><th>pairs with</th><th>so that</th></tr>
 * <tr><td>insert: node init (opaque/plain), then the CAS of {@code prev}'s link (volatile: release)</td>
 *     <td>reader: {@code protect} (an acquire load) of that link</td>
 *     <td>a reader that finds the node sees its key and successor</td></tr>
 * <tr><td>delete: CAS of the victim's link to a marker (volatile), then the CAS of {@code prev}'s link</td>
 *     <td>reader: {@code getAcquire} of {@code cur}'s link (the mark test); hp: the re-read of the link
 *         inside {@code protect}, after its fence</td>
 *     <td>a reader that sees the node unmarked after publishing its hazard on the successor knows the
 *         successor was reachable then; the retire that follows the unlink comes after the mark
 *         (the engines' own pairs then keep the node from being freed under the reader)</td></tr>
 * <tr><td>pool free: generation odd, {@code storeStoreFence}, poison</td>
 *     <td>reader: {@code g1}, loads, {@code loadLoadFence}, {@code g2}</td>
 *     <td>a use of a freed node is seen as a generation change (see {@code PooledNode})</td></tr>
 * </table>
 * The head is a sentinel that is never deleted; keys must be above {@link Long#MIN_VALUE}.
 */
public final class SmrSortedList implements AutoCloseable {
    private static final VarHandle STEPS, DETECTIONS, RESTARTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STEPS = l.findVarHandle(Handle.class, "steps", long.class);
            DETECTIONS = l.findVarHandle(Handle.class, "detections", long.class);
            RESTARTS = l.findVarHandle(Handle.class, "restarts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int SLOT_A = 0;
    /**
     * Detections in one operation after which it throws: an engine that freed nodes still linked (only
     * {@code broken} does) can leave the list damaged for good, and a walk that restarts on every
     * detection would then spin forever. A safe engine never gets here.
     */
    private static final int GIVE_UP_AFTER = 10_000;

    private final SmrPool<ListNode> pool;
    private final boolean ownsPool;
    private final ListNode head = new ListNode(); // the sentinel: never marked, never freed

    private final Object handlesLock = new Object();
    private final List<Handle> handles = new ArrayList<>(); // guarded by handlesLock
    private long closedSteps, closedDetections, closedRestarts; // guarded by handlesLock

    /** A list with its own pool and engine {@code engineSpec}. */
    public SmrSortedList(String engineSpec) {
        this(new SmrPool<>(engineSpec, ListNode::new), true);
    }

    /** A list over an existing pool (its engine too); closing the list leaves the pool open. */
    public SmrSortedList(SmrPool<ListNode> pool) {
        this(pool, false);
    }

    private SmrSortedList(SmrPool<ListNode> pool, boolean ownsPool) {
        this.pool = pool;
        this.ownsPool = ownsPool;
        head.init(Long.MIN_VALUE, null);
        try {
            requireTwoProtections(pool.reclaimer());
        } catch (IllegalArgumentException e) {
            if (ownsPool) {
                pool.close();
            }
            throw e;
        }
    }

    /** The walk holds two nodes at once (slots 0 and 1): an engine that cannot protect two is refused, by asking it. */
    private static void requireTwoProtections(Reclaimer<ListNode> r) {
        AtomicReference<ListNode> probe = new AtomicReference<>();
        try (Session<ListNode> s = r.join()) {
            s.enter();
            try {
                s.protect(1, probe);
            } finally {
                s.exit();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("SmrSortedList: the walk protects two nodes at once (slots 0 and 1), and engine "
                    + r.name() + " refuses slot 1: " + e.getMessage(), e);
        }
    }

    public SmrPool<ListNode> pool() {
        return pool;
    }

    public Reclaimer<ListNode> reclaimer() {
        return pool.reclaimer();
    }

    /** Registers the calling thread: its handle wraps a session of the list's engine. */
    public Handle join() {
        Handle h = new Handle(pool.reclaimer().join());
        synchronized (handlesLock) {
            handles.add(h);
        }
        return h;
    }

    /** Nodes the walks of every handle, past and present, stood on. */
    public long steps() {
        synchronized (handlesLock) {
            long n = closedSteps;
            for (Handle h : handles) {
                n += h.steps();
            }
            return n;
        }
    }

    /** Use-after-free detections by walks, over every handle past and present. */
    public long detections() {
        synchronized (handlesLock) {
            long n = closedDetections;
            for (Handle h : handles) {
                n += h.detections();
            }
            return n;
        }
    }

    /** Walks restarted from the head (a node deleted under the walk, a lost CAS, a detection), over every handle. */
    public long restarts() {
        synchronized (handlesLock) {
            long n = closedRestarts;
            for (Handle h : handles) {
                n += h.restarts();
            }
            return n;
        }
    }

    /**
     * The keys in the list, in order, read with plain loads: for tests and setup, when no other
     * thread is using the list. It stops at anything a sound list cannot hold (a marker, a key not
     * above the previous one), so a list damaged by an unsafe engine cannot make it loop.
     */
    public long[] keys() {
        long[] out = new long[16];
        int n = 0;
        long previous = Long.MIN_VALUE;
        for (ListNode x = head.next.getPlain(); x != null; x = x.next.getPlain()) {
            if (x.isMarker() || x == ListNode.POISON || x.key() <= previous) {
                break;
            }
            previous = x.key();
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = x.key();
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Walks the list when no other thread is using it and lists what is wrong: a freed node linked,
     * a marked (deleted) node still linked, keys not strictly increasing. Empty for a sound list.
     */
    public List<String> checkStructure() {
        List<String> faults = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        int index = 0;
        for (ListNode x = head.next.getPlain(); x != null; index++) {
            if (x == ListNode.POISON || x.isPoisoned()) {
                faults.add("node " + index + ": freed node linked: " + x);
                break;
            }
            if (x.isMarker()) {
                faults.add("node " + index + ": a marker linked into the list");
                break;
            }
            ListNode link = x.next.getPlain();
            if (link != null && link.isMarker()) {
                faults.add("node " + index + ": deleted (marked) node still linked: " + x);
                link = link.next.getPlain();
            }
            if (x.key() <= previous) {
                faults.add("node " + index + ": key " + x.key() + " not above the previous " + previous);
                break;
            }
            previous = x.key();
            x = link;
        }
        return faults;
    }

    /** Closes the pool (hence the engine) if the list created it. Every handle must be closed first. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "SmrSortedList(" + pool.reclaimer().name() + ")";
    }

    /**
     * One thread's access to the list: a session of the engine plus this thread's counters.
     * Confined to the thread that called {@link SmrSortedList#join()}. Operations never call
     * {@link Session#quiescent()}: a caller on qsbr calls {@link #quiescent()} between operations.
     */
    public final class Handle implements AutoCloseable {
        private final Session<ListNode> session;
        private long steps;      // owner writes (opaque), the list sums (opaque)
        private long detections;
        private long restarts;
        private boolean closed;

        // the result of the last find: prev (protected, or the head) and cur (protected, or null)
        private ListNode prev;
        private ListNode cur;
        /** A node from the pool not yet published: kept for the next insert. */
        private ListNode spare;
        /** Nodes this operation unlinked, retired after its section. */
        private ListNode[] unlinked = new ListNode[4];
        private int unlinkedCount;

        private Handle(Session<ListNode> session) {
            this.session = session;
        }

        /** The engine session (for callers that drive the engine directly: flush, barrier, GracePeriods). */
        public Session<ListNode> session() {
            return session;
        }

        /** Whether {@code key} is in the list: one read section, a walk from the head (unlinking deleted nodes it meets). */
        public boolean contains(long key) {
            checkKey(key);
            session.enter();
            try {
                return find(key);
            } finally {
                session.exit();
                retireUnlinked();
            }
        }

        /** Adds {@code key}; false if it was there. Lock-free: one section, a find, one CAS (retried on a race). */
        public boolean add(long key) {
            checkKey(key);
            session.enter();
            try {
                for (;;) {
                    if (find(key)) {
                        return false;
                    }
                    ListNode node = spare != null ? spare : pool.get(session); // never waits on readers
                    spare = null;
                    node.init(key, cur);
                    if (prev.next.compareAndSet(cur, node)) { // publishes the node's fields (volatile write)
                        return true;
                    }
                    spare = node; // not published: keep it for the retry
                    bumpRestarts();
                }
            } finally {
                session.exit();
                retireUnlinked();
            }
        }

        /** Removes {@code key}; false if it was absent. Lock-free: mark, then unlink (or let a find unlink). */
        public boolean remove(long key) {
            checkKey(key);
            session.enter();
            try {
                for (;;) {
                    if (!find(key)) {
                        return false;
                    }
                    ListNode victim = cur;
                    ListNode successor = victim.next.getAcquire();
                    if (successor != null && successor.isMarker()) {
                        bumpRestarts(); // another deleter marked it first; find again (and help unlink it)
                        continue;
                    }
                    if (!victim.next.compareAndSet(successor, ListNode.markerFor(successor))) {
                        bumpRestarts(); // an insert behind it, or another deleter: try again
                        continue;
                    }
                    // Deleted (the mark is ours). Unlink it, or let a find do it: whoever unlinks retires.
                    if (prev.next.compareAndSet(victim, successor)) {
                        deferRetire(victim);
                    } else {
                        find(key);
                    }
                    return true;
                }
            } finally {
                session.exit();
                retireUnlinked();
            }
        }

        /**
         * Michael's find, hand over hand with two slots: on return {@code prev} and {@code cur} are
         * protected (or the head, or null), {@code prev}'s link pointed to {@code cur}, and {@code cur} is
         * the first node whose key is at least {@code key}. Returns whether its key is {@code key}.
         * Inside a section.
         */
        private boolean find(long key) {
            int detectedHere = 0;
            retry:
            for (;;) {
                if (detectedHere > GIVE_UP_AFTER) {
                    throw new IllegalStateException("SmrSortedList: " + detectedHere + " use-after-free detections in one "
                            + "operation; the list is damaged (engine " + pool.reclaimer().name() + " freed nodes still in use)");
                }
                ListNode p = head;
                int curSlot = SLOT_A;
                ListNode c = session.protect(curSlot, head.next);
                long previousKey = Long.MIN_VALUE;
                long walked = 0;
                for (;;) {
                    if (c == null) {
                        prev = p;
                        cur = null;
                        addSteps(walked);
                        return false;
                    }
                    if (c == ListNode.POISON) {
                        addSteps(walked);
                        detected(); // followed a link out of a freed node
                        detectedHere++;
                        continue retry;
                    }
                    if (c.isMarker()) {
                        addSteps(walked);
                        bumpRestarts(); // p was deleted under us: its successor proves nothing
                        continue retry;
                    }
                    walked++;
                    long g1 = c.generation();
                    ListNode link = c.next.getAcquire();
                    long k = c.key();
                    VarHandle.loadLoadFence(); // the loads above come before the second generation read
                    if ((g1 & 1) != 0 || c.generation() != g1 || k <= previousKey) {
                        addSteps(walked);
                        detected(); // freed, reused, or a recycled node that led out of order
                        detectedHere++;
                        continue retry;
                    }
                    if (link != null && link.isMarker()) {
                        // c is deleted: unlink it; the thread whose CAS succeeds retires it
                        if (p.next.compareAndSet(c, link.next.getPlain())) { // a marker's link never changes
                            deferRetire(c);
                            c = session.protect(curSlot, p.next); // c's slot: c is no longer needed
                            continue;
                        }
                        addSteps(walked);
                        bumpRestarts();
                        continue retry;
                    }
                    if (k >= key) {
                        prev = p;
                        cur = c;
                        addSteps(walked);
                        return k == key;
                    }
                    // step: the successor goes into the slot that held p, which is no longer needed
                    int nextSlot = 1 - curSlot;
                    ListNode n = session.protect(nextSlot, c.next);
                    p = c;
                    previousKey = k;
                    curSlot = nextSlot;
                    c = n;
                }
            }
        }

        private void deferRetire(ListNode node) {
            if (unlinkedCount == unlinked.length) {
                unlinked = Arrays.copyOf(unlinked, unlinkedCount * 2);
            }
            unlinked[unlinkedCount++] = node;
        }

        /** Retires the nodes this operation unlinked; outside the section, where a blocking engine may wait. */
        private void retireUnlinked() {
            for (int i = 0; i < unlinkedCount; i++) {
                pool.put(session, unlinked[i]);
                unlinked[i] = null;
            }
            unlinkedCount = 0;
        }

        private void checkKey(long key) {
            if (key == Long.MIN_VALUE) {
                throw new IllegalArgumentException("SmrSortedList: key Long.MIN_VALUE is the head's; use any other");
            }
        }

        private void addSteps(long n) {
            STEPS.setOpaque(this, steps + n);
        }

        private void detected() {
            DETECTIONS.setOpaque(this, detections + 1);
            bumpRestarts();
        }

        private void bumpRestarts() {
            RESTARTS.setOpaque(this, restarts + 1);
        }

        /** Announces a quiescent state (qsbr); call between operations, never inside a section. */
        public void quiescent() {
            session.quiescent();
        }

        /** Nodes this handle's walks stood on. */
        public long steps() {
            return (long) STEPS.getOpaque(this);
        }

        /** This handle's use-after-free detections. */
        public long detections() {
            return (long) DETECTIONS.getOpaque(this);
        }

        /** This handle's restarts. */
        public long restarts() {
            return (long) RESTARTS.getOpaque(this);
        }

        /**
         * Returns the unpublished spare node to the pool (retired: no reader ever saw it), closes the
         * session (pending retires are handed on) and hands this thread's free nodes to the pool's
         * depot. Idempotent.
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (spare != null) {
                pool.put(session, spare);
                spare = null;
            }
            session.close();
            pool.releaseThreadCache();
            synchronized (handlesLock) {
                handles.remove(this);
                closedSteps += steps;
                closedDetections += detections;
                closedRestarts += restarts;
            }
        }
    }
}
