package org.smrlab.reports.analysis;

import java.util.Optional;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Metrics;

/**
 * Did pending memory keep growing through a trial, or level off? The one verdict the reports give
 * for a stall trial (growing behind the stalled reader, or bounded) and for a long run with no
 * stalled reader (falling behind, or keeping up).
 *
 * <h2>The rule</h2>
 * The profiler fits a line to the sampled pending count within each measurement iteration and pools
 * the fits ({@code smr.pending.slope}, nodes per second). Over one iteration of length T the fitted
 * rise is slope × T. Pending is <b>growing</b> when that rise is at least {@link #SLACK} nodes and at
 * least {@link #FRACTION} of the trial's peak ({@code smr.pending.peak}): memory that climbs from
 * empty for the whole iteration rises by about its peak (a ratio near 1), while a bounded engine's
 * fit is flat however much its batches make it wobble (a ratio near 0). The slack keeps a few
 * hundred nodes of drift in a short iteration from counting. A trial that hit the stall suite's cap
 * ({@code smr.unbounded} = 1) grew, whatever its slope says afterwards.
 *
 * <p>This replaces "unbounded only when the cap is hit": gus-deferred reaching 1.97 M of a 2 M cap
 * within a 2-s stall did not hit it, but its slope (about a million nodes per second) says it grew.
 * The verdict needs the slope (a run made before the profiler measured it has none), the peak and
 * the iteration's length (run.json's); without them it is {@link Kind#UNKNOWN}, and says which is missing.
 */
public final class Growth {
    /** The smallest fitted rise, in nodes, that can count as growth. */
    public static final double SLACK = 1000;
    /** The fitted rise, as a fraction of the peak, at and above which pending is growing. */
    public static final double FRACTION = 0.5;

    /** What the verdict says. */
    public enum Kind {
        GROWING("growing"), BOUNDED("bounded"), UNKNOWN("unknown");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /**
     * One trial's verdict.
     *
     * @param slope  fitted nodes per second (NaN when unknown)
     * @param rise   slope × the iteration's length, in nodes (NaN when unknown)
     * @param peak   the trial's peak pending nodes (NaN when unknown)
     * @param capped the stall cap ended the trial's growth
     * @param why    for UNKNOWN, what is missing; otherwise the figures in words
     */
    public record Verdict(Kind kind, double slope, double rise, double peak, boolean capped, String why) {

        public boolean growing() {
            return kind == Kind.GROWING;
        }

        /** "growing, +1.2e6 nodes/s", "bounded, +3.1 nodes/s", "unknown (no smr.pending.slope)". */
        public String words() {
            if (kind == Kind.UNKNOWN) {
                return kind.words() + " (" + why + ")";
            }
            return kind.words() + (capped ? " (cap hit)" : "") + ", " + slopeWords(slope);
        }
    }

    private Growth() {
    }

    /** "+1.23e+06 nodes/s" style, with a sign: the slope as the reports print it. */
    public static String slopeWords(double slope) {
        if (!Double.isFinite(slope)) {
            return "slope unknown";
        }
        return (slope >= 0 ? "+" : "") + Numbers.sig(slope, 3) + " nodes/s";
    }

    /** The verdict for one trial of {@code run}. */
    public static Verdict of(Run run, TrialResult t) {
        double slope = value(run, t, Metrics.PENDING_SLOPE.name());
        double peak = value(run, t, Metrics.PENDING_PEAK.name());
        boolean capped = value(run, t, Metrics.UNBOUNDED.name()) >= 1;
        long iteration = t.record() == null || t.record().length() == null ? -1 : t.record().length().iterationNanos();
        int iterations = t.record() == null || t.record().length() == null ? 1 : Math.max(1, t.record().length().iterations());
        return judge(slope, peak, capped, iteration, iterations);
    }

    /** The rule itself, on the figures: for tests and for callers that hold them already. */
    public static Verdict judge(double slope, double peak, boolean capped, long iterationNanos) {
        return judge(slope, peak, capped, iterationNanos, 1);
    }

    /**
     * The rule, for a trial of {@code iterations} measurement iterations. Pending carries over from one
     * iteration to the next (behind a reader stalled for every iteration, nothing is freed in between),
     * so the trial's peak can be up to {@code iterations} times one iteration's rise: the rise is
     * compared with {@link #FRACTION} of the peak per iteration. (gus behind the quick review's stall:
     * +869,000 nodes/s over four 400-ms iterations, a peak of 956,160: a rise of 348,000 per iteration,
     * below half the trial's peak but far above half of its share of it.)
     */
    public static Verdict judge(double slope, double peak, boolean capped, long iterationNanos, int iterations) {
        if (capped) {
            double rise = Double.isFinite(slope) && iterationNanos > 0 ? slope * iterationNanos / 1e9 : Double.NaN;
            return new Verdict(Kind.GROWING, slope, rise, peak, true, "the cap on pending nodes was hit");
        }
        if (!Double.isFinite(slope)) {
            return new Verdict(Kind.UNKNOWN, slope, Double.NaN, peak, false, "no " + Metrics.PENDING_SLOPE.name());
        }
        if (!Double.isFinite(peak)) {
            return new Verdict(Kind.UNKNOWN, slope, Double.NaN, peak, false, "no " + Metrics.PENDING_PEAK.name());
        }
        if (iterationNanos <= 0) {
            return new Verdict(Kind.UNKNOWN, slope, Double.NaN, peak, false, "the iteration's length is unknown (no run.json)");
        }
        double rise = slope * iterationNanos / 1e9;
        boolean growing = rise >= SLACK && rise >= FRACTION * peak / Math.max(1, iterations);
        return new Verdict(growing ? Kind.GROWING : Kind.BOUNDED, slope, rise, peak, false,
                "fitted rise " + Numbers.sig(rise, 3) + " nodes over an iteration, peak " + Numbers.sig(peak, 3));
    }

    private static double value(Run run, TrialResult t, String metric) {
        Optional<Measurement> m = MetricValues.of(run, t, metric);
        return m.map(Measurement::score).orElse(Double.NaN);
    }
}
