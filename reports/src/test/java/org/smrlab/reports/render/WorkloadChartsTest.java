package org.smrlab.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.analysis.Capacity;
import org.smrlab.reports.analysis.WorkloadSeries;
import org.smrlab.reports.model.PendingSeries;
import org.smrlab.reports.model.Run;
import org.smrlab.run.Workloads;

/**
 * The workload charts on a run folder of fabricated workload rows (fixtures/runs/workloads-20261129-150000,
 * round numbers): one chart per workload panel, one line per engine, the catalogue's marks.
 */
class WorkloadChartsTest {
    static final String RUN = "runs/workloads-20261129-150000";

    private static Charts.Plot plot(List<Charts.Plot> plots, String idPart) {
        return plots.stream().filter(p -> p.id().contains(idPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no plot " + idPart + " in " + plots.stream().map(Charts.Plot::id).toList()));
    }

    private static Map<String, XYSeries> series(XYChart chart) {
        Map<String, XYSeries> byName = new LinkedHashMap<>();
        chart.getSeriesCollection().forEach(s -> byName.put(s.getName(), s));
        return byName;
    }

    @Test
    void everyWorkloadOfTheRunHasItsChart() {
        List<Charts.Plot> plots = Charts.build(Fixtures.runs(RUN));
        for (String id : List.of("packets", "list", "backlog", "run-length", "capacity", "low-rate", "idle-threads", "bystanders",
                "stall", "skewed-keys")) {
            assertThat(plots).as(id).anyMatch(p -> p.id().contains("workload-" + id + "-"));
        }
        assertThat(Workloads.all()).hasSize(10);
    }

    @Test
    void packetsArePerThreadAgainstTheSizeOneLinePerEngine() {
        XYChart chart = (XYChart) plot(Charts.build(Fixtures.runs(RUN)), "workload-packets-PacketBench.packets-primary").chart();
        assertThat(series(chart)).containsOnlyKeys("ebr", "gus", "hp");
        XYSeries gus = series(chart).get("gus");
        assertThat(gus.getXData()).containsExactly(128.0, 1024.0);
        assertThat(gus.getYData()).as("ops/s of 2 threads, per thread").containsExactly(2.0e6, 1.5e6);
        assertThat(gus.getExtraValues()).as("the error, divided too").containsExactly(1.0e5, 0.75e5);
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getYAxisTitle()).contains("per thread");
    }

    @Test
    void theBacklogChartMarksOversubscribedThreadCounts() {
        Charts.Plot p = plot(Charts.build(Fixtures.runs(RUN)), "workload-backlog-ReclamationBench.mixed-smr.pending.mean");
        XYChart chart = (XYChart) p.chart();
        assertThat(series(chart).get("gus").getXData()).containsExactly(1.0, 2.0, 4.0);
        assertThat(p.howToRead()).contains("more threads than the machine's 2 cores are oversubscribed");
        assertThat(annotations(chart)).containsExactly("oversubscribed");
    }

    @Test
    void theRunLengthChartMarksTheEngineThatFallsBehind() {
        Charts.Plot p = plot(Charts.build(Fixtures.runs(RUN)), "workload-run-length-LongRunBench.mixed-smr.pending.slope");
        XYChart chart = (XYChart) p.chart();
        assertThat(series(chart)).containsOnlyKeys("ebr (falling behind)", "gus", "hp");
        assertThat(series(chart).get("gus").getXData()).as("run lengths in s").containsExactly(10.0, 30.0);
        assertThat(chart.getXAxisTitle()).isEqualTo("run length (s)");
        assertThat(p.howToRead()).contains("Falling behind (pending kept growing by the growth rule): ebr.");
        assertThat(annotations(chart)).containsExactly("falling behind");
    }

    @Test
    void theCapacityChartMarksEachEnginesHighestSustainedRate() {
        List<Capacity.Result> c = Capacity.of(Fixtures.runs(RUN).get(0));
        Map<String, Capacity.Result> byEngine = new LinkedHashMap<>();
        c.forEach(r -> byEngine.put(r.engine(), r));
        assertThat(byEngine.get("gus").interval()).as("50ns achieved 80 ns: missed").isEqualTo("100ns");
        assertThat(byEngine.get("ebr").interval()).as("50ns kept, but pending grew").isEqualTo("100ns");
        assertThat(byEngine.get("ebr").missed()).anyMatch(m -> m.startsWith("50ns: pending growing"));
        assertThat(byEngine.get("hp").interval()).isEqualTo("1us");
        assertThat(byEngine.get("gus").words()).isEqualTo("10000000 retires/s (every 100ns)");
        Charts.Plot p = plot(Charts.build(Fixtures.runs(RUN)), "workload-capacity-RetireRateBench.writer-primary");
        assertThat(annotations((XYChart) p.chart())).containsOnly("capacity");
        assertThat(p.howToRead()).contains("gus: 10000000 retires/s (every 100ns)").doesNotContain("gus:seal=2ms:");
        assertThat(new Capacity.Result("x", "", 100, "100ns", List.of()).words())
                .isEqualTo("at least 10000000 retires/s (every 100ns), the shortest interval tried");
    }

    @Test
    void categoricalSweepsAreBars() {
        List<Charts.Plot> plots = Charts.build(Fixtures.runs(RUN));
        CategoryChart keys = (CategoryChart) plot(plots, "workload-skewed-keys-ReclamationBench.mixed-primary").chart();
        assertThat(categorySeries(keys)).containsOnlyKeys("ebr", "gus", "hp");
        CategoryChart bystanders = (CategoryChart) plot(plots, "workload-bystanders-BystanderBench").chart();
        assertThat(categorySeries(bystanders)).containsOnlyKeys("gus", "hp");
        assertThat(categorySeries(bystanders).get("gus").getYData()).containsExactly(1000.0, 1005.0);
        Charts.Plot stall = plot(plots, "workload-stall-StallBench.writer-smr.pending.slope");
        assertThat(stall.howToRead()).contains("gus at iteration: growing, +985000 nodes/s").contains("hp at iteration: bounded");
    }

    @Test
    void aLongRunsSeriesCarriesTheFootprintAndGetsItsOwnChart() {
        Run run = Fixtures.runs(RUN).get(0);
        PendingSeries s = run.pending().get(0);
        assertThat(s.footprint()).hasSize(300).startsWith(1000.0, 1050.0);
        assertThat(Charts.build(List.of(run))).anyMatch(p -> p.id().contains("footprint-over-time-LongRunBench.mixed"));
    }

    @Test
    void aSweepWithOnePointIsDrawnOnlyWhereItIsItsFiguresOnlyPanel() {
        Run run = Fixtures.runs(RUN).get(0);
        // the skewed-keys panel at 1 or 4 threads has one key distribution among several panels: not drawn
        List<WorkloadSeries.Panel> keys = WorkloadSeries.of(run, Workloads.byId("skewed-keys").orElseThrow());
        assertThat(keys).allMatch(p -> p.categories().size() >= 2);
        assertThat(keys).extracting(WorkloadSeries.Panel::fixed).allMatch(f -> f.startsWith("2 threads"));
    }

    private static Map<String, org.knowm.xchart.CategorySeries> categorySeries(CategoryChart chart) {
        Map<String, org.knowm.xchart.CategorySeries> byName = new LinkedHashMap<>();
        chart.getSeriesCollection().forEach(s -> byName.put(s.getName(), s));
        return byName;
    }

    private static List<String> annotations(XYChart chart) {
        try {
            java.lang.reflect.Field f = null;
            for (Class<?> c = chart.getClass(); f == null && c != null; c = c.getSuperclass()) {
                try {
                    f = c.getDeclaredField("annotations"); // XChart keeps them out of its API
                } catch (NoSuchFieldException notHere) {
                    // look in the superclass
                }
            }
            if (f == null) {
                throw new NoSuchFieldException("annotations");
            }
            f.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) f.get(chart);
            java.util.Set<String> texts = new java.util.LinkedHashSet<>();
            for (Object a : list) {
                java.lang.reflect.Field t = a.getClass().getDeclaredField("text");
                t.setAccessible(true);
                texts.add((String) t.get(a));
            }
            return List.copyOf(texts);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
