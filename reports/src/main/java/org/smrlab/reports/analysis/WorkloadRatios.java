package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smrlab.reports.model.Run;
import org.smrlab.run.Workload;
import org.smrlab.run.Workloads;

/**
 * Each workload's figures as ratios between engines, from one run: for every chart of
 * {@link WorkloadSeries} (a workload's benchmark, figure and fixed parameters), each engine's figure
 * divided by the reference engine's at the same value of the swept variable, with the interval both
 * JMH errors give ({@link Summary.Quotient}). The charts show the shape; these tables are what a
 * closing note or a comparison with a published claim quotes, so they are made by the report from the
 * run, not by hand.
 *
 * <p>The reference is {@value #REFERENCE} (smr(9), the engine the lab was built to judge) where the
 * chart has it, else the chart's first engine in name order; a ratio never divides figures of two
 * different charts or two different swept values.
 */
public final class WorkloadRatios {

    /** The engine every other is divided by, where the chart has it. */
    public static final String REFERENCE = "gus";

    /**
     * One chart's ratios.
     *
     * @param panel     the chart
     * @param reference the engine divided by (its own row holds its figures)
     * @param xs        the swept values, in the chart's order
     * @param figures   engine → swept value → the engine's figure (reference included)
     * @param ratios    engine → swept value → engine ÷ reference at that value (reference left out); a value
     *                  missing for either engine has no ratio
     */
    public record Table(WorkloadSeries.Panel panel, String reference, List<String> xs,
                        Map<String, Map<String, Summary.Figure>> figures, Map<String, Map<String, Summary.Quotient>> ratios) {

        /**
         * Whether the table gives values, not ratios: a figure that is 0 or negative somewhere (a fitted
         * slope of pending, which hovers around 0 for an engine that keeps up) has no meaningful ratio,
         * so no engine's figure is divided in that chart.
         */
        public boolean valuesOnly() {
            return ratios.isEmpty();
        }
    }

    private WorkloadRatios() {
    }

    /** Every chart of every workload of the catalogue that {@code run} has, with two engines or more. */
    public static List<Table> of(Run run) {
        List<Table> tables = new ArrayList<>();
        for (Workload w : Workloads.all()) {
            for (WorkloadSeries.Panel p : WorkloadSeries.of(run, w)) {
                Table t = of(p);
                if (t != null) {
                    tables.add(t);
                }
            }
        }
        return tables;
    }

    /** One chart's table; null when it has fewer than two engines (nothing to divide). */
    static Table of(WorkloadSeries.Panel p) {
        if (p.lines().size() < 2) {
            return null;
        }
        Map<String, Map<String, Summary.Figure>> figures = new LinkedHashMap<>();
        for (WorkloadSeries.Line l : p.lines()) {
            Map<String, Summary.Figure> byX = new LinkedHashMap<>();
            for (WorkloadSeries.Point pt : l.points()) {
                byX.putIfAbsent(pt.xText(), new Summary.Figure(pt.trial(), pt.y()));
            }
            figures.put(l.engine(), byX);
        }
        String reference = figures.containsKey(REFERENCE) ? REFERENCE : p.lines().get(0).engine();
        Map<String, Summary.Figure> ref = figures.get(reference);
        Map<String, Map<String, Summary.Quotient>> ratios = new LinkedHashMap<>();
        boolean crossesZero = figures.values().stream().flatMap(m -> m.values().stream()).anyMatch(f -> !(f.value().score() > 0));
        if (crossesZero) {
            return new Table(p, reference, p.categories(), figures, ratios);
        }
        figures.forEach((engine, byX) -> {
            if (engine.equals(reference)) {
                return;
            }
            Map<String, Summary.Quotient> r = new LinkedHashMap<>();
            byX.forEach((x, f) -> {
                Summary.Figure d = ref.get(x);
                Summary.Quotient q = d == null ? null : Summary.Quotient.of(f.value(), d.value());
                if (q != null) {
                    r.put(x, q);
                }
            });
            ratios.put(engine, r);
        });
        return new Table(p, reference, p.categories(), figures, ratios);
    }
}
