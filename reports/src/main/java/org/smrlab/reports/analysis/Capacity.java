package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.run.Workload;
import org.smrlab.run.Workloads;

/**
 * Reclaim capacity: the highest retire rate each engine sustained with its pending memory bounded,
 * read from the capacity workload's panels (run-format's {@link Workloads}: RetireRateBench.writer
 * swept over {@code every}, the interval between retires).
 *
 * <h2>The rule</h2>
 * A point is <b>sustained</b> when the writer kept its schedule, its achieved interval (the score, ns
 * per retire) no more than {@link #TOLERANCE} above the target, and pending stayed bounded by the
 * {@link Growth} rule. An engine's capacity is its shortest sustained interval, as a rate; where a
 * longer interval was not sustained but a shorter one was (noise on a loaded machine), the shortest
 * still counts, and the points it skipped are named. An engine that sustained every interval tried has
 * a capacity of at least the shortest (the sweep did not reach its limit), and says so; one with no
 * sustained point has none. An engine run at one interval only has no capacity: that is no sweep.
 */
public final class Capacity {
    /** How far above its target the achieved interval may be for the schedule to count as kept. */
    public static final double TOLERANCE = 0.10;

    /**
     * One engine's capacity in one panel of fixed parameters.
     *
     * @param intervalNanos the shortest sustained interval (NaN: none)
     * @param interval      its text ({@code 100ns}), or null
     * @param missed        the intervals tried and not sustained, each with why
     */
    public record Result(String engine, String fixed, double intervalNanos, String interval, List<String> missed) {

        /** Retires per second at the capacity; NaN when none. */
        public double rate() {
            return 1e9 / intervalNanos;
        }

        /**
         * "10000000 retires/s (every 100ns)"; "at least ..." when every interval tried was sustained (the
         * capacity lies beyond the sweep); or "none of the intervals tried".
         */
        public String words() {
            if (!Double.isFinite(intervalNanos)) {
                return "none of the intervals tried was sustained";
            }
            String rate = Numbers.sig(rate(), 3) + " retires/s (every " + interval + ")";
            return missed.isEmpty() ? "at least " + rate + ", the shortest interval tried" : rate;
        }
    }

    private Capacity() {
    }

    /** Every engine's capacity in every drawable capacity panel of {@code run}; empty when the run has none. */
    public static List<Result> of(Run run) {
        Workload w = Workloads.byId("capacity").orElseThrow();
        List<Result> out = new ArrayList<>();
        for (WorkloadSeries.Panel p : WorkloadSeries.of(run, w)) {
            if (!p.figure().equals(Workload.PRIMARY) || !p.numeric()) {
                continue;
            }
            for (WorkloadSeries.Line line : p.lines()) {
                if (line.points().size() < 2) {
                    continue; // one interval is no sweep (the seal knob's variants run only the low rates)
                }
                double best = Double.NaN;
                String bestText = null;
                Map<String, String> missed = new LinkedHashMap<>();
                for (WorkloadSeries.Point pt : line.points()) {
                    double achieved = pt.y().score();
                    Growth.Verdict g = Growth.of(run, pt.trial());
                    boolean kept = achieved <= pt.x() * (1 + TOLERANCE);
                    if (kept && g.kind() == Growth.Kind.BOUNDED) {
                        if (!(pt.x() >= best)) {
                            best = pt.x();
                            bestText = pt.xText();
                        }
                    } else {
                        missed.put(pt.xText(), !kept ? "achieved " + Numbers.sig(achieved, 3) + " ns per retire"
                                : "pending " + g.words());
                    }
                }
                List<String> why = new ArrayList<>();
                missed.forEach((x, reason) -> why.add(x + ": " + reason));
                out.add(new Result(line.engine(), p.fixed(), best, bestText, List.copyOf(why)));
            }
        }
        return out;
    }
}
