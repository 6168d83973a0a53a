package org.smrlab.smr.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.smrlab.smr.Engines;
import org.smrlab.smr.checked.CheckedReclaimer;
import org.smrlab.smr.checked.SmrMisuseException;
import org.smrlab.smr.engine.Births;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * An allocator whose frees go through an SMR engine: the analogue of FreeBSD's
 * {@code uma_zone_set_smr(9)} and NetBSD's {@code pool_cache_set_smr(9)}.
 *
 * <h2>Implementation notes</h2>
 * <pre>
 *   put(node) ──► session.retire ──(engine proves no reader holds it)──► free: poison ──► freeing thread's cache
 *                                                                                           │ over 2 buckets
 *   get() ◄── this thread's cache ◄── depot (bucket-sized chunks, one lock) ◄──────────────────┘
 *         ◄── allocate fresh (slow path) when both are empty: never wait for readers, grow instead
 * </pre>
 * <ul>
 * <li><b>Free is the engine's callback.</b> The pool builds its engine with
 *     {@code Engines.create(spec, this::free)}, so a node becomes reusable exactly when the engine
 *     proves it safe, on the thread that proved it. That thread poisons the node (generation made
 *     odd by a CAS, then {@link PooledNode#poisonFields()}) and pushes it on its own cache, as UMA
 *     frees a bucket into the freeing CPU's cache. A free of a node already odd is a double free:
 *     counted, and the node is not cached a second time.</li>
 * <li><b>Get never waits.</b> It pops this thread's cache, else takes one chunk from the depot,
 *     else allocates fresh (the slow path, counted). It never polls or waits on the engine: a pool
 *     whose readers stall grows, as UMA's SMR zones do, and the footprint shows it. Reuse checks
 *     that the poison is intact (a failure is a write after free, counted; in strict mode the node
 *     is dropped and {@code get} throws) and makes the generation even again.</li>
 * <li><b>Births.</b> When the caller's session is a {@link Births} (interval-based reclamation,
 *     hazard eras, localcount), {@code get} tells it about every node it hands out, fresh or reused,
 *     before the caller can publish the node: the engine stamps the birth era (or the node's count
 *     column) into the node's {@code SmrHeader}. The allocator is where IBR's authors stamp it too.</li>
 * <li><b>Per-thread cache.</b> A {@link ThreadLocal}: one hash probe in the thread's map per
 *     {@code get}, {@code put} and free (a few ns), paid so that the common path touches no shared
 *     line. A kernel indexes a per-CPU array instead; keying the cache on the session would need a
 *     hook in every engine. A thread's cache holds at most two buckets; beyond that one bucket
 *     moves to the depot, so a thread that only frees (a closer, a reclaiming writer) feeds others.
 *     {@link #releaseThreadCache()} hands a leaving thread's nodes to the depot.</li>
 * <li><b>Counters.</b> Per-thread single-writer cells (in the thread's cache object), summed by
 *     {@link #stats()}. One shared {@code AtomicLong} bumped on every get would put a contended
 *     line on the very path being measured and serialize the writers it is meant to observe;
 *     {@code LongAdder} would work but spends a cell lookup of its own.</li>
 * <li><b>Probe.</b> Only with a {@link PoolProbe} attached does the pool read the clock: {@code put}
 *     stamps the retire time in the node, free reports retire-to-free, the slow path is timed.</li>
 * </ul>
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access</th><th>pairs with</th><th>so that</th></tr>
 * <tr><td>free: CAS of the generation to odd, {@code storeStoreFence}, poison stores</td>
 *     <td>reader: field loads, {@code loadLoadFence}, {@code getAcquire} of the generation</td>
 *     <td>a reader that used a freed node sees its generation change (see {@link PooledNode})</td></tr>
 * <tr><td>spill to the depot: push under {@code depotLock}</td><td>refill: pop under {@code depotLock}</td>
 *     <td>the poisoning thread's stores happen-before the reusing thread's checks</td></tr>
 * <tr><td>owner: {@code setOpaque} of a counter</td><td>{@code stats()}: {@code getOpaque}</td>
 *     <td>no tearing and eventual visibility; exact once the owner has stopped (join, or the engine's close)</td></tr>
 * </table>
 *
 * <h2>What it refuses to do</h2>
 * It does not trim its caches (UMA does under memory pressure): the footprint only grows, which is
 * the figure the stall benchmarks want. It does not enter read sections for the caller.
 *
 * @param <T> the node type
 */
public final class SmrPool<T extends PooledNode> implements AutoCloseable {
    /** Nodes per depot chunk; a thread's cache holds at most two. UMA's buckets are of this order. */
    public static final int BUCKET = 64;
    /** A thread's cache holds fewer than this many buckets: at this many it gives one to the depot. */
    public static final int CACHE_BUCKETS = 2;

    private static final VarHandle DEPOT_NODES;

    static {
        try {
            DEPOT_NODES = MethodHandles.lookup().findVarHandle(SmrPool.class, "depotNodes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A bucket of free nodes in the depot: a chain linked by {@code poolNext}. */
    private static final class Chunk {
        final PooledNode head;
        final int count;
        Chunk next;

        Chunk(PooledNode head, int count) {
            this.head = head;
            this.count = count;
        }
    }

    private final Supplier<T> allocate;
    private final PoolProbe probe;
    /** The SMR-only mechanisms in use: all, but for PoolBench measuring one's cost ({@link Mechanism}). */
    private final boolean poison;
    private final boolean generations;
    private final boolean deferredReuse;
    /** Chunks the depot may hold; beyond, one is destructed after a grace period (the type-stable model only). */
    private final int depotLimit;
    private final int sampleMask; // a put stamps its node when (random & sampleMask) == 0
    private final boolean strict;
    private final CopyOnWriteArrayList<ThreadCache> caches = new CopyOnWriteArrayList<>();
    private final ThreadLocal<ThreadCache> cache = ThreadLocal.withInitial(this::newCache);
    private final Object depotLock = new Object();
    private Chunk depot;          // guarded by depotLock
    private int depotChunks;      // guarded by depotLock; read racily as a hint by the type-stable model's put
    private long depotNodes;      // written under depotLock (opaque); read opaque as a hint and by stats()
    private final AtomicLong peakFootprint = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Reclaimer<T> reclaimer;

    /** A pool whose frees go through the engine {@code engineSpec}. */
    public SmrPool(String engineSpec, Supplier<T> allocate) {
        this(engineSpec, allocate, null, false);
    }

    /** As above, reporting latencies to {@code probe} (null for none). */
    public SmrPool(String engineSpec, Supplier<T> allocate, PoolProbe probe) {
        this(engineSpec, allocate, probe, false);
    }

    /**
     * As above; with {@code strict}, a node found written after its free makes {@code get} throw
     * (checked mode) instead of only being counted.
     */
    public SmrPool(String engineSpec, Supplier<T> allocate, PoolProbe probe, boolean strict) {
        this(engineSpec, allocate, probe, strict, java.util.EnumSet.noneOf(Mechanism.class));
    }

    /**
     * As above, without the SMR-only mechanisms in {@code without}: only to measure what each costs
     * (a pool without them is blind or unsafe; see {@link Mechanism}).
     */
    public SmrPool(String engineSpec, Supplier<T> allocate, PoolProbe probe, boolean strict, java.util.Set<Mechanism> without) {
        this(engineSpec, allocate, probe, strict, without, Integer.MAX_VALUE);
    }

    /**
     * NetBSD's {@code PR_PSERIALIZE} pool_cache (subr_pool.c 1.284), as the lab models it: objects are
     * type-stable. {@code put} returns a node to the putting thread's cache at once, unpoisoned, with
     * its generation moved on, so a later {@code get} may hand it out again while a reader still looks
     * at it: readers must validate what they read (the hash set's readers check the generation and
     * restart), which is what PR_PSERIALIZE's users do. The passive-serialization barrier
     * ({@code pool_cache_pre_destruct}: {@code xc_barrier(0)}) runs only before objects leave the
     * cache for good: in NetBSD when a chain of cache groups is destructed (pool_cache_invalidate,
     * reclaim under memory pressure) or a put finds no empty group, and before a page goes back to the
     * system. Here: when the depot would hold more than {@code depotLimit} chunks, the putting thread
     * performs a grace period of the engine ({@code synchronize}: for pserialize its cross-call) and
     * drops one chunk, which the footprint shows. Blocking is only there.
     *
     * @param engineSpec the engine whose grace period stands for pool_barrier (pserialize for the model)
     * @param depotLimit chunks the depot may hold before one is destructed (after a grace period)
     */
    public static <T extends PooledNode> SmrPool<T> typeStable(String engineSpec, Supplier<T> allocate, PoolProbe probe,
                                                              int depotLimit) {
        if (depotLimit < 1) {
            throw new IllegalArgumentException("SmrPool.typeStable: depotLimit must be >= 1 chunk, got " + depotLimit);
        }
        return new SmrPool<>(engineSpec, allocate, probe, false, java.util.EnumSet.of(Mechanism.POISON, Mechanism.DEFERRED_REUSE),
                depotLimit);
    }

    private SmrPool(String engineSpec, Supplier<T> allocate, PoolProbe probe, boolean strict, java.util.Set<Mechanism> without,
                    int depotLimit) {
        this.depotLimit = depotLimit;
        this.poison = !without.contains(Mechanism.POISON);
        this.generations = !without.contains(Mechanism.GENERATIONS);
        this.deferredReuse = !without.contains(Mechanism.DEFERRED_REUSE);
        if (allocate == null) {
            throw new IllegalArgumentException("SmrPool: allocate supplier is null");
        }
        this.allocate = allocate;
        this.probe = probe;
        int period = probe == null ? 1 : probe.samplePeriod();
        if (period < 1 || Integer.bitCount(period) != 1) {
            throw new IllegalArgumentException("SmrPool: the probe's samplePeriod must be a power of two >= 1, got " + period);
        }
        this.sampleMask = period - 1;
        // Last but one: the engine may call free (this::free) as soon as it exists; free does not read strict.
        this.reclaimer = Engines.create(engineSpec, this::free);
        this.strict = strict || CheckedReclaimer.isChecked(reclaimer); // checked mode makes the pool strict
    }

    /** The engine; sessions for {@link #get} and {@link #put} come from its {@code join()}. */
    public Reclaimer<T> reclaimer() {
        return reclaimer;
    }

    /** Whether a damaged poison makes {@link #get} throw. */
    public boolean strict() {
        return strict;
    }

    private ThreadCache newCache() {
        ThreadCache c = new ThreadCache();
        caches.add(c);
        return c;
    }

    // ------------------------------------------------------------------ get

    /**
     * A live node: a freed one from this thread's cache or the depot, else a fresh one. Never
     * waits on readers. The caller initializes every field before publishing the node.
     *
     * @param session the caller's session (the pool takes no section; the session names the caller)
     * @throws IllegalStateException in strict mode, when the node about to be reused was written after its free
     */
    public T get(Session<T> session) {
        ThreadCache c = cache.get();
        c.countGet();
        PooledNode n = c.pop();
        if (n == null && (long) DEPOT_NODES.getOpaque(this) > 0) {
            refill(c);
            n = c.pop();
        }
        T node = n == null ? allocateFresh(c) : reuse(c, n);
        if (session instanceof Births) {
            births(session).born(node); // IBR, hazard eras: the birth era; localcount: the node's count column
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static <T> Births<T> births(Session<T> session) {
        return (Births<T>) session;
    }

    @SuppressWarnings("unchecked")
    private T reuse(ThreadCache c, PooledNode n) {
        long freed = n.generationOpaque(); // odd: this thread alone holds the node now
        // smr-only: poison begin
        if (poison && !n.poisonIntact()) {
            c.countWriteAfterFree();
            if (strict) {
                notePeakFootprint();
                c.countDropped();
                throw SmrMisuseException.writeAfterFree(reclaimer.name(), n, freed);
            }
        }
        // smr-only: poison end
        // smr-only: generations begin
        if (generations) {
            n.markLive(freed);
        }
        // smr-only: generations end
        return (T) n;
    }

    // pool-core: slow-path begin
    private T allocateFresh(ThreadCache c) {
        T fresh;
        if (probe != null) {
            long t0 = System.nanoTime();
            fresh = allocate.get();
            long nanos = Math.max(1, System.nanoTime() - t0);
            c.countSlowGet(nanos);
            probe.slowGet(nanos);
        } else {
            fresh = allocate.get();
            c.countSlowGet(0);
        }
        if (fresh == null || (fresh.generationOpaque() & 1) != 0) {
            throw new IllegalStateException("SmrPool: the allocate supplier returned "
                    + (fresh == null ? "null" : "a node with an odd (freed) generation") + "; it must return fresh nodes");
        }
        return fresh;
    }
    // pool-core: slow-path end

    // ------------------------------------------------------------------ put and free

    /** Retires {@code node} (already unlinked) through the engine; it is reused once the engine frees it. */
    public void put(Session<T> session, T node) {
        // pool-core: accounting begin
        if (probe != null && (sampleMask == 0 || (ThreadLocalRandom.current().nextInt() & sampleMask) == 0)) {
            node.stampRetire(System.nanoTime()); // sampled: see PoolProbe.samplePeriod
        }
        cache.get().countRetired(); // before retire: an engine may free at once (broken, rwlock)
        // pool-core: accounting end
        // smr-only: deferred-reuse begin
        if (!deferredReuse) {
            free(node); // reused at once: PoolBench's plain object cache, or the type-stable model
            if (depotChunks > depotLimit) {
                destructChunk(session);
            }
            return;
        }
        session.retire(node);
        // smr-only: deferred-reuse end
    }

    /** The engine's free function: runs on whichever thread proved {@code node} safe. */
    private void free(T node) {
        ThreadCache c = cache.get();
        // smr-only: generations begin
        if (generations && !node.markFreed(node.generationOpaque())) {
            c.countDoubleFree(); // already freed: never cache a node twice
            return;
        }
        // smr-only: generations end
        // smr-only: poison begin
        if (poison) {
            node.poisonFields();
        }
        // smr-only: poison end
        // pool-core: accounting begin
        c.countFreed();
        long stamp;
        if (probe != null && (stamp = node.retireStamp()) != 0) {
            probe.retireToFree(System.nanoTime() - stamp);
            node.stampRetire(0); // unsampled until a later put stamps it again
        }
        // pool-core: accounting end
        c.push(node);
        if (c.size() >= CACHE_BUCKETS * BUCKET) {
            spill(c, BUCKET);
        }
    }

    // ------------------------------------------------------------------ depot

    // pool-core: cache begin
    private void spill(ThreadCache c, int count) {
        Chunk chunk = new Chunk(c.detach(count), count); // walk the chain outside the lock
        synchronized (depotLock) {
            chunk.next = depot;
            depot = chunk;
            depotChunks++;
            DEPOT_NODES.setOpaque(this, depotNodes + count);
        }
    }

    /**
     * The type-stable model's only barrier: a grace period of the engine (pool_barrier before
     * pool_cache_invalidate_groups destructs a chain), then one chunk leaves the pool for good.
     */
    private void destructChunk(Session<T> session) {
        if (!(session instanceof org.smrlab.smr.GracePeriods gp)) {
            throw new IllegalStateException("SmrPool.typeStable needs an engine with a write side (synchronize): "
                    + reclaimer.name());
        }
        gp.synchronize();
        Chunk chunk;
        synchronized (depotLock) {
            chunk = depot;
            if (chunk == null || depotChunks <= depotLimit) {
                return;
            }
            depot = chunk.next;
            depotChunks--;
            DEPOT_NODES.setOpaque(this, depotNodes - chunk.count);
        }
        notePeakFootprint();
        ThreadCache c = cache.get();
        for (int i = 0; i < chunk.count; i++) {
            c.countDropped(); // destructed: gone from the footprint
        }
    }

    private void refill(ThreadCache c) {
        Chunk chunk;
        synchronized (depotLock) {
            chunk = depot;
            if (chunk == null) {
                return;
            }
            depot = chunk.next;
            depotChunks--;
            DEPOT_NODES.setOpaque(this, depotNodes - chunk.count);
        }
        c.adopt(chunk.head, chunk.count);
    }

    /**
     * Moves the calling thread's cached free nodes to the depot, where other threads find them.
     * Call it when a thread stops using the pool (the hash set's handle does on close).
     */
    public void releaseThreadCache() {
        ThreadCache c = cache.get();
        while (c.size() > 0) {
            spill(c, (int) Math.min(BUCKET, c.size()));
        }
    }
    // pool-core: cache end

    // ------------------------------------------------------------------ stats and close

    // pool-core: accounting begin
    /** A snapshot of the counters; cheap (one pass over the threads' caches). */
    public PoolStats stats() {
        long[] s = sum();
        long footprint = s[3] - s[8];
        long peak = notePeak(footprint);
        long cached = s[9] + (long) DEPOT_NODES.getOpaque(this);
        return new PoolStats(footprint, peak, cached, s[3], s[0], s[1], s[2], s[6], s[7], s[4], s[5], s[8]);
    }

    private long[] sum() {
        long[] s = new long[10];
        for (ThreadCache c : caches) {
            c.addTo(s);
        }
        return s;
    }

    /** The footprint only falls at a drop, so sampling just before each drop sees every peak. */
    private void notePeakFootprint() {
        long[] s = sum();
        notePeak(s[3] - s[8]);
    }

    private long notePeak(long footprint) {
        return peakFootprint.accumulateAndGet(footprint, Math::max);
    }
    // pool-core: accounting end

    /**
     * Closes the engine, which waits for readers and frees every pending node into the calling
     * thread's cache. Every other thread must have closed its session first. Idempotent once it has
     * succeeded; if the engine's close gives up, a later close() tries again.
     */
    @Override
    public void close() {
        if (closed.get()) {
            return;
        }
        synchronized (closed) {
            if (!closed.get()) {
                reclaimer.close(); // throws if it gives up: closed stays false
                closed.set(true);
            }
        }
    }

    @Override
    public String toString() {
        return "SmrPool(" + reclaimer.name() + ")";
    }
}
