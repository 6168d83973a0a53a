package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.smrlab.reports.model.PendingSeries;

/**
 * Did pending nodes keep growing behind the stalled reader, or stop? The verdict the summary
 * states for every engine with a stall trial, read from the trial's pending series (pending nodes
 * sampled about every millisecond, {@code pending/*.csv}).
 *
 * <h2>The rule</h2>
 * The series is cut into the stalled iterations (a gap of more than {@link #GAP_SAMPLES} sampling
 * periods separates two iterations; the reader leaves at the end of each). In each iteration of at
 * least {@link #MIN_SAMPLES} samples, the largest count of its last quarter is compared with the
 * largest of its first half: an engine whose memory grows with the length of the stall (an epoch
 * pinned by the reader) ends the iteration far above its first half (a linear growth from the start
 * doubles), while a bounded one levels off at its bound. "Growing" is a last-quarter maximum above
 * {@link #FACTOR} times the first-half maximum plus {@link #SLACK} nodes (the slack keeps the batch-
 * sized wobble of bounded engines, tens to hundreds of nodes, from counting); one growing iteration
 * is enough. A trial that hit the cap ({@code smr.unbounded} = 1) grew, whatever its series says.
 */
final class StallGrowth {
    static final double FACTOR = 1.5;
    static final double SLACK = 1000;
    static final int GAP_SAMPLES = 20;
    static final int MIN_SAMPLES = 8;

    private StallGrowth() {
    }

    /** True when some stalled iteration of {@code s} grew by the rule above; false when none did (or none was long enough). */
    static boolean grows(PendingSeries s) {
        for (double[] iteration : iterations(s.timeMs(), s.pending())) {
            if (iteration.length < MIN_SAMPLES) {
                continue;
            }
            double firstHalf = max(iteration, 0, iteration.length / 2);
            double lastQuarter = max(iteration, iteration.length - iteration.length / 4, iteration.length);
            if (lastQuarter > FACTOR * firstHalf + SLACK) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code s} has at least one iteration long enough to judge. */
    static boolean judgeable(PendingSeries s) {
        return iterations(s.timeMs(), s.pending()).stream().anyMatch(i -> i.length >= MIN_SAMPLES);
    }

    /** The pending counts cut at the gaps between iterations. */
    static List<double[]> iterations(double[] t, double[] pending) {
        List<double[]> out = new ArrayList<>();
        if (t.length == 0) {
            return out;
        }
        double[] steps = new double[Math.max(1, t.length - 1)];
        for (int i = 1; i < t.length; i++) {
            steps[i - 1] = t[i] - t[i - 1];
        }
        double[] sorted = steps.clone();
        Arrays.sort(sorted);
        double period = Math.max(1e-9, sorted[sorted.length / 2]);
        int start = 0;
        for (int i = 1; i <= t.length; i++) {
            if (i == t.length || t[i] - t[i - 1] > GAP_SAMPLES * period) {
                out.add(Arrays.copyOfRange(pending, start, i));
                start = i;
            }
        }
        return out;
    }

    private static double max(double[] v, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) {
            m = Math.max(m, v[i]);
        }
        return m;
    }
}
