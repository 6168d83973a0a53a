package org.smrlab.reports.render;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.smrlab.reports.analysis.Capacity;
import org.smrlab.reports.analysis.Growth;
import org.smrlab.reports.analysis.WorkloadSeries;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.run.Metrics;
import org.smrlab.run.Workload;
import org.smrlab.run.Workloads;

/**
 * The workload charts: for every workload of run-format's catalogue ({@link Workloads}), one chart
 * per panel of {@link WorkloadSeries} (benchmark, figure, fixed parameters): the figure against the
 * swept variable, one line per engine, JMH's 99.9% error as whiskers where it has one.
 *
 * <p>Implementation notes. A numeric sweep is a line chart (logarithmic where the catalogue says
 * the values span decades; a 0 on a logarithmic axis, such as 0 idle threads, is drawn at 1 and the
 * caption says so); a categorical one (key distributions, the bystander's writer kinds, a stall of
 * "iteration") is a bar chart with one bar per engine in each category. Whiskers on a logarithmic y
 * axis are cut at 1% of the value below it (an interval reaching 0 has no place there). The
 * catalogue's marks are drawn as labels beside the points: "oversubscribed" over thread counts above
 * the run's cores, "falling behind" on each engine whose pending kept growing ({@link Growth}), and
 * "capacity" at each engine's highest sustained rate ({@link Capacity}); the caption repeats them in
 * words, so nothing is only in the picture.
 */
final class WorkloadCharts {

    private WorkloadCharts() {
    }

    static List<Charts.Plot> build(Run run, boolean nameRun) {
        List<Charts.Plot> plots = new ArrayList<>();
        List<Capacity.Result> capacities = Capacity.of(run);
        for (Workload w : Workloads.all()) {
            for (WorkloadSeries.Panel p : WorkloadSeries.of(run, w)) {
                Charts.Plot plot = p.numeric() ? line(run, p, capacities, nameRun) : bars(run, p, nameRun);
                if (plot != null) {
                    plots.add(plot);
                }
            }
        }
        return plots;
    }

    // ---- numeric sweeps ------------------------------------------------------------------------

    /** The engine a line draws, as its trials name it (the style's colour and dash follow from it). */
    private static org.smrlab.reports.model.EngineRef ref(WorkloadSeries.Line l) {
        return l.points().stream().map(pt -> pt.trial().engineRef()).flatMap(java.util.Optional::stream).findFirst()
                .orElse(org.smrlab.reports.model.EngineRef.unknown(l.engine()));
    }

