package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.smrlab.reports.model.HlogFile;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;

/**
 * The value of one metric for one trial of a run: JMH's primary score, a secondary result, or a
 * percentile pooled from the trial's .hlog intervals.
 *
 * <p>Implementation notes. JMH aggregates a secondary result over iterations (and forks) with the
 * policy the profiler chose, and a mean of per-iteration p99s is not the p99 of the trial: one slow
 * iteration among many barely moves it. So where the metric catalogue (run-format's {@link Metrics})
 * says a metric is a percentile of a merged histogram, and the run folder holds the trial's interval
 * logs of that histogram ({@link Metric#log()}), every interval of every fork is added into one
 * histogram and the percentile ({@link Metric#percentile()}, 100 = the maximum) is read from that,
 * whatever the CSV says. A pooled percentile has no confidence interval, so its error is unknown
 * (NaN). A label the catalogue does not know is taken as JMH gives it.
 */
public final class MetricValues {

    /** The name that selects JMH's primary score. */
    public static final String PRIMARY = "primary";

    private MetricValues() {
    }

    public static boolean isPrimary(String metric) {
        return metric == null || metric.equals(PRIMARY);
    }

    public static Optional<Measurement> of(Run run, TrialResult trial, String metric) {
        if (isPrimary(metric)) {
            return Optional.of(trial.primary());
        }
        Optional<Measurement> pooled = pooled(run, trial, metric);
        return pooled.isPresent() ? pooled : Optional.ofNullable(trial.secondary().get(metric));
    }

    static Optional<Measurement> pooled(Run run, TrialResult trial, String label) {
        Optional<Metric> m = Metrics.byName(label).filter(x -> x.pooling() == Metric.Pooling.MERGED_HISTOGRAM);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        List<HlogFile> logs = run.hlogs().stream()
                .filter(h -> h.metric().equals(m.get().log()) && h.belongsTo(trial.key()))
                .toList();
        Histogram pooled = new Histogram(3);
        int intervals = 0;
        for (HlogFile log : logs) {
            for (AbstractHistogram interval : log.intervals()) {
                pooled.add(interval);
                intervals++;
            }
        }
        if (pooled.getTotalCount() == 0) {
            return Optional.empty();
        }
        double p = m.get().percentile();
        double value = p >= 100 ? pooled.getMaxValue() : pooled.getValueAtPercentile(p);
        return Optional.of(new Measurement(value, Double.NaN, m.get().unit(), intervals, Measurement.Source.POOLED_HLOG));
    }

    /** Every metric name present in these runs: primary, then secondary labels and the catalogue's pooled ones, sorted. */
    public static List<String> available(List<Run> runs) {
        TreeSet<String> labels = new TreeSet<>();
        for (Run run : runs) {
            for (TrialResult t : run.trials()) {
                labels.addAll(t.secondary().keySet());
            }
            for (HlogFile h : run.hlogs()) {
                Metrics.fromLog(h.metric()).forEach(m -> labels.add(m.name()));
            }
        }
        List<String> all = new ArrayList<>();
        all.add(PRIMARY);
        all.addAll(labels);
        return all;
    }

    /** What a metric means, in a sentence, with its catalogue facts; the label itself for one the catalogue does not know. */
    public static String meaning(String metric) {
        return Metrics.byName(metric).map(m -> capitalize(m.meaning()) + " (" + m.unit() + "; " + m.better().words()
                + "; pooled over iterations and forks: " + m.pooling().words() + ").").orElse(metric);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
