package org.smrlab.smr.set;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.checked.Sleepable;
import org.smrlab.smr.pool.SmrPool;

/**
 * A fixed-bucket chained hash set of {@code long} keys: writers serialized by one lock, readers
 * lock-free inside read sections (FreeBSD's {@code in_pcb} lookup pattern), nodes from an
 * {@link SmrPool}, so removed nodes are freed only when the engine proves no reader holds them.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Writers</b> ({@link Handle#add}, {@link Handle#remove}) take the lock and need no read
 *     section: only writers unlink, and they are serialized, so every node a writer reaches is
 *     live. Add puts a node (from the pool) at the head of its bucket. Remove unlinks the node,
 *     then marks it {@code removed}, both under the lock, then, after unlocking, {@code put}s it to
 *     the pool.
 *     <br><i>Why mark after the unlink:</i> what hazard pointers need is that the mark is visible
 *     before the node's successor can be retired, and the successor can only be unlinked by a later
 *     holder of the lock, so any mark made under the lock will do. Marking <em>after</em> the unlink
 *     makes every restart productive: a reader that sees the mark (acquire) also sees the unlink, so
 *     its next walk does not find the node again. Marked first, a writer preempted between the two
 *     stores (2 cores, 5 threads) left readers re-finding the marked node for a whole time slice:
 *     520,000 restarts in a one-second gus torture run, against about 300 with this order.
 *     <br><i>Why retire after the unlock:</i> pserialize's and rwlock's retire blocks for a grace
 *     period; holding the lock through it would be correct but would make every other writer wait
 *     for that grace period too. The node is unreachable once unlinked, so retiring it a little
 *     later changes nothing for readers.</li>
 * <li><b>Readers</b> ({@link Handle#contains}) enter a section, load the bucket head with
 *     {@code protect(slot, head)}, and for each node: read its generation {@code g1} and its key;
 *     if the key matches, read its {@code removed} flag and its generation {@code g2} and answer;
 *     otherwise protect its successor with the other slot, read its {@code removed} flag, and its
 *     generation {@code g2}, and go on. (A hit does not protect the successor it will never use:
 *     under hazard pointers that saves one hazard store and one full fence per hit; the bench's
 *     {@code LookupCostBench} measures this and the walk's other parts.) {@code removed} means "restart from the bucket head": under hazard pointers a
 *     validated link out of an unlinked node proves nothing (the successor may already be retired
 *     and scanned), so a reader standing on an unlinked node must go back. Epoch-style engines
 *     would not need the restart; it costs them nothing measurable and keeps one code path.</li>
 * <li><b>Use-after-free detection.</b> {@code g1} odd, or {@code g2 != g1}, or a successor equal
 *     to {@link SetNode#POISON}, means the reader used a node that was freed (and perhaps recycled)
 *     while it held it: counted in {@link #detections()}, and the reader restarts. A recycled node
 *     may point anywhere, so a traversal is also bounded: no legitimate walk from a bucket head is
 *     longer than the most nodes the set ever held (inserts go to the head, behind the reader), so
 *     a longer one is counted as a detection too. Nothing a reader sees can make it loop forever
 *     or throw.</li>
 * <li><b>Counters</b> (detections, restarts) are per handle, single-writer, summed on read; a
 *     closing handle folds its counts into the set's totals.</li>
 * <li><b>Bucket heads are padded.</b> A head is an {@code AtomicReference} (what {@code protect}
 *     loads), 16 bytes; allocated one after another they would sit four to a cache line, so a
 *     writer relinking one bucket would invalidate the line for readers of three neighbouring
 *     buckets. Each head is a {@link BucketHead}, 136 bytes, so no two heads' links share a line or
 *     an adjacent-line pair. The cost is memory (136 bytes a bucket) and one line per lookup's
 *     head instead of a quarter of one.</li>
 * </ul>
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access</th><th>pairs with</th><th>so that</th></tr>
 * <tr><td>add: node init (opaque/plain), then {@code setRelease} of the bucket head</td>
 *     <td>reader: {@code protect} (an acquire load) of the link</td>
 *     <td>a reader that finds the node sees its key, flag and successor</td></tr>
 * <tr><td>remove: {@code setRelease} of the predecessor's link (unlink), then {@code setRelease(removed = true)},
 *         then unlock; a later writer unlinks and retires the successor; hp scan: {@code fullFence}, slot loads</td>
 *     <td>hp reader: hazard store on the successor, {@code fullFence}, re-read of {@code node.next},
 *         {@code getAcquire(removed)}</td>
 *     <td>store-buffering pair on the two fences: the reader's flag load sees the mark, or the scan
 *         that could free the successor sees the reader's hazard; and a reader that sees the mark
 *         sees the unlink, so its restart does not find the node again</td></tr>
 * <tr><td>pool free: generation odd, {@code storeStoreFence}, poison</td>
 *     <td>reader: {@code g1}, loads, {@code loadLoadFence}, {@code g2}</td>
 *     <td>a use of a freed node is seen as a generation change (see {@code PooledNode})</td></tr>
 * <tr><td>writers: size and peak size {@code setOpaque} under the lock, before the release link store</td>
 *     <td>reader: {@code getOpaque} after its acquire link loads</td>
 *     <td>the step bound a reader checks is at least the size of any chain it has seen</td></tr>
 * </table>
 * Engines that protect per slot (hazard pointers and eras, psref, localcount) need two slots (the
 * node and its successor); one built with {@code slots=1} is refused.
 */