    private static Charts.Plot line(Run run, WorkloadSeries.Panel p, List<Capacity.Result> capacities, boolean nameRun) {
        EngineStyle style = EngineStyle.of(List.of(run));
        Workload w = p.workload();
        String title = title(p, run, nameRun);
        DurationUnit unit = durationUnit(p);
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle(w.sweepWords() + (unit == null ? "" : " (" + unit.symbol() + ")")).yAxisTitle(yTitle(p)).build();
        Charts.style(chart.getStyler(), chart.getTitle());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(8);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        List<String> notes = new ArrayList<>();
        // a figure that reaches 0 or below (a slope of pending that is flat, or falling) has no place on a
        // logarithmic axis: its chart is linear, and says so, rather than dropping those points
        boolean logY = w.logY() && p.lines().stream().flatMap(l -> l.points().stream()).allMatch(pt -> pt.y().score() > 0);
        if (w.logY() && !logY) {
            notes.add("Some values are 0 or negative, so the y axis is linear.");
        }
        chart.getStyler().setXAxisLogarithmic(w.logX()).setYAxisLogarithmic(logY);
        if (!logY) {
            chart.getStyler().setYAxisMin(Math.min(0.0, minY(p)));
        }
        Set<String> behind = new LinkedHashSet<>();
        int dropped = 0;
        boolean zeroAtOne = false;
        List<double[]> all = new ArrayList<>();
        for (WorkloadSeries.Line l : p.lines()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            boolean growing = false;
            for (WorkloadSeries.Point pt : l.points()) {
                double x = unit == null ? pt.x() : pt.x() / unit.nanos();
                double y = pt.y().score();
                if (w.logX() && x == 0) {
                    x = 1;
                    zeroAtOne = true;
                }
                if (w.logX() && x < 0 || logY && y <= 0) {
                    dropped++;
                    continue;
                }
                double e = pt.y().errorKnown() ? pt.y().error() : 0;
                if (logY) {
                    e = Math.min(e, 0.99 * y);
                }
                xs.add(x);
                ys.add(y);
                es.add(e);
                all.add(new double[] {x, y});
                if (w.marks().contains(Workload.Mark.FALLING_BEHIND) && Growth.of(run, pt.trial()).growing()) {
                    growing = true;
                    chart.addAnnotation(new AnnotationText("falling behind", x, y, false));
                }
            }
            if (xs.isEmpty()) {
                continue;
            }
            String name = l.engine() + (growing ? " (falling behind)" : "");
            if (growing) {
                behind.add(l.engine());
            }
            XYSeries s = chart.addSeries(name, xs.stream().mapToDouble(Double::doubleValue).toArray(),
                    ys.stream().mapToDouble(Double::doubleValue).toArray(), es.stream().mapToDouble(Double::doubleValue).toArray());
            EngineStyle.Look look = style.line(ref(l), 0); // every chart draws an engine in its one colour
            Charts.apply(s, new EngineStyle.Look(look.colour(), look.line(), growing ? SeriesMarkers.CROSS : look.marker()));
        }
        if (all.isEmpty()) {
            return null;
        }
        if (w.logX()) {
            double[] r = Charts.range(all.stream().mapToDouble(a -> a[0]).toArray());
            chart.getStyler().setXAxisMin(r[0]).setXAxisMax(r[1]);
        }
        if (logY) {
            double[] r = Charts.range(all.stream().mapToDouble(a -> a[1]).toArray());
            chart.getStyler().setYAxisMin(r[0]).setYAxisMax(r[1]);
        }
        if (w.marks().contains(Workload.Mark.OVERSUBSCRIBED) && p.cores() != null) {
            markOversubscribed(chart, p, all, notes);
        }
        if (w.marks().contains(Workload.Mark.CAPACITY) && p.figure().equals(Workload.PRIMARY)) {
            markCapacity(chart, p, capacities, notes, unit == null ? 1 : unit.nanos());
        }
        if (w.marks().contains(Workload.Mark.FALLING_BEHIND)) {
            notes.add(behind.isEmpty() ? "No engine's pending kept growing (the growth rule: fitted rise at least "
                    + Numbers.sig(Growth.FRACTION, 2) + " of the peak and " + (long) Growth.SLACK + " nodes)."
                    : "Falling behind (pending kept growing by the growth rule): " + String.join(", ", behind) + ".");
        }
        if (zeroAtOne) {
            notes.add("0 is drawn at 1 on the logarithmic x axis.");
        }
        if (dropped > 0) {
            notes.add(dropped + " point(s) with a zero or negative value cannot sit on the logarithmic axis and are not drawn.");
        }
        return plot(p, run, nameRun, title, chart, notes);
    }

    private static double minY(WorkloadSeries.Panel p) {
        return p.lines().stream().flatMap(l -> l.points().stream()).mapToDouble(pt -> pt.y().score() - (pt.y().errorKnown()
                ? pt.y().error() : 0)).min().orElse(0);
    }

