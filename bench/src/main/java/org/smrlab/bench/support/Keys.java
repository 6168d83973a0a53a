package org.smrlab.bench.support;

import java.util.SplittableRandom;

/**
 * A thread's precomputed stream of random keys: one array load per key on the hot path, no
 * random-number arithmetic to measure alongside the operation.
 */
public final class Keys {
    private static final int SIZE = 1 << 14;
    private final long[] keys = new long[SIZE];
    private int next;

    /** Keys uniform in [0, bound); seeded per thread so threads do not walk in step. */
    public Keys(long bound, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < SIZE; i++) {
            keys[i] = r.nextLong(bound);
        }
    }

    public long next() {
        return keys[next++ & (SIZE - 1)];
    }
}
