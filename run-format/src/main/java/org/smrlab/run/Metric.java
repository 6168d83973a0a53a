package org.smrlab.run;

/**
 * One secondary metric of the SMR profiler: a row {@code Benchmark:name} in JMH's CSV, an entry of
 * {@code secondaryMetrics} in its JSON. {@link Metrics} is the catalogue.
 *
 * @param name       the label ({@code smr.r2f.p99})
 * @param unit       the unit JMH writes beside it
 * @param pooling    how one figure is made of every iteration of every fork
 * @param log        for {@link Pooling#MERGED_HISTOGRAM}: the interval log ({@code hlog/}) whose merged
 *                   histogram gives the figure; null otherwise
 * @param percentile for {@link Pooling#MERGED_HISTOGRAM}: the percentile read (100 = the maximum); NaN otherwise
 * @param better     which way is better
 * @param scope      which benchmarks carry it
 * @param emitted    the profiler writes it into JMH's results; false for figures readers pool from the
 *                   interval logs alone
 * @param meaning    what it says, in a sentence
 */
public record Metric(String name, String unit, Pooling pooling, String log, double percentile, Better better, Scope scope,
                     boolean emitted, String meaning) {

    /** How a metric is aggregated over measurement iterations and forks (JMH pools all iterations of all forks). */
    public enum Pooling {
        /** The largest value of any iteration. */
        MAX("max"),
        /** Σ numerators ÷ Σ denominators over iterations (a mean that weighs each iteration by its count). */
        RATIO_OF_SUMS("Σ numerator ÷ Σ denominator"),
        /** A percentile of all iterations' HdrHistogram intervals merged into one: a pooled percentile. */
        MERGED_HISTOGRAM("percentile of the merged histogram");

        private final String words;

        Pooling(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Which way is better. */
    public enum Better {
        LOWER("lower is better"), HIGHER("higher is better"), ZERO("must be 0");

        private final String words;

        Better(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Which benchmarks carry the metric. */
    public enum Scope {
        /** Every benchmark that registers an engine with the profiler. */
        ENGINE,
        /** Only benchmarks with an instrumented SMR pool (reclamation, stall, profiler overhead). */
        POOL
    }
}
