package org.smrlab.bench.support;

import java.util.SplittableRandom;
import org.smrlab.smr.set.SmrHashSet;

/**
 * One thread's mixed read/update workload over the hash set (the reclamation suite).
 *
 * <p>An op picks a random key in {@code [0, 2 * keys)}; with probability {@code readRatio} it is a
 * read section ({@link Section}), otherwise an update that toggles the key (remove it if present,
 * else add it: the set stays about half full, and every remove retires one node through the pool
 * while every add takes one). After every op the thread announces a quiescent state, which qsbr
 * needs (a no-op for the other engines). The read/update choices are drawn in advance so the hot
 * path does no random-number arithmetic.
 */
public final class MixedOps {
    private static final int DECISIONS = 1 << 14;

    private final SmrHashSet.Handle handle;
    private final Keys keys;
    private final Section section;
    private final boolean[] isRead = new boolean[DECISIONS];
    private final SectionClock clock;
    private int next;

    public MixedOps(SmrHashSet.Handle handle, long keys, double readRatio, Section section, long seed) {
        this(handle, keys, readRatio, section, seed, null);
    }

    /** As above; with a {@code clock}, one read section in {@link org.smrlab.run.Metrics#SECTION_SAMPLE_PERIOD} is timed. */
    public MixedOps(SmrHashSet.Handle handle, long keys, double readRatio, Section section, long seed, SectionClock clock) {
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("readRatio " + readRatio + " is not in [0, 1]");
        }
        this.handle = handle;
        this.keys = new Keys(2 * keys, seed);
        this.section = section;
        this.clock = clock;
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < DECISIONS; i++) {
            isRead[i] = r.nextDouble() < readRatio;
        }
    }

    /** One op; the result only feeds JMH's blackhole. */
    public boolean step() {
        long key = keys.next();
        boolean result;
        if (isRead[next++ & (DECISIONS - 1)]) {
            if (clock != null && clock.sampleNext()) {
                long t0 = System.nanoTime();
                result = section.run(handle, key);
                clock.record(System.nanoTime() - t0);
            } else {
                result = section.run(handle, key);
            }
        } else {
            result = handle.remove(key) || handle.add(key);
        }
        handle.quiescent();
        return result;
    }
}
