package org.smrlab.reports.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.smrlab.reports.analysis.review.ChartSpec;
import org.smrlab.reports.analysis.review.Review;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Run;

/**
 * The review's charts, drawn from their specs with the reports' own chart helpers and engine style
 * ({@link EngineStyle}: an engine has one colour in every chart of the review and of the reports).
 * A point with a missing coordinate is left out and the chart says how many; a chart with no point
 * at all is not drawn (the review says so in its place).
 */
public final class ReviewCharts {

    /** A chart drawn: its spec and the chart. */
    public record Drawn(ChartSpec spec, Chart<?, ?> chart, int left) {
    }

    private ReviewCharts() {
    }

    public static List<Drawn> draw(Review review) {
        List<Run> runs = new ArrayList<>(review.input().subRuns().values());
        EngineStyle style = EngineStyle.of(runs);
        Map<String, EngineRef> engines = Charts.enginesByLabel(runs);
        List<Drawn> out = new ArrayList<>();
        review.sections().forEach(s -> s.evidence().forEach(b -> {
            if (b instanceof org.smrlab.reports.analysis.review.Block.Chart c) {
                Drawn d = draw(c.spec(), style, engines);
                if (d != null) {
                    out.add(d);
                }
            }
        }));
        return out;
    }

    static Drawn draw(ChartSpec spec, EngineStyle style, Map<String, EngineRef> engines) {
        if (spec instanceof ChartSpec.Bars bars) {
            List<Charts.Bar> list = new ArrayList<>();
            int left = 0;
            for (ChartSpec.Bar b : bars.bars()) {
                if (b.value().missing()) {
                    left++;
                    continue;
                }
                list.add(new Charts.Bar(b.name(), b.engine() == null ? null : engines.getOrDefault(b.engine(), EngineRef.unknown(b.engine())),
                        b.value().value(), b.value().error()));
            }
            return list.isEmpty() ? null : new Drawn(spec, Charts.barChart(bars.title(), bars.unit(), list, style), left);
        }
        ChartSpec.Curves c = (ChartSpec.Curves) spec;
        XYChart chart = new XYChartBuilder().width(Charts.WIDTH).height(Charts.HEIGHT).title(c.title())
                .xAxisTitle(c.xTitle()).yAxisTitle(c.yTitle()).build();
        Charts.style(chart.getStyler(), chart.getTitle());
        chart.getStyler().setXAxisLogarithmic(c.logX()).setYAxisLogarithmic(c.logY());
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(9);
        int left = 0;
        List<double[]> all = new ArrayList<>();
        List<String[]> labels = new ArrayList<>();
        Map<String, Integer> variants = new LinkedHashMap<>();
        for (ChartSpec.Series s : c.series()) {
            List<double[]> pts = new ArrayList<>();
            for (ChartSpec.Point p : s.points()) {
                boolean drawable = p.x().present() && p.y().present() && (!c.logX() || p.x().value() > 0) && (!c.logY() || p.y().value() > 0);
                if (!drawable) {
                    left++;
                    continue;
                }
                pts.add(new double[] {p.x().value(), p.y().value()});
                labels.add(new String[] {p.label(), String.valueOf(p.x().value()), String.valueOf(p.y().value())});
            }
            if (pts.isEmpty()) {
                continue;
            }
            all.addAll(pts);
            XYSeries series = chart.addSeries(s.name(), pts.stream().mapToDouble(x -> x[0]).toArray(),
                    pts.stream().mapToDouble(x -> x[1]).toArray());
            EngineRef ref = s.engine() == null ? null : engines.getOrDefault(s.engine(), EngineRef.unknown(s.engine()));
            int variant = variants.merge(ref == null ? "" : ref.nameOrLabel(), 1, Integer::sum) - 1;
            Charts.apply(series, ref == null ? style.floor(0) : variant == 0 ? style.line(ref, 0)
                    : new EngineStyle.Look(style.colour(ref), EngineStyle.DASHED, style.line(ref, variant).marker()));
        }
        if (all.isEmpty()) {
            return null;
        }
        if (c.logX() && c.logY()) {
            double[] xr = Charts.range(all.stream().mapToDouble(x -> x[0]).toArray());
            double[] yr = Charts.range(all.stream().mapToDouble(x -> x[1]).toArray());
            chart.getStyler().setXAxisMin(xr[0]).setXAxisMax(xr[1]).setYAxisMin(yr[0]).setYAxisMax(yr[1]);
            double lift = Math.pow(yr[1] / yr[0], 0.035);
            for (String[] l : labels) {
                if (!l[0].isEmpty()) {
                    chart.addAnnotation(new AnnotationText(l[0], Double.parseDouble(l[1]), Double.parseDouble(l[2]) * lift, false));
                }
            }
        }
        return new Drawn(spec, chart, left);
    }
}
