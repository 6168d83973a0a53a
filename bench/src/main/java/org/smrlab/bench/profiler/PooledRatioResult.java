package org.smrlab.bench.profiler;

import java.util.Collection;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.ListStatistics;

/**
 * A secondary result that is a ratio of two sums, pooled over iterations and forks: the score of
 * the aggregate is {@code sum(numerators) / sum(denominators)}, not the mean of the iterations'
 * ratios (which would weigh a short iteration like a long one). The per-iteration ratios are kept
 * as the statistics, so JMH's error column still shows how much the iterations disagree.
 *
 * <p>Used for every "per op" counter, the slow-path rate and mean of {@code get}, and the mean of
 * the pending samples. A zero denominator gives NaN (nothing happened to divide by).
 */
public final class PooledRatioResult extends Result<PooledRatioResult> {
    private static final long serialVersionUID = 1L;

    private final double numerator;
    private final double denominator;
    private final double[] perIteration;

    public PooledRatioResult(String label, double numerator, double denominator, String unit) {
        this(label, numerator, denominator, new double[] {ratio(numerator, denominator)}, unit);
    }

    private PooledRatioResult(String label, double numerator, double denominator, double[] perIteration, String unit) {
        super(ResultRole.SECONDARY, label, statistics(perIteration), unit, AggregationPolicy.AVG);
        this.numerator = numerator;
        this.denominator = denominator;
        this.perIteration = perIteration;
    }

    private static double ratio(double n, double d) {
        return d == 0 ? Double.NaN : n / d;
    }

    private static ListStatistics statistics(double[] values) {
        ListStatistics s = new ListStatistics();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s.addValue(v);
            }
        }
        return s;
    }

    @Override
    public double getScore() {
        return ratio(numerator, denominator);
    }

    @Override
    public double getScoreError() {
        return statistics.getN() > 1 ? super.getScoreError() : Double.NaN;
    }

    @Override
    public double[] getScoreConfidence() {
        double score = getScore();
        double error = getScoreError();
        return Double.isNaN(error) ? new double[] {score, score} : new double[] {score - error, score + error};
    }

    @Override
    protected Aggregator<PooledRatioResult> getThreadAggregator() {
        return PooledRatioResult::pool;
    }

    @Override
    protected Aggregator<PooledRatioResult> getIterationAggregator() {
        return PooledRatioResult::pool;
    }

    private static PooledRatioResult pool(Collection<PooledRatioResult> results) {
        double n = 0;
        double d = 0;
        int count = 0;
        for (PooledRatioResult r : results) {
            count += r.perIteration.length;
        }
        double[] all = new double[count];
        int at = 0;
        String label = null;
        String unit = null;
        for (PooledRatioResult r : results) {
            n += r.numerator;
            d += r.denominator;
            System.arraycopy(r.perIteration, 0, all, at, r.perIteration.length);
            at += r.perIteration.length;
            label = r.getLabel();
            unit = r.getScoreUnit();
        }
        return new PooledRatioResult(label, n, d, all, unit);
    }
}
