package org.smrlab.bench.support;

import java.util.SplittableRandom;
import org.smrlab.smr.list.SmrSortedList;
import org.smrlab.smr.set.SmrHashSet;

/**
 * One thread's mixed read/update workload over a set of keys: the hash set (the reclamation, long-run
 * and list suites) or the sorted list (the list suite).
 *
 * <p>An op picks a key in {@code [0, 2 * keys)} from the thread's stream ({@link Keys}: uniform or
 * Zipfian); with probability {@code readRatio} it is a read, otherwise an update that toggles the key
 * (remove it if present, else add it: the set stays about half full, and every remove retires one
 * node through the pool while every add takes one). After every op the thread announces a quiescent
 * state, which qsbr needs (a no-op for the other engines). The read/update choices are drawn in
 * advance so the hot path does no random-number arithmetic. The structure is reached through
 * {@link Structure}; one fork runs one structure, so the call is monomorphic and the JIT inlines it.
 */
public final class MixedOps {
    private static final int DECISIONS = 1 << 14;

    /** What an op does to the structure. */
    public interface Structure {
        /** A read section on {@code key}; the result only feeds the blackhole. */
        boolean read(long key);

        boolean remove(long key);

        boolean add(long key);

        void quiescent();
    }

    private final Structure structure;
    private final Keys keys;
    private final boolean[] isRead = new boolean[DECISIONS];
    private final SectionClock clock;
    private int next;

    public MixedOps(Structure structure, long keys, double readRatio, String keyDist, long seed) {
        this(structure, keys, readRatio, keyDist, seed, null);
    }

    /**
     * As above; with a {@code clock}, one read section in {@link org.smrlab.run.Metrics#SECTION_SAMPLE_PERIOD}
     * is timed (R15: how many sections span a descheduling).
     */
    public MixedOps(Structure structure, long keys, double readRatio, String keyDist, long seed, SectionClock clock) {
        if (!(readRatio >= 0 && readRatio <= 1)) {
            throw new IllegalArgumentException("readRatio " + readRatio + " is not in [0, 1]");
        }
        this.structure = structure;
        this.keys = new Keys(keyDist, 2 * keys, seed);
        this.clock = clock;
        SplittableRandom r = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < DECISIONS; i++) {
            isRead[i] = r.nextDouble() < readRatio;
        }
    }

    /** The hash set, reads being {@code section}s (one lookup, or a section held for a time). */
    public MixedOps(SmrHashSet.Handle handle, long keys, double readRatio, Section section, String keyDist, long seed) {
        this(set(handle, section), keys, readRatio, keyDist, seed);
    }

    /** The hash set, its read sections sampled by {@code clock} (null: none timed). */
    public MixedOps(SmrHashSet.Handle handle, long keys, double readRatio, Section section, String keyDist, long seed,
                    SectionClock clock) {
        this(set(handle, section), keys, readRatio, keyDist, seed, clock);
    }

    /** The hash set with one lookup per read and uniform keys. */
    public MixedOps(SmrHashSet.Handle handle, long keys, double readRatio, Section section, long seed) {
        this(handle, keys, readRatio, section, Keys.UNIFORM, seed);
    }

    /** The hash set as a {@link Structure}. */
    public static Structure set(SmrHashSet.Handle handle, Section section) {
        return new Structure() {
            @Override
            public boolean read(long key) {
                return section.run(handle, key);
            }

            @Override
            public boolean remove(long key) {
                return handle.remove(key);
            }

            @Override
            public boolean add(long key) {
                return handle.add(key);
            }

            @Override
            public void quiescent() {
                handle.quiescent();
            }
        };
    }

    /** The sorted list as a {@link Structure}: a read is one lookup from the head. */
    public static Structure list(SmrSortedList.Handle handle) {
        return new Structure() {
            @Override
            public boolean read(long key) {
                return handle.contains(key);
            }

            @Override
            public boolean remove(long key) {
                return handle.remove(key);
            }

            @Override
            public boolean add(long key) {
                return handle.add(key);
            }

            @Override
            public void quiescent() {
                handle.quiescent();
            }
        };
    }

    /** One op; the result only feeds JMH's blackhole. */
    public boolean step() {
        long key = keys.next();
        boolean result;
        if (isRead[next++ & (DECISIONS - 1)]) {
            if (clock != null && clock.sampleNext()) {
                long t0 = System.nanoTime();
                result = structure.read(key);
                clock.record(System.nanoTime() - t0);
            } else {
                result = structure.read(key);
            }
        } else {
            result = structure.remove(key) || structure.add(key);
        }
        structure.quiescent();
        return result;
    }
}
