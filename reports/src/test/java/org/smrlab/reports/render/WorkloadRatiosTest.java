package org.smrlab.reports.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.analysis.Summary;
import org.smrlab.reports.analysis.WorkloadRatios;
import org.smrlab.reports.model.Run;

/**
 * The workloads as ratios between engines (summary's Markdown and CSV), on the fabricated workload run
 * of {@link WorkloadChartsTest}: each engine ÷ gus at the same swept value, with both errors' interval.
 */
class WorkloadRatiosTest {

    private static WorkloadRatios.Table table(List<WorkloadRatios.Table> tables, String workload, String benchmark, String figure) {
        return tables.stream().filter(t -> t.panel().workload().id().equals(workload) && t.panel().benchmark().equals(benchmark)
                        && t.panel().figure().equals(figure)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + workload + " " + benchmark + " " + figure));
    }

    @Test
    void packetsPerThreadOfEachEngineDividedByGusAtEachSize() {
        Run run = Fixtures.runs(WorkloadChartsTest.RUN).get(0);
        WorkloadRatios.Table t = table(WorkloadRatios.of(run), "packets", "PacketBench.packets", "primary");
        assertThat(t.reference()).isEqualTo("gus");
        assertThat(t.xs()).containsExactly("128", "1024");
        assertThat(t.ratios()).containsOnlyKeys("ebr", "hp").doesNotContainKey("gus");
        Summary.Figure gus128 = t.figures().get("gus").get("128");
        assertThat(gus128.value().score()).as("per thread, as the chart").isEqualTo(2.0e6);
        Summary.Figure hp128 = t.figures().get("hp").get("128");
        Summary.Quotient q = t.ratios().get("hp").get("128");
        assertThat(q.value()).isCloseTo(hp128.value().score() / 2.0e6, within(1e-12));
        assertThat(q.low()).isLessThan(q.value());
        assertThat(q.high()).isGreaterThan(q.value());
    }

    @Test
    void theSummaryMarkdownAndCsvCarryTheTables() {
        List<Run> runs = Fixtures.runs(WorkloadChartsTest.RUN);
        List<Summary.RunSummary> s = Summary.of(runs, Summary.DEFAULT_FLOOR);
        String md = SummaryReport.markdown(s);
        assertThat(md).contains("the workloads as ratios between engines")
                .contains("**umaperf packets")
                .contains("| hp ÷ gus |");
        assertThat(SummaryReport.html(s)).as("the page draws them as charts").doesNotContain("hp ÷ gus");
        String csv = SummaryCsv.csv(s);
        assertThat(csv).contains("workload,hp,umaperf packets: score · PacketBench.packets").contains("ratio = hp ÷ gus");
    }

    @Test
    void aFigureThatCrossesZeroIsShownNotDivided() {
        Run run = Fixtures.runs(WorkloadChartsTest.RUN).get(0);
        WorkloadRatios.Table t = table(WorkloadRatios.of(run), "run-length", "LongRunBench.mixed", "smr.pending.slope");
        boolean crosses = t.figures().values().stream().flatMap(m -> m.values().stream()).anyMatch(f -> !(f.value().score() > 0));
        assertThat(t.valuesOnly()).isEqualTo(crosses);
        if (crosses) {
            assertThat(SummaryReport.ratioTable(run, t).rows()).allMatch(r -> !r.get(0).contains("÷"));
        }
    }

    @Test
    void aRatioWithoutBothFiguresIsMissingNotGuessed() {
        assertThat(SummaryReport.interval(null)).isEqualTo("—");
        assertThat(SummaryReport.interval(new Summary.Quotient(1.5, Double.NaN, Double.NaN))).isEqualTo("1.50");
        assertThat(SummaryReport.interval(new Summary.Quotient(1.5, 1.2, Double.POSITIVE_INFINITY))).isEqualTo("1.50 [1.20, ∞]");
    }
}