    private static void markOversubscribed(XYChart chart, WorkloadSeries.Panel p, List<double[]> all, List<String> notes) {
        int cores = p.cores();
        if (p.workload().sweep().equals(Workload.THREADS)) {
            double top = all.stream().mapToDouble(a -> a[1]).max().orElse(1);
            Set<Double> marked = new LinkedHashSet<>();
            for (double[] a : all) {
                if (a[0] > cores && marked.add(a[0])) {
                    chart.addAnnotation(new AnnotationText("oversubscribed", a[0], top, false));
                }
            }
            notes.add(marked.isEmpty() ? "Every point has at most as many threads as the machine's " + cores + " cores."
                    : "Points at more threads than the machine's " + cores + " cores are oversubscribed (marked): "
                    + "threads then wait for a core, readers inside sections included.");
        } else {
            boolean over = p.lines().stream().flatMap(l -> l.points().stream()).anyMatch(pt -> pt.trial().key().threads() > cores);
            if (over) {
                notes.add("These trials ran more threads than the machine's " + cores + " cores: oversubscribed.");
            }
        }
    }

    private static void markCapacity(XYChart chart, WorkloadSeries.Panel p, List<Capacity.Result> capacities, List<String> notes,
                                     double xScale) {
        List<String> words = new ArrayList<>();
        for (Capacity.Result c : capacities) {
            if (!c.fixed().equals(p.fixed())) {
                continue;
            }
            words.add(c.engine() + ": " + c.words());
            if (!Double.isFinite(c.intervalNanos())) {
                continue;
            }
            p.lines().stream().filter(l -> l.engine().equals(c.engine())).flatMap(l -> l.points().stream())
                    .filter(pt -> pt.x() == c.intervalNanos()).findFirst()
                    .ifPresent(pt -> chart.addAnnotation(new AnnotationText("capacity", pt.x() / xScale, pt.y().score(), false)));
        }
        if (!words.isEmpty()) {
            notes.add("Capacity (the shortest interval kept within " + Numbers.sig(100 * Capacity.TOLERANCE, 2)
                    + "% with pending bounded): " + String.join("; ", words) + ".");
        }
    }

    // ---- categorical sweeps --------------------------------------------------------------------

    private static Charts.Plot bars(Run run, WorkloadSeries.Panel p, boolean nameRun) {
        EngineStyle style = EngineStyle.of(List.of(run));
        String title = title(p, run, nameRun);
        List<String> categories = p.categories();
        CategoryChart chart = new CategoryChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(title)
                .xAxisTitle(p.workload().sweepWords()).yAxisTitle(yTitle(p)).build();
        Charts.style(chart.getStyler(), chart.getTitle());
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setYAxisMin(0.0);
        if (categories.size() > 4) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        boolean any = false;
        List<String> notes = new ArrayList<>();
        for (WorkloadSeries.Line l : p.lines()) {
            Map<String, WorkloadSeries.Point> byX = new LinkedHashMap<>();
            l.points().forEach(pt -> byX.putIfAbsent(pt.xText(), pt));
            List<Double> ys = new ArrayList<>();
            List<Double> es = new ArrayList<>();
            for (String c : categories) {
                Optional<WorkloadSeries.Point> pt = Optional.ofNullable(byX.get(c));
                ys.add(pt.map(x -> x.y().score()).orElse(0.0));
                es.add(pt.map(x -> x.y().errorKnown() ? x.y().error() : 0.0).orElse(0.0));
                any |= pt.isPresent();
            }
            org.knowm.xchart.CategorySeries series = chart.addSeries(l.engine(), categories, ys, es);
            Color colour = style.colour(ref(l)); // every chart draws an engine in its one colour
            series.setFillColor(colour);
            series.setLineColor(colour);
        }
        if (!any) {
            return null;
        }
        if (p.lines().stream().anyMatch(l -> l.points().size() < categories.size())) {
            notes.add("A bar of 0 means the run has no such trial for that engine.");
        }
        if (p.workload().marks().contains(Workload.Mark.FALLING_BEHIND)) {
            List<String> verdicts = new ArrayList<>();
            for (WorkloadSeries.Line l : p.lines()) {
                for (WorkloadSeries.Point pt : l.points()) {
                    Growth.Verdict g = Growth.of(run, pt.trial());
                    if (g.kind() != Growth.Kind.UNKNOWN) {
                        verdicts.add(l.engine() + " at " + pt.xText() + ": " + g.words());
                    }
                }
            }
            if (!verdicts.isEmpty()) {
                notes.add("Growth verdicts: " + String.join("; ", verdicts) + ".");
            }
        }
        return plot(p, run, nameRun, title, chart, notes);
    }

