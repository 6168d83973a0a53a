package org.smrlab.smr.pool;

/**
 * Receives the latencies an {@link SmrPool} measures, when one is attached (the bench's profiler
 * implements it with HdrHistogram recorders). Without a probe the pool reads no clock at all.
 *
 * <p>Both methods are called on the hot path of the thread that frees or allocates, from any
 * thread, concurrently: implementations must be thread-safe and cheap.
 */
public interface PoolProbe {

    /** A node was freed {@code nanos} after it was put (retired): the retire-to-free latency. */
    void retireToFree(long nanos);

    /** A {@code get} found no free node and allocated a fresh one, taking {@code nanos}. */
    void slowGet(long nanos);

    /**
     * Retire-to-free latency is measured on one retired node in this many, chosen at random at
     * {@code put} (so the sample is unbiased); the others read no clock. A power of two; 1 (the
     * default) measures every node. Two clock reads per node cost more than some engines'
     * whole retire path, which is why a profiler samples.
     */
    default int samplePeriod() {
        return 1;
    }
}
