package org.smrlab.reports.render;

import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.smrlab.reports.analysis.Comparison;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.PendingSeries;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRecord;

/**
 * Builds the charts of a report (XChart 4): what to draw, not how to save it.
 *
 * <p>Implementation notes. The charts come in the order of the lab's questions (docs/design.md): what a read
 * section and the write side cost, then latency against memory, then scaling, then the stall.
 * <ul>
 *   <li><b>Bars</b>, one chart per comparison table of the primary score (read side, write side,
 *       anything else): one bar per engine or floor, one colour per run, error bars the 99.9%
 *       half-interval (drawn as 0 where JMH had none).</li>
 *   <li><b>Latency against memory</b>, the chart the batching knobs are about: for each run and
 *       benchmark with SMR metrics, x = peak pending nodes (or peak pool footprint), y = retire→free
 *       p99 (or p50), both logarithmic; one series per engine, one point per batch size, each point
 *       labelled {@code b=<batch>}. Labels are XChart {@link AnnotationText}s placed a fixed
 *       fraction of the plot's height above their point (a factor, since the axis is
 *       logarithmic). Points with a zero coordinate cannot sit on a log axis and are left out,
 *       and the caption says how many.</li>
 *   <li><b>Throughput against threads</b>, where one benchmark ran at several thread counts in
 *       one run (for example shards split by thread count).</li>
 *   <li><b>Pending over time</b> from a stall run's {@code pending/*.csv} series.</li>
 * </ul>
 * Runs are never pooled: a chart holds one run, or shows runs as separate series.
 */
public final class Charts {

    static final int WIDTH = 960;
    static final int HEIGHT = 560;
    static final String X_PENDING = Metrics.PENDING_PEAK.name();
    static final String X_FOOTPRINT = Metrics.FOOTPRINT_PEAK.name();
    static final String Y_P99 = Metrics.R2F_P99.name();
    static final String Y_P50 = Metrics.R2F_P50.name();

    /** A chart, a file-name stem for it, and a caption that says how to read it. */
    public record Plot(String id, String title, String howToRead, Chart<?, ?> chart) {
    }

    private Charts() {
    }

    public static List<Plot> build(List<Run> runs) {
        List<Plot> plots = new ArrayList<>(bars(runs));
        for (Run run : runs) {
            plots.addAll(latencyMemory(run, runs.size() > 1, X_PENDING, Y_P99));
            plots.addAll(latencyMemory(run, runs.size() > 1, X_FOOTPRINT, Y_P50));
        }
        for (Run run : runs) {
            plots.addAll(threads(run, runs.size() > 1));
            plots.addAll(pendingOverTime(run, runs.size() > 1));
        }
        List<Plot> numbered = new ArrayList<>();
        for (int i = 0; i < plots.size(); i++) {
            Plot p = plots.get(i);
            numbered.add(new Plot(String.format("%02d-%s", i + 1, fileSafe(p.id())), p.title(), p.howToRead(), p.chart()));
        }
        return numbered;
    }

    // ---- latency against memory -------------------------------------------------------------

    private record Point(String batch, double x, double y) {
    }

