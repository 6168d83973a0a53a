package org.smrlab.smr;

/**
 * The smr(9) write side. Sessions of the clock- and epoch-based engines implement it; test with
 * {@code session instanceof GracePeriods}.
 *
 * <p>Goals are opaque 64-bit values to be compared only by the engine (they wrap).
 */
public interface GracePeriods {

    /** {@code smr_advance}: makes this thread's prior writes part of a grace period; returns its goal. */
    long advance();

    /** {@code smr_poll(goal, false)}: true once every reader that could see the old state has left. */
    boolean poll(long goal);

    /** {@code smr_wait}: blocks until {@link #poll} would return true. Not inside a read section. */
    void await(long goal);

    /** {@code smr_synchronize}: {@code await(advance())}. Not inside a read section. */
    void synchronize();

    /** {@code smr_current}: the current write clock. */
    long current();
}
