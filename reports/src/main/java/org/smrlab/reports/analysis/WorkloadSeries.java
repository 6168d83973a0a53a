package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Goals;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.Workload;

/**
 * One workload's figures in one run, laid out for its charts: a {@link Panel} per benchmark, figure
 * and set of fixed parameters, one {@link Line} per engine, one {@link Point} per value of the
 * workload's swept variable (run-format's {@link Workload}).
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Panels.</b> The trials of a benchmark are grouped by everything but the engine and the swept
 *     variable: the thread count (unless threads are swept) and every other parameter. A sweep over
 *     the benchmarks themselves ({@link Workload#METHOD}) groups the listed benchmarks' trials together,
 *     each benchmark being one category.</li>
 * <li><b>Which panels are drawn.</b> A panel with two or more values of the swept variable always; a
 *     panel with one value only when it is its benchmark and figure's only panel (quick's short form:
 *     one point per engine). Otherwise a benchmark that other profiles run at many settings (the
 *     reclamation workload in the batch sweep) would give a one-point chart per setting.</li>
 * <li><b>x values.</b> The thread count; else the parameter's value in nanoseconds where run.json
 *     read it as a duration; else the value as a number; else the panel is categorical (a bar chart,
 *     the values in the order first met). A duration the run does not record (a bare result file)
 *     makes its panel categorical rather than guessed.</li>
 * <li><b>y values.</b> The figure as {@link MetricValues} gives it (pooled from the interval logs
 *     where the run has them), divided by the trial's threads when the workload says its primary score
 *     is a throughput summed over threads ({@link Workload#perThread()}): the division is exact, so the
 *     error is divided too.</li>
 * </ul>
 */
public final class WorkloadSeries {

    /** One value of the swept variable for one engine; {@code x} is NaN in a categorical panel. */
    public record Point(String xText, double x, Measurement y, TrialResult trial) {
    }

    /** One engine's points, in x order. */
    public record Line(String engine, List<Point> points) {
    }

    /**
     * One chart's data.
     *
     * @param fixed     what the panel's trials share, in words ({@code 2 threads · readRatio=0.9})
     * @param numeric   whether x is a number (else a category)
     * @param cores     the machine's cores from run.json, or null when unknown
     */
    public record Panel(Workload workload, String benchmark, String figure, String fixed, boolean numeric, List<Line> lines,
                        Integer cores) {

        /** Every x value of the panel, in order (categories in the order first met). */
        public List<String> categories() {
            List<String> c = new ArrayList<>();
            for (Line l : lines) {
                for (Point p : l.points()) {
                    if (!c.contains(p.xText())) {
                        c.add(p.xText());
                    }
                }
            }
            return c;
        }
    }

    private WorkloadSeries() {
    }

    /** Every panel of {@code w} that {@code run} can draw, in the workload's benchmark and figure order. */
    public static List<Panel> of(Run run, Workload w) {
        Integer cores = run.info() == null || run.info().machine() == null ? null : run.info().machine().cores();
        List<Panel> panels = new ArrayList<>();
        List<List<String>> benchmarkGroups = new ArrayList<>();
        if (w.sweep().equals(Workload.METHOD)) {
            benchmarkGroups.add(w.benchmarks());
        } else {
            w.benchmarks().forEach(b -> benchmarkGroups.add(List.of(b)));
        }
        for (List<String> group : benchmarkGroups) {
            for (String figure : w.figures()) {
                // fixed-parameter text -> engine -> points
                Map<String, Map<String, List<Point>>> byFixed = new TreeMap<>(Numbers.NATURAL);
                for (String benchmark : group) {
                    String qualified = Goals.BENCH_PACKAGE + "." + benchmark;
                    String metric = w.figure(figure, benchmark);
                    for (TrialResult t : run.trials()) {
                        if (!t.key().benchmark().equals(qualified) || !t.hasEngine()) {
                            continue;
                        }
                        Optional<Measurement> y = value(run, t, metric, w);
                        if (y.isEmpty()) {
                            continue;
                        }
                        String xText = xText(w, t, benchmark);
                        if (xText == null) {
                            continue;
                        }
                        byFixed.computeIfAbsent(fixed(w, t.key()), k -> new TreeMap<>(Numbers.NATURAL))
                                .computeIfAbsent(t.engine().label(), k -> new ArrayList<>())
                                .add(new Point(xText, x(w, t, xText), y.get(), t));
                    }
                }
                String title = group.size() == 1 ? group.get(0) : group.get(0).substring(0, group.get(0).indexOf('.'));
                List<Panel> ofFigure = new ArrayList<>();
                byFixed.forEach((fixedText, engines) -> ofFigure.add(panel(w, title, figure, fixedText, engines, cores)));
                for (Panel p : ofFigure) {
                    if (p.categories().size() >= 2 || ofFigure.size() == 1) {
                        panels.add(p);
                    }
                }
            }
        }
        return panels;
    }

