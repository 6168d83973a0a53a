package org.smrlab.reports.analysis.review;

/**
 * What two figures allow one to say: which is larger, or nothing. A difference is claimed only where
 * both figures have an interval (JMH's 99.9% error, or the range of their forks) and the intervals
 * do not touch; overlapping intervals claim no difference; a figure without one claims nothing.
 */
enum Claims {
    /** a's interval lies wholly above b's. */
    HIGHER,
    /** a's interval lies wholly below b's. */
    LOWER,
    /** The intervals overlap: no difference claimed. */
    SAME,
    /** An interval is unknown (one fork of a pooled percentile, a maximum): no claim either way. */
    UNKNOWN,
    /** A figure is missing. */
    MISSING;

    static Claims compare(Figure a, Figure b) {
        if (a.missing() || b.missing()) {
            return MISSING;
        }
        double[] ia = a.interval();
        double[] ib = b.interval();
        if (ia == null || ib == null) {
            return UNKNOWN;
        }
        if (ia[0] > ib[1]) {
            return HIGHER;
        }
        if (ia[1] < ib[0]) {
            return LOWER;
        }
        return SAME;
    }

    /** For a ratio with an interval: above 1, below 1, or 1 inside it. */
    static Claims ofRatio(Figure ratio) {
        if (ratio.missing()) {
            return MISSING;
        }
        double[] i = ratio.interval();
        if (i == null) {
            return UNKNOWN;
        }
        return i[0] > 1 ? HIGHER : i[1] < 1 ? LOWER : SAME;
    }

    boolean differs() {
        return this == HIGHER || this == LOWER;
    }
}
