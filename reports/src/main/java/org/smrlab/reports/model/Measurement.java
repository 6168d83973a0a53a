package org.smrlab.reports.model;

/**
 * One figure of one trial: JMH's score with its 99.9% half-interval, or a percentile pooled
 * from HdrHistogram intervals. An error that is NaN is unknown (one sample, a MAX-aggregated
 * counter, or a pooled percentile, which has no interval): no difference can be claimed from it.
 *
 * @param samples number of samples behind the score (JMH's "Samples"; pooled intervals for a percentile)
 * @param source  where the figure came from, for the reader of the report
 */
public record Measurement(double score, double error, String unit, long samples, Source source) {

    /** Where a figure came from; the report says which, because they mean different things. */
    public enum Source {
        CSV("JMH csv"),
        JSON("JMH json"),
        POOLED_HLOG("pooled from .hlog intervals");

        private final String words;

        Source(String words) { this.words = words; }

        public String words() { return words; }
    }

    public boolean errorKnown() {
        return Double.isFinite(error);
    }

    /**
     * Closed intervals score ± error touch or overlap. Only meaningful when both errors are known.
     */
    public boolean overlaps(Measurement other) {
        return Math.abs(score - other.score) <= error + other.error;
    }
}