public final class SmrHashSet implements AutoCloseable {
    private static final VarHandle SIZE, PEAK_SIZE, DETECTIONS, RESTARTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(SmrHashSet.class, "size", long.class);
            PEAK_SIZE = l.findVarHandle(SmrHashSet.class, "peakSize", long.class);
            DETECTIONS = l.findVarHandle(Handle.class, "detections", long.class);
            RESTARTS = l.findVarHandle(Handle.class, "restarts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Traversal steps granted beyond the set's peak size before a walk counts as corrupted. */
    private static final int STEP_SLACK = 16;

    private final SmrPool<SetNode> pool;
    private final boolean ownsPool;
    private final BucketHead[] heads;
    private final int mask;
    private final ReentrantLock writerLock = new ReentrantLock();
    private long size;      // written under writerLock (opaque), read opaque
    private long peakSize;  // written under writerLock (opaque), read opaque by readers bounding their walk

    private final Object handlesLock = new Object();
    private final List<Handle> handles = new ArrayList<>(); // guarded by handlesLock
    private long closedDetections, closedRestarts;          // guarded by handlesLock

    /** A set with its own pool and engine {@code engineSpec}; {@code buckets} a power of two. */
    public SmrHashSet(String engineSpec, int buckets) {
        this(new SmrPool<>(engineSpec, SetNode::new), buckets, true);
    }

    /** A set over an existing pool (its engine too); closing the set leaves the pool open. */
    public SmrHashSet(SmrPool<SetNode> pool, int buckets) {
        this(pool, buckets, false);
    }

    private SmrHashSet(SmrPool<SetNode> pool, int buckets, boolean ownsPool) {
        this.pool = pool;
        this.ownsPool = ownsPool;
        try {
            if (buckets < 1 || Integer.bitCount(buckets) != 1) {
                throw new IllegalArgumentException("SmrHashSet: buckets must be a power of two >= 1, got " + buckets);
            }
            requireTwoSlots(pool.reclaimer());
        } catch (IllegalArgumentException e) {
            if (ownsPool) {
                pool.close();
            }
            throw e;
        }
        this.heads = new BucketHead[buckets];
        for (int i = 0; i < buckets; i++) {
            heads[i] = new BucketHead();
        }
        this.mask = buckets - 1;
    }

    /**
     * Readers protect a node and its successor at once, in slots 0 and 1. Engines that protect per
     * slot (hazard pointers, hazard eras, psref, localcount) refuse slot 1 when built with one slot;
     * asking the engine itself, once, keeps the set free of per-engine knowledge.
     */
    private static void requireTwoSlots(Reclaimer<SetNode> engine) {
        try (Session<SetNode> s = engine.join()) {
            s.enter();
            try {
                s.protect(1, new AtomicReference<>());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("SmrHashSet: readers protect a node and its successor at once, so the "
                        + "engine needs 2 slots per thread; " + e.getMessage(), e);
            } finally {
                s.exit();
            }
        }
    }

    public SmrPool<SetNode> pool() {
        return pool;
    }

    public Reclaimer<SetNode> reclaimer() {
        return pool.reclaimer();
    }

    public int buckets() {
        return heads.length;
    }

    /**
     * The head link of {@code key}'s bucket: for benchmarks and tests that walk the chains with code
     * of their own (a reader must load it, and every link, through {@code Session.protect}).
     */
    public AtomicReference<SetNode> bucketHead(long key) {
        return heads[bucketOf(key)];
    }

    /** Keys in the set now. */
    public long size() {
        return (long) SIZE.getOpaque(this);
    }

    /** Registers the calling thread: its handle wraps a session of the set's engine. */
    public Handle join() {
        Handle h = new Handle(pool.reclaimer().join());
        synchronized (handlesLock) {
            handles.add(h);
        }
        return h;
    }

    /** Use-after-free detections by readers, over every handle past and present. */
    public long detections() {
        synchronized (handlesLock) {
            long n = closedDetections;
            for (Handle h : handles) {
                n += h.detections();
            }
            return n;
        }
    }

    /** Reader restarts (the node a reader stood on was unlinked, or a detection), over every handle. */
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
     * A bucket head padded to 136 bytes: the link (the superclass's one field, right after the
     * object header) is followed by 120 bytes of padding, so the next head's link lies 136 bytes
     * further on. Longs, because nothing of a subclass can land in front of the link.
     */
    @SuppressWarnings("unused")
    static final class BucketHead extends AtomicReference<SetNode> {
        private static final long serialVersionUID = 1L;
        long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14;
    }

    private int bucketOf(long key) {
        long h = key * 0x9E37_79B9_7F4A_7C15L; // Fibonacci hashing: the high bits are well mixed
        return (int) (h ^ (h >>> 32) ^ (h >>> 48)) & mask;
    }

    /**
     * Walks every bucket under the writer lock and lists what is wrong: a poisoned node, a key in
     * the wrong bucket, a key twice, a removed node still linked, a count that disagrees with
     * {@link #size()}. Empty for a sound set. For tests and the torture harness, between runs.
     */
    public List<String> checkStructure() {
        List<String> faults = new ArrayList<>();
        writerLock.lock();
        try {
            Set<Long> seen = new HashSet<>();
            long count = 0;
            for (int b = 0; b < heads.length; b++) {
                int steps = 0;
                for (SetNode n = heads[b].getPlain(); n != null; n = n.next.getPlain()) {
                    if (++steps > peakSize + STEP_SLACK) {
                        faults.add("bucket " + b + ": chain longer than the peak size " + peakSize + " (a cycle?)");
                        break;
                    }
                    if (n == SetNode.POISON || n.isPoisoned()) {
                        faults.add("bucket " + b + ": freed node linked: " + n);
                        break;
                    }
                    if (n.isRemoved()) {
                        faults.add("bucket " + b + ": removed node still linked: " + n);
                    }
                    if (bucketOf(n.key()) != b) {
                        faults.add("bucket " + b + ": key " + n.key() + " belongs in bucket " + bucketOf(n.key()));
                    }
                    if (!seen.add(n.key())) {
                        faults.add("bucket " + b + ": key " + n.key() + " twice");
                    }
                    count++;
                }
            }
            if (count != size) {
                faults.add("size is " + size + " but " + count + " nodes are linked");
            }
        } finally {
            writerLock.unlock();
        }
        return faults;
    }

    /** Closes the pool (hence the engine) if the set created it. Every handle must be closed first. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "SmrHashSet(" + heads.length + " buckets, " + pool.reclaimer().name() + ")";
    }

    /**
     * One thread's access to the set: a session of the engine plus this thread's counters. Confined
     * to the thread that called {@link SmrHashSet#join()}. Operations never call
     * {@link Session#quiescent()}: a caller on qsbr must call {@link #quiescent()} between
     * operations (outside any section) or nothing is ever freed.
     */
    public final class Handle implements AutoCloseable {
        private static final int SLOT_A = 0;

        private final Session<SetNode> session;
        private long detections; // owner writes (opaque), the set sums (opaque)
        private long restarts;
        private boolean closed;

        private Handle(Session<SetNode> session) {
            this.session = session;
        }

        /** The engine session (for callers that drive the engine directly: flush, barrier, GracePeriods). */
        public Session<SetNode> session() {
            return session;
        }

        /** Lock-free lookup inside one read section. */
        public boolean contains(long key) {
            AtomicReference<SetNode> head = heads[bucketOf(key)];
            session.enter();
            try {
                for (;;) {
                    int found = walk(head, key);
                    if (found >= 0) {
                        return found == 1;
                    }
                    // -1: restart from the bucket head (counted in walk)
                }
            } finally {
                session.exit();
            }
        }

        /** One attempt: 1 found, 0 absent, -1 restart. Inside a section. */
        private int walk(AtomicReference<SetNode> head, long key) {
            int slot = SLOT_A;
            SetNode node = session.protect(slot, head);
            long limit = peakSizeOpaque() + STEP_SLACK;
            long steps = 0;
            while (node != null) {
                if (node == SetNode.POISON) {
                    return detected(); // followed a link out of a freed node
                }
                if (++steps > limit) {
                    limit = peakSizeOpaque() + STEP_SLACK; // the set may have grown since we looked
                    if (steps > limit) {
                        return detected(); // longer than any chain could be: a recycled node led us astray
                    }
                }
                long g1 = node.generation();
                if ((g1 & 1) != 0) {
                    return detected(); // freed before we could use it
                }
                long k = node.key();
                if (k == key) {
                    // A hit needs nothing beyond this node: its successor is not protected (a hazard,
                    // a fence), only the node checked, as below.
                    boolean removed = node.isRemoved();
                    VarHandle.loadLoadFence();
                    if (node.generation() != g1) {
                        return detected();
                    }
                    if (removed) {
                        bumpRestarts();
                        return -1;
                    }
                    return 1;
                }
                SetNode successor = session.protect(1 - slot, node.next);
                boolean removed = node.isRemoved(); // after protecting the successor: see the table
                VarHandle.loadLoadFence();          // the loads above come before the second generation read
                long g2 = node.generation();
                if (g2 != g1) {
                    return detected(); // freed (and perhaps reused) while we used it
                }
                if (removed) {
                    bumpRestarts();
                    return -1; // unlinked under us: its successor link proves nothing (hazard pointers)
                }
                node = successor;
                slot = 1 - slot;
            }
            return 0;
        }

        private long peakSizeOpaque() {
            return (long) PEAK_SIZE.getOpaque(SmrHashSet.this);
        }

        private int detected() {
            DETECTIONS.setOpaque(this, detections + 1);
            bumpRestarts();
            return -1;
        }

        private void bumpRestarts() {
            RESTARTS.setOpaque(this, restarts + 1);
        }

        /** Adds {@code key}; false if it was there. Takes the writer lock; no read section. */
        public boolean add(long key) {
            AtomicReference<SetNode> head = heads[bucketOf(key)];
            Sleepable.assertSleepable("SmrHashSet.add: writer lock"); // a blocking lock: never inside a read section
            writerLock.lock();
            try {
                SetNode first = head.getPlain(); // writers are serialized by the lock
                for (SetNode n = first; n != null; n = n.next.getPlain()) {
                    if (n.key() == key) {
                        return false;
                    }
                }
                SetNode node = pool.get(session); // never waits on readers
                node.init(key, first);
                long s = size + 1;
                SIZE.setOpaque(SmrHashSet.this, s);
                if (s > peakSize) {
                    PEAK_SIZE.setOpaque(SmrHashSet.this, s); // before the link store publishes the node
                }
                head.setRelease(node); // publishes the node's fields to readers' protect (acquire)
                return true;
            } finally {
                writerLock.unlock();
            }
        }

        /** Removes {@code key}; false if it was absent. The node is retired after the lock is released. */
        public boolean remove(long key) {
            AtomicReference<SetNode> link = heads[bucketOf(key)];
            SetNode victim = null;
            Sleepable.assertSleepable("SmrHashSet.remove: writer lock");
            writerLock.lock();
            try {
                for (SetNode n = link.getPlain(); n != null; n = n.next.getPlain()) {
                    if (n.key() == key) {
                        victim = n;
                        break;
                    }
                    link = n.next;
                }
                if (victim == null) {
                    return false;
                }
                link.setRelease(victim.next.getPlain()); // unlink
                victim.markRemoved();                    // then mark, still under the lock (see the notes)
                SIZE.setOpaque(SmrHashSet.this, size - 1);
            } finally {
                writerLock.unlock();
            }
            pool.put(session, victim); // outside the lock: pserialize and rwlock block here
            return true;
        }

        /**
         * A stalled reader: enters a section, protects the first node of {@code key}'s bucket, and
         * parks until {@code nanos} have passed (negative: until {@code stop} says so) or
         * {@code stop} returns true; then checks the node was neither freed nor recycled meanwhile
         * (a detection if it was) and exits. Returns whether the node (if any) was intact.
         */
        public boolean parkInSection(long key, long nanos, BooleanSupplier stop) {
            long deadline = System.nanoTime() + nanos;
            session.enter();
            try {
                SetNode node = session.protect(SLOT_A, heads[bucketOf(key)]);
                long g1 = node == null ? 0 : node.generation();
                long k1 = node == null ? 0 : node.key();
                while (!stop.getAsBoolean()) {
                    long left = nanos < 0 ? 1_000_000 : deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(Math.min(left, 1_000_000));
                }
                if (node == null) {
                    return true;
                }
                long k2 = node.key();
                VarHandle.loadLoadFence();
                long g2 = node.generation();
                if ((g1 & 1) != 0 || g2 != g1 || k2 != k1) {
                    detected();
                    return false;
                }
                return true;
            } finally {
                session.exit();
            }
        }

        /** Announces a quiescent state (qsbr); call between operations, never inside a section. */
        public void quiescent() {
            session.quiescent();
        }

        /** This handle's use-after-free detections. */
        public long detections() {
            return (long) DETECTIONS.getOpaque(this);
        }

        /** This handle's reader restarts. */
        public long restarts() {
            return (long) RESTARTS.getOpaque(this);
        }

        /** Closes the session (pending retires are handed on) and hands this thread's free nodes to the pool's depot. Idempotent. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
            pool.releaseThreadCache();
            synchronized (handlesLock) {
                handles.remove(this);
                closedDetections += detections;
                closedRestarts += restarts;
            }
        }
    }
}