    static List<Plot> latencyMemory(Run run, boolean nameRun, String xMetric, String yMetric) {
        Map<String, Map<String, List<Point>>> groups = new TreeMap<>(Numbers.NATURAL);
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, Boolean> pooled = new LinkedHashMap<>();
        for (TrialResult t : run.trials()) {
            Optional<EngineRef> engine = t.engineRef();
            Optional<Measurement> x = MetricValues.of(run, t, xMetric);
            Optional<Measurement> y = MetricValues.of(run, t, yMetric);
            if (engine.isEmpty() || x.isEmpty() || y.isEmpty()) {
                continue;
            }
            SortedMap<String, String> rest = new TreeMap<>(t.key().params());
            rest.remove(TrialRecord.ENGINE_PARAM);
            rest.remove(TrialRecord.BATCH_PARAM);
            String group = t.key().benchmark() + "|" + t.key().mode() + "|" + t.key().threads() + "|" + TrialKey.joinParams(rest, ";");
            titles.putIfAbsent(group, t.key().shortName() + describe(t.key().threads(), rest));
            pooled.merge(group, y.get().source() == Measurement.Source.POOLED_HLOG, Boolean::logicalOr);
            groups.computeIfAbsent(group, g -> new TreeMap<>(Numbers.NATURAL))
                    .computeIfAbsent(engine.get().labelWithout(TrialRecord.BATCH_PARAM), e -> new ArrayList<>())
                    .add(new Point(t.batchLabel().orElse("?"), x.get().score(), y.get().score()));
        }
        List<Plot> plots = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<Point>>> g : groups.entrySet()) {
            String xName = xMetric.equals(X_PENDING) ? "peak pending nodes" : "peak pool footprint (nodes)";
            String yName = "retire→free " + (yMetric.equals(Y_P99) ? "p99" : "p50") + " (ns)";
            String title = titles.get(g.getKey()) + (nameRun ? " — " + run.label() : "");
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                    .title(title).xAxisTitle(xName).yAxisTitle(yName).build();
            style(chart.getStyler(), chart.getTitle());
            chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            chart.getStyler().setMarkerSize(9);
            int dropped = 0;
            List<Point> all = new ArrayList<>();
            for (Map.Entry<String, List<Point>> e : g.getValue().entrySet()) {
                List<Point> points = new ArrayList<>(e.getValue());
                points.sort(Comparator.comparing(Point::batch, Numbers.NATURAL));
                List<Point> drawable = points.stream().filter(p -> p.x() > 0 && p.y() > 0
                        && Double.isFinite(p.x()) && Double.isFinite(p.y())).toList();
                dropped += points.size() - drawable.size();
                if (drawable.isEmpty()) {
                    continue;
                }
                all.addAll(drawable);
                XYSeries s = chart.addSeries(e.getKey(), drawable.stream().mapToDouble(Point::x).toArray(),
                        drawable.stream().mapToDouble(Point::y).toArray());
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            if (all.isEmpty()) {
                continue;
            }
            double[] xr = range(all.stream().mapToDouble(Point::x).toArray());
            double[] yr = range(all.stream().mapToDouble(Point::y).toArray());
            chart.getStyler().setXAxisMin(xr[0]).setXAxisMax(xr[1]);
            chart.getStyler().setYAxisMin(yr[0]).setYAxisMax(yr[1]);
            double lift = Math.pow(yr[1] / yr[0], 0.035);
            boolean batchesVary = all.stream().map(Point::batch).distinct().count() > 1;
            for (Point p : all) {
                if (!batchesVary || p.batch().equals("?")) {
                    continue;
                }
                chart.addAnnotation(new AnnotationText("b=" + p.batch(), p.x(), p.y() * lift, false));
            }
            String batchNote = batchesVary ? "" : all.get(0).batch().equals("?") ? " No batch size is given."
                    : " Every point is at batch=" + all.get(0).batch() + ".";
            String how = "One line per engine, one point per batch size (b=…). Down is faster reclamation, left is less "
                    + "memory waiting; both axes are logarithmic, so equal distances are equal ratios. A line that goes up "
                    + "and right as b grows is the batching trade: memory and latency bought for cheaper writes. "
                    + "y is " + (pooled.get(g.getKey()) ? "pooled from the trial's .hlog intervals" : "JMH's figure for " + yMetric + ", as the profiler aggregated it over iterations")
                    + "; x is " + xMetric + "." + (dropped > 0 ? " " + dropped + " point(s) with a zero or missing (NaN) value "
                    + "cannot sit on a log axis and are not drawn." : "") + batchNote;
            plots.add(new Plot("latency-" + (yMetric.equals(Y_P99) ? "p99" : "p50") + "-vs-"
                    + (xMetric.equals(X_PENDING) ? "pending" : "footprint") + "-" + titles.get(g.getKey()) + (nameRun ? "-" + run.label() : ""),
                    title, how, chart));
        }
        return plots;
    }

    /** Log-axis bounds around values: the decades that hold them, a little widened. */
    private static double[] range(double[] values) {
        double min = Arrays.stream(values).min().orElse(1);
        double max = Arrays.stream(values).max().orElse(10);
        double lo = Math.pow(10, Math.floor(Math.log10(min / 1.5)));
        double hi = Math.pow(10, Math.ceil(Math.log10(max * 1.5)));
        return new double[] {lo, hi};
    }

    // ---- bars --------------------------------------------------------------------------------

