package org.smrlab.bench.support;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A thread's precomputed stream of random keys: one array load per key on the hot path, no
 * random-number arithmetic to measure alongside the operation.
 *
 * <h2>Distributions</h2>
 * The {@code keyDist} parameter of the set and list suites: {@link #UNIFORM}, or {@code zipf} (skew
 * 0.99, YCSB's default) or {@code zipf:S} for a skew S in (0, 1). Zipfian ranks are drawn with Gray
 * et al.'s method (<i>Quickly generating billion-record synthetic databases</i>, SIGMOD 1994, as in
 * YCSB's {@code ZipfianGenerator}): rank r (0 the hottest) has probability proportional to
 * 1 / (r+1)^S. Ranks are then scrambled into keys by one fixed permutation of the key range, the
 * same for every thread (so all threads agree on which keys are hot) and the same in every run:
 * the hot keys are spread over the range, not bunched at its start, which would otherwise make a
 * sorted list's hot lookups short walks from the head.
 */
public final class Keys {
    /** The {@code keyDist} value for uniform keys. */
    public static final String UNIFORM = "uniform";
    /** The {@code keyDist} value for Zipfian keys of the default skew. */
    public static final String ZIPF = "zipf";
    /** YCSB's default Zipfian constant. */
    public static final double DEFAULT_SKEW = 0.99;
    /** What {@code keyDist} accepts, for messages. */
    public static final String VALID = "uniform, zipf (skew 0.99) or zipf:S with 0 < S < 1";

    private static final int SIZE = 1 << 14;
    private static final long PERMUTATION_SEED = 0x5EED_0F_2199L;
    private final long[] keys = new long[SIZE];
    private int next;

    /** Keys uniform in [0, bound); seeded per thread so threads do not walk in step. */
    public Keys(long bound, long seed) {
        this(UNIFORM, bound, seed);
    }

    /** Keys in [0, bound) drawn from {@code distribution} ({@link #VALID}); seeded per thread. */
    public Keys(String distribution, long bound, long seed) {
        if (bound < 1) {
            throw new IllegalArgumentException("key range must be at least 1, got " + bound);
        }
        double skew = skew(distribution);
        SplittableRandom r = new SplittableRandom(seed);
        if (skew == 0) {
            for (int i = 0; i < SIZE; i++) {
                keys[i] = r.nextLong(bound);
            }
            return;
        }
        if (bound > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Zipfian keys need a range below 2^31, got " + bound);
        }
        int n = (int) bound;
        int[] permutation = permutation(n);
        Zipf zipf = new Zipf(n, skew);
        for (int i = 0; i < SIZE; i++) {
            keys[i] = permutation[zipf.rank(r.nextDouble())];
        }
    }

    /** 0 for uniform, else the Zipfian skew; throws naming what is valid. */
    public static double skew(String distribution) {
        String d = distribution == null ? "" : distribution.strip().toLowerCase(Locale.ROOT);
        if (d.equals(UNIFORM)) {
            return 0;
        }
        if (d.equals(ZIPF)) {
            return DEFAULT_SKEW;
        }
        if (d.startsWith(ZIPF + ":")) {
            try {
                double s = Double.parseDouble(d.substring(ZIPF.length() + 1));
                if (s > 0 && s < 1) {
                    return s;
                }
            } catch (NumberFormatException e) {
                // fall through to the message
            }
        }
        throw new IllegalArgumentException("keyDist '" + distribution + "' is not valid; expected " + VALID);
    }

    public long next() {
        return keys[next++ & (SIZE - 1)];
    }

    /** The key at position {@code i} of the stream (for tests). */
    long at(int i) {
        return keys[i & (SIZE - 1)];
    }

    /** One fixed permutation of [0, n): Fisher-Yates from a constant seed. */
    private static int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        SplittableRandom r = new SplittableRandom(PERMUTATION_SEED);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /** Gray et al.'s Zipfian sampler over ranks [0, n) with skew theta in (0, 1). */
    static final class Zipf {
        private final int n;
        private final double theta, alpha, zetan, eta;

        Zipf(int n, double theta) {
            this.n = n;
            this.theta = theta;
            this.zetan = zeta(n, theta);
            double zeta2 = zeta(Math.min(n, 2), theta);
            this.alpha = 1.0 / (1.0 - theta);
            this.eta = n <= 1 ? 0 : (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetan);
        }

        private static double zeta(int n, double theta) {
            double sum = 0;
            for (int i = 1; i <= n; i++) {
                sum += 1 / Math.pow(i, theta);
            }
            return sum;
        }

        /** The rank for a uniform {@code u} in [0, 1). */
        int rank(double u) {
            double uz = u * zetan;
            if (uz < 1) {
                return 0;
            }
            if (uz < 1 + Math.pow(0.5, theta)) {
                return Math.min(1, n - 1);
            }
            int r = (int) (n * Math.pow(eta * u - eta + 1, alpha));
            return Math.max(0, Math.min(n - 1, r));
        }
    }
}
