package org.smrlab.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.Images;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.w3c.dom.Document;

class ChartsTest {

    private static Charts.Plot plot(List<Charts.Plot> plots, String idPart) {
        return plots.stream().filter(p -> p.id().contains(idPart)).findFirst()
                .orElseThrow(() -> new AssertionError("no plot " + idPart + " in " + plots.stream().map(Charts.Plot::id).toList()));
    }

    /** Series by name (XChart 4 keeps its map package-private). */
    private static <S extends org.knowm.xchart.internal.series.Series> Map<String, S> series(
            org.knowm.xchart.internal.chartpart.Chart<?, S> chart) {
        Map<String, S> byName = new LinkedHashMap<>();
        chart.getSeriesCollection().forEach(s -> byName.put(s.getName(), s));
        return byName;
    }

    @Test
    void latencyAgainstMemoryHasOneSeriesPerEngineAndOnePointPerBatch() {
        List<Run> runs = Fixtures.runs(Fixtures.QUICK_A);
        List<Charts.Plot> plots = Charts.build(runs);
        XYChart chart = (XYChart) plot(plots, "latency-p99-vs-pending-ReclamationBench.mixed").chart();
        assertThat(series(chart)).containsOnlyKeys("ebr", "gus");
        assertThat(chart.getStyler().isXAxisLogarithmic()).isTrue();
        assertThat(chart.getStyler().isYAxisLogarithmic()).isTrue();
        XYSeries gus = series(chart).get("gus");
        assertThat(gus.getXData()).hasSize(2);
        Run run = runs.get(0);
        TrialResult b64 = run.trials().stream()
                .filter(t -> t.key().params().get("engine").equals("gus") && t.key().params().get("batch").equals("64"))
                .findFirst().orElseThrow();
        // batch 1 first, then 64; y is the pooled p99, x the CSV's peak pending
        assertThat(gus.getXData()[1]).isEqualTo(b64.secondary().get("smr.pending.peak").score());
        assertThat(gus.getYData()[1]).isEqualTo(MetricValues.of(run, b64, "smr.r2f.p99").orElseThrow().score());
        assertThat(plot(plots, "latency-p99").howToRead()).contains("pooled from the trial's .hlog intervals");
        assertThat(plot(plots, "latency-p50-vs-footprint")).isNotNull();
    }

    @Test
    void barsHaveEnginesAndFloorsAndOneSeriesPerRun() {
        List<Charts.Plot> plots = Charts.build(Fixtures.runs("bare/quick-jdk17.csv", "bare/readside-jdk25.json"));
        CategoryChart chart = (CategoryChart) plot(plots, "bars-ReadSideBench.enterExit").chart();
        assertThat(series(chart)).containsOnlyKeys("quick-jdk17.csv", "readside-jdk25.json · JDK 25.0.3");
        assertThat(List.<Object>copyOf(series(chart).get("quick-jdk17.csv").getXData()))
                .as("bare files do not say what a floor measures").containsExactly("gus", "ebr", "floor: floorPlainLoad",
                        "floor: floorStoreFence");
        assertThat(series(chart).get("quick-jdk17.csv").getExtraValues()).isNotNull();

        // a run folder's run.json does
        CategoryChart empty = (CategoryChart) plot(Charts.build(Fixtures.runs(Fixtures.SUMMARY)),
                "bars-ReadSideBench.emptySection_avgt_1_thread").chart();
        assertThat(List.<Object>copyOf(series(empty).values().iterator().next().getXData()))
                .contains("floor: plain load", "floor: store + full fence", "floor: StampedLock optimistic");
    }

    @Test
    void threadsAndPendingOverTimeWhereTheDataIsThere() {
        List<Charts.Plot> plots = Charts.build(Fixtures.runs(Fixtures.WRITE_1, Fixtures.WRITE_2, Fixtures.STALL));
        XYChart threads = (XYChart) plot(plots, "threads-WriteSideBench.advance").chart();
        assertThat(series(threads)).containsOnlyKeys("ebr", "gus:batch=64");
        assertThat(series(threads).get("ebr").getXData()).containsExactly(1.0, 2.0);
        XYChart pending = (XYChart) plot(plots, "pending-over-time").chart();
        assertThat(series(pending)).containsOnlyKeys("gus", "hp");
        assertThat(series(pending).get("gus").getYData()).hasSize(41);
        // log y axis (bounded and unbounded engines differ by decades); an empty pipeline is drawn at 1, never 0
        assertThat(pending.getStyler().isYAxisLogarithmic()).isTrue();
        assertThat(series(pending).get("gus").getYData()).isEqualTo(Charts.countsOnLogAxis(series(pending).get("gus").getYData()));
        assertThat(Charts.countsOnLogAxis(new double[] {0, 5, 0.5, 2_000_000})).containsExactly(1, 5, 1, 2_000_000);
        assertThat(Charts.build(Fixtures.runs(Fixtures.QUICK_A))).noneMatch(p -> p.id().contains("pending-over-time") || p.id().contains("threads"));
    }

    @Test
    void pngAndSvgFilesAreDrawnAndWellFormed(@TempDir Path dir) throws Exception {
        List<Charts.Plot> plots = Charts.build(Fixtures.runs(Fixtures.QUICK_A, Fixtures.STALL));
        List<ChartFiles.Written> written = ChartFiles.write(plots, dir);
        assertThat(written).hasSize(plots.size()).hasSizeGreaterThanOrEqualTo(6);
        for (ChartFiles.Written w : written) {
            BufferedImage image = Images.decode(Files.readAllBytes(dir.resolve(w.png())));
            assertThat(image.getWidth()).as(w.png()).isEqualTo(Charts.WIDTH);
            assertThat(image.getHeight()).as(w.png()).isEqualTo(Charts.HEIGHT);
            assertThat(Images.inkShare(image)).as(w.png() + " has something drawn").isGreaterThan(0.02);
            assertThat(Images.distinctColours(image)).as(w.png() + " is not one flat colour").isGreaterThan(20);
            Document svg = Images.parseSvg(Files.readAllBytes(dir.resolve(w.svg())));
            assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(svg.getDocumentElement().getAttribute("viewBox")).isEqualTo("0 0 " + Charts.WIDTH + " " + Charts.HEIGHT);
            assertThat(svg.getElementsByTagNameNS("*", "path").getLength()).as(w.svg() + " draws paths").isGreaterThan(20);
        }
    }

    @Test
    void theBlankCheckCanFail() {
        BufferedImage blank = new BufferedImage(Charts.WIDTH, Charts.HEIGHT, BufferedImage.TYPE_INT_RGB);
        assertThat(Images.inkShare(blank)).isZero();
        assertThat(Images.distinctColours(blank)).isEqualTo(1);
    }
}
