package org.smrlab.smr.pool;

/**
 * The mechanisms {@link SmrPool} has only because its frees are deferred by an SMR engine, which a
 * plain per-thread object cache would not need (R16: "why the patch to subr_pool.c is so large").
 * Each can be turned off, for one purpose only: to measure what it costs (bench's PoolBench). A pool
 * without them is blind (no detection) or unsafe (no deferral); nothing else builds one.
 */
public enum Mechanism {
    /** Freed nodes are poisoned, and the poison is checked when they are reused (write-after-free). */
    POISON,
    /** The generation stamp: odd while free, checked by readers (use-after-free) and by a second free (double free). */
    GENERATIONS,
    /** put retires the node through the engine; without it, put frees the node at once (a plain object cache). */
    DEFERRED_REUSE
}
