package org.smrlab.smr.engine;

/**
 * A session whose engine must see every node when it is allocated: interval-based reclamation and
 * hazard eras stamp each node with the era it is born in (IBR's {@code alloc_block}, hazard eras'
 * {@code newEra}), and later free a retired node once no reader's reserved eras fall within its
 * lifetime, birth to retirement; IBR's allocations also drive its epoch. localcount(9) gives the
 * node its column of per-thread counts there ({@code localcount_init}). Test with
 * {@code session instanceof Births}, as for {@link Offline} and {@code GracePeriods}.
 *
 * <h2>Why a session extra, called by the allocator</h2>
 * Births happen in the allocator, not in the data structure: UMA and pool_cache hand out items,
 * and IBR's authors put the stamp in their allocator's {@code alloc}. So {@code SmrPool.get} calls
 * {@link #born} on every node it hands out (fresh or reused) and users of the pool need do nothing.
 * It is one call on the session rather than a field the pool fills in because the era is the
 * engine's clock, read (and for IBR, advanced) on the calling thread's record: only the session
 * knows it. The stamp is kept in the node's {@link SmrHeader}; a node type without one is treated as
 * born at the beginning of time, which is always safe (the node is kept while any reader that
 * started before its retirement remains) but gives up the bound on memory under a stalled reader.
 *
 * @param <T> the node type
 */
public interface Births<T> {

    /**
     * {@code node} was just allocated (or taken from a free cache) and is about to be initialized
     * and published: stamp it with the current era. Call before the node becomes reachable; never
     * waits.
     */
    void born(T node);
}