    private static Panel panel(Workload w, String benchmark, String figure, String fixed, Map<String, List<Point>> engines,
                               Integer cores) {
        boolean numeric = engines.values().stream().flatMap(List::stream).allMatch(p -> Double.isFinite(p.x()));
        List<Line> lines = new ArrayList<>();
        engines.forEach((engine, points) -> {
            List<Point> sorted = new ArrayList<>(points);
            if (numeric) {
                sorted.sort(Comparator.comparingDouble(Point::x));
            }
            lines.add(new Line(engine, List.copyOf(sorted)));
        });
        if (!numeric) { // one category per x text: the x of every point is NaN
            lines.replaceAll(l -> new Line(l.engine(), l.points().stream()
                    .map(p -> new Point(p.xText(), Double.NaN, p.y(), p.trial())).toList()));
        }
        return new Panel(w, benchmark, figure, fixed, numeric, List.copyOf(lines), cores);
    }

    /** The y figure of a trial: its metric, per thread where the workload says so. */
    static Optional<Measurement> value(Run run, TrialResult t, String metric, Workload w) {
        Optional<Measurement> m = MetricValues.of(run, t, metric.equals(Workload.PRIMARY) ? MetricValues.PRIMARY : metric);
        if (m.isEmpty() || !Double.isFinite(m.get().score())) {
            return Optional.empty();
        }
        if (w.perThread() && metric.equals(Workload.PRIMARY)) {
            Measurement v = m.get();
            int n = Math.max(1, t.key().threads());
            return Optional.of(new Measurement(v.score() / n, v.error() / n, v.unit() + " per thread", v.samples(), v.source()));
        }
        return m;
    }

    /** The swept variable's value of trial {@code t} as text; null when the trial lacks it. */
    private static String xText(Workload w, TrialResult t, String benchmark) {
        if (w.sweep().equals(Workload.THREADS)) {
            return String.valueOf(t.key().threads());
        }
        if (w.sweep().equals(Workload.METHOD)) {
            return benchmark.substring(benchmark.indexOf('.') + 1);
        }
        return t.key().params().get(w.sweep());
    }

    /** The swept variable as a number: threads, a duration in ns (run.json's reading), a plain number; NaN otherwise. */
    private static double x(Workload w, TrialResult t, String text) {
        if (w.sweep().equals(Workload.METHOD)) {
            return Double.NaN;
        }
        if (w.sweep().equals(Workload.THREADS)) {
            return t.key().threads();
        }
        Optional<Long> nanos = t.durationNanos(w.sweep());
        if (nanos.isPresent()) {
            return nanos.get();
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** What the trials of one panel share: threads (unless swept) and every parameter but the engine and the swept one. */
    private static String fixed(Workload w, TrialKey k) {
        SortedMap<String, String> rest = new TreeMap<>(k.params());
        rest.remove(TrialRecord.ENGINE_PARAM);
        if (w.sweepsParameter()) {
            rest.remove(w.sweep());
        }
        List<String> parts = new ArrayList<>();
        if (!w.sweep().equals(Workload.THREADS)) {
            parts.add(k.threads() + (k.threads() == 1 ? " thread" : " threads"));
        }
        rest.forEach((p, v) -> parts.add(p + "=" + v));
        return String.join(" · ", parts);
    }
}