    static List<Plot> bars(List<Run> runs) {
        boolean manyRuns = runs.size() > 1;
        List<Plot> plots = new ArrayList<>();
        for (Comparison.Table table : Comparison.build(runs, MetricValues.PRIMARY, Comparison.DEFAULT_BASELINE)) {
            String unit = table.unit() == null ? "mixed units" : table.unit();
            CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                    .title(table.key().describe()).xAxisTitle("").yAxisTitle(unit).build();
            style(chart.getStyler(), chart.getTitle());
            chart.getStyler().setLegendVisible(manyRuns);
            chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
            chart.getStyler().setOverlapped(false);
            List<String> categories = new ArrayList<>();
            // floors by what they do (run.json's words, where the runs say), so the bar names read as words
            table.rows().forEach(r -> categories.add(r.floor() ? "floor: " + table.floorName(r) : r.label()));
            // XChart names only every k-th category when the space per category is under its tick spacing hint
            // (74 px by default, whatever the rotation); upright labels need little width, so with many bars the
            // hint is lowered and every bar keeps its name.
            if (categories.size() > 8) {
                chart.getStyler().setXAxisLabelRotation(90);
                chart.getStyler().setXAxisTickMarkSpacingHint(18);
                chart.getStyler().setXAxisLabelAlignmentVertical(AxesChartStyler.TextAlignment.Right);
            } else if (categories.size() > 4) {
                chart.getStyler().setXAxisLabelRotation(30);
            }
            boolean anyUnknown = false;
            for (Run run : table.runs()) {
                List<Double> y = new ArrayList<>();
                List<Double> err = new ArrayList<>();
                for (Comparison.Row row : table.rows()) {
                    Optional<Comparison.Cell> c = table.cell(row, run);
                    y.add(c.map(x -> x.value().score()).orElse(0.0));
                    double e = c.map(x -> x.value().error()).orElse(0.0);
                    anyUnknown |= c.isPresent() && !Double.isFinite(e);
                    err.add(Double.isFinite(e) ? e : 0.0);
                }
                chart.addSeries(run.label(), categories, y, err);
            }
            chart.getStyler().setYAxisMin(0.0);
            boolean time = table.key().mode().equals("avgt") || table.key().mode().equals("sample") || table.key().mode().equals("ss");
            String how = "One bar per engine" + (table.rows().stream().anyMatch(Comparison.Row::floor) ? " and per floor (a cost "
                    + "floor: the same work without any reclamation scheme, or one fence)" : "") + "; "
                    + (table.runs().size() > 1 ? "one colour per run (runs are never pooled); " : "")
                    + (time ? "lower is cheaper. " : "higher is faster. ")
                    + "The whisker is JMH's 99.9% error: where whiskers of two bars overlap, no difference is claimed."
                    + (anyUnknown ? " Bars without a whisker had no error estimate (one sample)." : "")
                    + " A bar of 0 in one colour only means that run has no such trial.";
            plots.add(new Plot("bars-" + table.key().describe(), table.key().describe() + " (" + unit + ")", how, chart));
        }
        return plots;
    }

    // ---- throughput against threads --------------------------------------------------------

    static List<Plot> threads(Run run, boolean nameRun) {
        Map<String, Map<String, TreeMap<Integer, Measurement>>> groups = new TreeMap<>(Numbers.NATURAL);
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, String> modes = new LinkedHashMap<>();
        for (TrialResult t : run.trials()) {
            SortedMap<String, String> rest = new TreeMap<>(t.key().params());
            rest.remove(TrialRecord.ENGINE_PARAM);
            String group = t.key().benchmark() + "|" + t.key().mode() + "|" + TrialKey.joinParams(rest, ";");
            titles.putIfAbsent(group, t.key().shortName() + describe(0, rest));
            modes.putIfAbsent(group, t.key().mode());
            String series = t.engineRef().map(EngineRef::label).orElse(t.key().method());
            groups.computeIfAbsent(group, g -> new TreeMap<>(Numbers.NATURAL))
                    .computeIfAbsent(series, s -> new TreeMap<>())
                    .put(t.key().threads(), t.primary());
        }
        List<Plot> plots = new ArrayList<>();
        for (Map.Entry<String, Map<String, TreeMap<Integer, Measurement>>> g : groups.entrySet()) {
            TreeSet<Integer> counts = new TreeSet<>();
            g.getValue().values().forEach(m -> counts.addAll(m.keySet()));
            if (counts.size() < 2) {
                continue;
            }
            String unit = g.getValue().values().iterator().next().firstEntry().getValue().unit();
            String title = titles.get(g.getKey()) + " against threads" + (nameRun ? " — " + run.label() : "");
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("threads").yAxisTitle(unit).build();
            style(chart.getStyler(), chart.getTitle());
            chart.getStyler().setXAxisDecimalPattern("0");
            chart.getStyler().setYAxisMin(0.0);
            chart.getStyler().setErrorBarsColorSeriesColor(true);
            for (Map.Entry<String, TreeMap<Integer, Measurement>> s : g.getValue().entrySet()) {
                double[] x = s.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
                double[] y = s.getValue().values().stream().mapToDouble(Measurement::score).toArray();
                double[] e = s.getValue().values().stream().mapToDouble(m -> m.errorKnown() ? m.error() : 0).toArray();
                chart.addSeries(s.getKey(), x, y, e).setMarker(SeriesMarkers.CIRCLE);
            }
            String mode = modes.get(g.getKey());
            String how = "One line per engine: the primary score at each thread count, with JMH's 99.9% error as whiskers. "
                    + (mode.equals("thrpt") ? "Throughput is summed over threads: a line that rises in proportion scales; "
                    + "one that flattens or falls has hit a shared bottleneck (or the machine has fewer cores than threads)."
                    : "Time per operation: a line that stays flat scales.");
            plots.add(new Plot("threads-" + titles.get(g.getKey()) + (nameRun ? "-" + run.label() : ""), title, how, chart));
        }
        return plots;
    }

