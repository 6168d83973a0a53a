package org.smrlab.smr.engine;

/**
 * Wrap-safe comparisons of 64-bit sequence numbers (the TCP-sequence idiom of FreeBSD's
 * {@code SMR_SEQ_LT} and friends, widened to 64 bits): {@code a} is before {@code b} when the
 * signed distance {@code a - b} is negative. Valid while live sequences lie within 2^63 of each
 * other, which {@link GusReclaimer#MAX_DELTA} enforces.
 */
public final class Seq {
    private Seq() {
    }

    public static boolean lt(long a, long b) {
        return a - b < 0;
    }

    public static boolean leq(long a, long b) {
        return a - b <= 0;
    }

    public static boolean gt(long a, long b) {
        return a - b > 0;
    }

    public static boolean geq(long a, long b) {
        return a - b >= 0;
    }

    public static long delta(long a, long b) {
        return a - b;
    }

    public static long min(long a, long b) {
        return lt(a, b) ? a : b;
    }
}
