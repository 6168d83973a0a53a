package org.smrlab.reports;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The value of one metric for one trial of a run: JMH's primary score, a secondary result, or a
 * percentile pooled from the trial's .hlog intervals.
 *
 * <p>Implementation notes. JMH aggregates a secondary result over iterations (and forks) with the
 * policy the profiler chose, usually the mean, and a mean of per-iteration p99s is not the p99 of
 * the trial: one slow iteration among many barely moves it. So where the run folder holds the
 * trial's interval logs, every interval of every fork is added into one histogram and the
 * percentile is read from that, whatever the CSV says. The label's shape names the log:
 * {@code smr.<metric>.p<digits>} or {@code smr.<metric>.max} is read from logs whose
 * {@code #[metric <metric>]}; {@code p50} is the 50th percentile, {@code p999} the 99.9th.
 * A pooled percentile has no confidence interval, so its error is unknown (NaN).
 */
public final class Metrics {

    /** The name that selects JMH's primary score. */
    public static final String PRIMARY = "primary";

    private static final Pattern POOLABLE = Pattern.compile("smr\\.(.+)\\.(p(\\d+)|max)");

    private Metrics() {
    }

    public static boolean isPrimary(String metric) {
        return metric == null || metric.equals(PRIMARY);
    }

    public static Optional<Measurement> of(Run run, Trial trial, String metric) {
        if (isPrimary(metric)) {
            return Optional.of(trial.primary());
        }
        Optional<Measurement> pooled = pooled(run, trial, metric);
        return pooled.isPresent() ? pooled : Optional.ofNullable(trial.secondary().get(metric));
    }

    /** The percentile (0..100) a label names, or empty for max / labels that name none. */
    static Optional<Double> percentileOf(String label) {
        Matcher m = POOLABLE.matcher(label);
        if (!m.matches() || m.group(3) == null) {
            return Optional.empty();
        }
        String digits = m.group(3);
        String value = digits.length() <= 2 ? digits : digits.substring(0, 2) + "." + digits.substring(2);
        return Optional.of(Double.parseDouble(value));
    }

    static Optional<Measurement> pooled(Run run, Trial trial, String label) {
        Matcher m = POOLABLE.matcher(label);
        if (!m.matches()) {
            return Optional.empty();
        }
        String metric = m.group(1);
        List<HlogFile> logs = run.hlogs().stream()
                .filter(h -> h.metric().equals(metric) && h.belongsTo(trial.key()))
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
        double value = m.group(3) == null
                ? pooled.getMaxValue()
                : pooled.getValueAtPercentile(percentileOf(label).orElseThrow());
        return Optional.of(new Measurement(value, Double.NaN, "ns", intervals, Measurement.Source.POOLED_HLOG));
    }

    /** Every metric name present in these runs: primary, then secondary labels, sorted. */
    public static List<String> available(List<Run> runs) {
        TreeSet<String> labels = new TreeSet<>();
        for (Run run : runs) {
            for (Trial t : run.trials()) {
                labels.addAll(t.secondary().keySet());
            }
            for (HlogFile h : run.hlogs()) {
                for (String stat : List.of("p50", "p99", "p999", "max")) {
                    labels.add("smr." + h.metric() + "." + stat);
                }
            }
        }
        List<String> all = new java.util.ArrayList<>();
        all.add(PRIMARY);
        all.addAll(labels);
        return all;
    }
}