    // ---- pending over time -------------------------------------------------------------------

    static List<Plot> pendingOverTime(Run run, boolean nameRun) {
        Map<String, Map<String, double[][]>> groups = new TreeMap<>(Numbers.NATURAL);
        for (PendingSeries p : run.pending()) {
            Map<String, double[][]> series = groups.computeIfAbsent(p.chartGroup(), g -> new TreeMap<>(Numbers.NATURAL));
            series.put(unique(series, p.legend()), new double[][] {p.timeMs(), p.pending()});
        }
        List<Plot> plots = new ArrayList<>();
        for (Map.Entry<String, Map<String, double[][]>> g : groups.entrySet()) {
            String title = "Pending nodes over time: " + g.getKey() + (nameRun ? " — " + run.label() : "");
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle("time (ms)").yAxisTitle("pending nodes").build();
            style(chart.getStyler(), chart.getTitle());
            chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            chart.getStyler().setMarkerSize(0);
            // Logarithmic y: the bounded engines (tens of nodes) and the unbounded ones (up to the cap, millions)
            // differ by five decades; on a linear axis the bounded ones vanish into the x axis. A log axis has no
            // zero, so an empty pipeline (0 pending) is drawn at 1, and the caption says so.
            chart.getStyler().setYAxisLogarithmic(true);
            double[] all = countsOnLogAxis(g.getValue().values().stream().flatMapToDouble(xy -> Arrays.stream(xy[1])).toArray());
            chart.getStyler().setYAxisMin(1.0).setYAxisMax(Math.max(10, range(all)[1]));
            g.getValue().forEach((name, xy) -> chart.addSeries(name, xy[0], countsOnLogAxis(xy[1])).setMarker(SeriesMarkers.NONE));
            String how = "Retired nodes not yet freed while one reader stalls inside a read section, one line per engine. "
                    + "A bounded engine stays flat and low (the summary names them: its stall verdict); "
                    + "the others grow for as long as the stall lasts, until it ends or the cap on pending nodes stops the "
                    + "trial (smr.unbounded = 1). The y axis is logarithmic (0 pending is drawn at 1). Time counts from "
                    + "the first measurement iteration, so the gaps between iterations show.";
            plots.add(new Plot("pending-over-time-" + g.getKey() + (nameRun ? "-" + run.label() : ""), title, how, chart));
        }
        return plots;
    }

    /** Node counts for a logarithmic axis: below one node (an empty pipeline) is drawn at 1, the axis floor. */
    static double[] countsOnLogAxis(double[] counts) {
        return Arrays.stream(counts).map(v -> Math.max(1, v)).toArray();
    }

    private static String unique(Map<String, ?> taken, String name) {
        String candidate = name;
        for (int i = 2; taken.containsKey(candidate); i++) {
            candidate = name + " (" + i + ")";
        }
        return candidate;
    }

    // ---- shared ------------------------------------------------------------------------------

    private static String describe(int threads, SortedMap<String, String> params) {
        StringBuilder sb = new StringBuilder();
        if (threads > 0) {
            sb.append(" · ").append(threads).append(threads == 1 ? " thread" : " threads");
        }
        params.forEach((k, v) -> sb.append(" · ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static void style(AxesChartStyler s, String title) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.LIGHT_GRAY);
        // about 80 characters of 16-point bold fit the width; long titles (many parameters) get smaller type
        int size = Math.max(9, Math.min(16, 16 * 80 / Math.max(1, title.length())));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setAnnotationTextFontColor(Color.DARK_GRAY);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setChartTitleBoxVisible(false);
        s.setPlotGridLinesColor(new Color(225, 225, 225));
        s.setAntiAlias(true);
    }

    static String fileSafe(String s) {
        String safe = s.replaceAll("[^A-Za-z0-9._=-]+", "_").replaceAll("_+", "_");
        safe = safe.length() > 90 ? safe.substring(0, 90) : safe;
        return safe.replaceAll("[._=-]+$", "");
    }
}