    // ---- shared --------------------------------------------------------------------------------

    private static Charts.Plot plot(WorkloadSeries.Panel p, Run run, boolean nameRun, String title,
                                    org.knowm.xchart.internal.chartpart.Chart<? extends AxesChartStyler, ?> chart, List<String> notes) {
        Workload w = p.workload();
        String how = w.question() + " " + w.howToRead() + (p.fixed().isEmpty() ? "" : " Trials at " + p.fixed() + ".")
                + " One line (or bar) per engine; whiskers are JMH's 99.9% error where it has one (pooled percentiles and "
                + "maxima have none)." + (notes.isEmpty() ? "" : " " + String.join(" ", notes));
        String id = "workload-" + w.id() + "-" + p.benchmark() + "-" + p.figure().replace(Workload.METHOD_PLACEHOLDER, "") + "-"
                + p.fixed() + (nameRun ? "-" + run.label() : "");
        return new Charts.Plot(id, title, how, chart);
    }

    /** The chart's title; the summary's ratio table of the same panel carries it too. */
    static String title(WorkloadSeries.Panel p, Run run, boolean nameRun) {
        return p.workload().title() + ": " + figureName(p) + " · " + p.benchmark() + (p.fixed().isEmpty() ? "" : " · " + p.fixed())
                + (nameRun ? " — " + run.label() : "");
    }

    private static String figureName(WorkloadSeries.Panel p) {
        if (p.figure().equals(Workload.PRIMARY)) {
            return "score";
        }
        // "{method}Bystander": each benchmark's own row of that name; the chart calls it by the rest, lower-cased
        return p.figure().contains(Workload.METHOD_PLACEHOLDER)
                ? p.figure().replace(Workload.METHOD_PLACEHOLDER, "").toLowerCase(java.util.Locale.ROOT) + " row of each group"
                : p.figure();
    }

    private static String yTitle(WorkloadSeries.Panel p) {
        String unit = p.lines().stream().flatMap(l -> l.points().stream()).map(pt -> pt.y().unit()).findFirst().orElse("");
        String name = p.figure().equals(Workload.PRIMARY) ? "score" : Metrics.byName(p.figure()).map(m -> m.name())
                .orElse(figureName(p));
        return name + (unit.isEmpty() ? "" : " (" + unit + ")");
    }

    /** A unit for an axis of durations. */
    record DurationUnit(String symbol, double nanos) {
    }

    /**
     * When the swept values are durations (run.json read them so, in nanoseconds): the largest unit
     * in which the shortest of them is at least 1 (run lengths in s, intervals in ns); null otherwise.
     */
    static DurationUnit durationUnit(WorkloadSeries.Panel p) {
        boolean durations = p.lines().stream().flatMap(l -> l.points().stream())
                .allMatch(pt -> pt.trial().durationNanos(p.workload().sweep()).isPresent());
        if (!durations || p.lines().isEmpty()) {
            return null;
        }
        double min = p.lines().stream().flatMap(l -> l.points().stream()).mapToDouble(WorkloadSeries.Point::x).min().orElse(1);
        for (DurationUnit u : List.of(new DurationUnit("s", 1e9), new DurationUnit("ms", 1e6), new DurationUnit("us", 1e3))) {
            if (min >= u.nanos()) {
                return u;
            }
        }
        return new DurationUnit("ns", 1);
    }
}
