package org.smrlab.smr.pool;

/**
 * A snapshot of an {@link SmrPool}'s counters, summed over per-thread cells (so a snapshot taken
 * while threads run is not one instant; every counter is exact once they stop).
 *
 * @param footprint      nodes allocated and still owned by the pool or its users ({@code allocated - dropped}):
 *                       live in a structure, retired and pending, or cached free; the memory-growth figure
 * @param peakFootprint  the highest footprint seen (sampled before every drop and at every snapshot)
 * @param cached         free nodes held in the per-thread caches and the depot, ready for reuse
 * @param allocated      nodes ever allocated fresh (the slow path of {@code get})
 * @param gets           calls to {@code get}
 * @param slowGets       {@code get}s that found no free node and allocated
 * @param slowGetNanos   total time spent in slow-path {@code get}s; measured only with a probe attached, else 0
 * @param doubleFrees    frees of a node that was already free (an engine, or a caller that put twice)
 * @param writeAfterFree nodes whose poison was found damaged when they were about to be reused
 * @param retired        nodes passed to {@code put} (retired through the engine)
 * @param freed          nodes the engine freed (each counted once; double frees are counted apart)
 * @param dropped        nodes the pool let go to the garbage collector (strict mode drops a damaged node)
 */
public record PoolStats(long footprint, long peakFootprint, long cached, long allocated, long gets,
                        long slowGets, long slowGetNanos, long doubleFrees, long writeAfterFree,
                        long retired, long freed, long dropped) {

    /** Retired nodes not (yet) freed: after the pool is closed, the nodes lost. */
    public long unfreed() {
        return retired - freed;
    }

    /** Fraction of {@code get}s that allocated fresh. */
    public double slowGetRate() {
        return gets == 0 ? 0 : (double) slowGets / gets;
    }
}
