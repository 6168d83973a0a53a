package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.render.CompareReport;

/** Golden checks of the comparison arithmetic on hand-made numbers (fixtures/golden/compare-golden.csv). */
class ComparisonTest {

    private static final String GOLDEN = "golden/compare-golden.csv";
    /** The same rows in a run folder whose run.json names each trial's engine and the knobs its parameter wrote. */
    private static final String GOLDEN_RUN = "runs/golden-20261128-150000";

    private static Comparison.Table table(List<Comparison.Table> tables, String title, Map<String, String> params) {
        return tables.stream().filter(t -> t.key().title().equals(title) && t.key().params().equals(new TreeMap<>(params)))
                .findFirst().orElseThrow(() -> new AssertionError("no table " + title + " " + params + " in "
                        + tables.stream().map(t -> t.key().describe()).toList()));
    }

    private static Comparison.Cell cell(Comparison.Table t, String row, Run run) {
        return t.rows().stream().filter(r -> r.label().equals(row)).findFirst()
                .flatMap(r -> t.cell(r, run)).orElseThrow(() -> new AssertionError("no row " + row));
    }

    @Test
    void ratiosAndOverlapMarks() {
        List<Run> runs = Fixtures.runs(GOLDEN);
        Run run = runs.get(0);
        Comparison.Table read = table(Comparison.build(runs, MetricValues.PRIMARY, "gus"), "GoldenBench.read", Map.of());
        // gus 10 ± 1 is the baseline
        assertThat(cell(read, "gus", run).ratio()).isEqualTo(1.0);
        assertThat(cell(read, "gus", run).mark()).isEqualTo(Comparison.Mark.BASE);
        // ebr 12 ± 0.5: [11.5, 12.5] vs [9, 11] apart
        assertThat(cell(read, "ebr", run).ratio()).isCloseTo(1.2, within(1e-12));
        assertThat(cell(read, "ebr", run).mark()).isEqualTo(Comparison.Mark.DIFFERS);
        // hp 10.5 ± 0.2 inside gus's interval
        assertThat(cell(read, "hp", run).ratio()).isCloseTo(1.05, within(1e-12));
        assertThat(cell(read, "hp", run).mark()).isEqualTo(Comparison.Mark.OVERLAP);
        // qsbr 12 ± 1: [11, 13] touches [9, 11]: closed intervals overlap
        assertThat(cell(read, "qsbr", run).mark()).isEqualTo(Comparison.Mark.OVERLAP);
        // none 20 ± NaN: one sample, no claim
        assertThat(cell(read, "none", run).ratio()).isCloseTo(2.0, within(1e-12));
        assertThat(cell(read, "none", run).mark()).isEqualTo(Comparison.Mark.UNKNOWN);
        // floors join the table as rows named by method
        assertThat(cell(read, "floorStoreFence", run).ratio()).isCloseTo(0.2, within(1e-12));
        assertThat(cell(read, "floorPlainLoad", run).ratio()).isCloseTo(0.05, within(1e-12));
        assertThat(read.rows()).extracting(Comparison.Row::label)
                .containsExactly("gus", "ebr", "hp", "none", "qsbr", "floorPlainLoad", "floorStoreFence");
        assertThat(read.rows().get(5).floor()).isTrue();
    }

    @Test
    void aFloorCanBeTheBaseline() {
        List<Run> runs = Fixtures.runs(GOLDEN);
        Comparison.Table read = table(Comparison.build(runs, MetricValues.PRIMARY, "floorStoreFence"), "GoldenBench.read", Map.of());
        assertThat(read.rows().get(0).label()).isEqualTo("floorStoreFence");
        assertThat(cell(read, "gus", runs.get(0)).ratio()).isCloseTo(5.0, within(1e-12));
        // gus [9, 11] vs floor [1.9, 2.1]
        assertThat(cell(read, "gus", runs.get(0)).mark()).isEqualTo(Comparison.Mark.DIFFERS);
        assertThat(cell(read, "floorStoreFence", runs.get(0)).mark()).isEqualTo(Comparison.Mark.BASE);
    }

    @Test
    void ratiosStayWithinTheirParameterSet() {
        List<Run> runs = Fixtures.runs(GOLDEN);
        Run run = runs.get(0);
        List<Comparison.Table> tables = Comparison.build(runs, MetricValues.PRIMARY, "gus");
        Comparison.Table b1 = table(tables, "GoldenBench.write", Map.of("batch", "1"));
        Comparison.Table b64 = table(tables, "GoldenBench.write", Map.of("batch", "64"));
        assertThat(cell(b1, "ebr", run).ratio()).isCloseTo(0.5, within(1e-12));
        assertThat(cell(b1, "ebr", run).mark()).isEqualTo(Comparison.Mark.DIFFERS);
        assertThat(cell(b64, "ebr", run).ratio()).isCloseTo(1.1, within(1e-12));
        assertThat(cell(b64, "ebr", run).mark()).isEqualTo(Comparison.Mark.OVERLAP);
        assertThat(cell(b64, "none", run).ratio()).isEqualTo(0.0);
        // floors are avgt, 1 thread: they do not join thrpt tables
        assertThat(b64.rows()).noneMatch(Comparison.Row::floor);
    }

    @Test
    void aSweptBatchKnobBecomesAParameter() {
        // a knob written in the engine parameter: only run.json says what the parameter wrote
        List<Run> folder = Fixtures.runs(GOLDEN_RUN);
        Run run = folder.get(0);
        List<Comparison.Table> tables = Comparison.build(folder, MetricValues.PRIMARY, "gus");
        Comparison.Table b1 = table(tables, "GoldenBench.sweep", Map.of("batch", "1"));
        Comparison.Table b64 = table(tables, "GoldenBench.sweep", Map.of("batch", "64"));
        Comparison.Table none = table(tables, "GoldenBench.sweep", Map.of());
        assertThat(b1.rows()).extracting(Comparison.Row::label).containsExactly("gus", "ebr");
        assertThat(b64.rows()).extracting(Comparison.Row::label)
                .containsExactly("gus", "ebr", "gus-deferred:limit=4", "gus-deferred:limit=16");
        assertThat(cell(b64, "ebr", run).ratio()).isCloseTo(1.5, within(1e-12));
        assertThat(cell(b64, "gus-deferred:limit=16", run).ratio()).isCloseTo(0.55, within(1e-12));
        assertThat(none.rows()).extracting(Comparison.Row::label).containsExactly("hp:slots=2");
        assertThat(none.baselineNotes().get(run)).contains("no row 'gus'");
        assertThat(Double.isNaN(cell(none, "hp:slots=2", run).ratio())).isTrue();

        // a bare file's engine parameters are labels only: nothing is parsed out of them, nothing is swept
        List<Comparison.Table> bare = Comparison.build(Fixtures.runs(GOLDEN), MetricValues.PRIMARY, "gus");
        assertThat(table(bare, "GoldenBench.sweep", Map.of()).rows()).extracting(Comparison.Row::label)
                .containsExactly("ebr:batch=1", "ebr:batch=64", "gus-deferred:batch=64,limit=4", "gus-deferred:batch=64,limit=16",
                        "gus:batch=1", "gus:batch=64", "hp:slots=2");
    }

    @Test
    void anAmbiguousBaselineGivesNoRatios() {
        List<Run> runs = Fixtures.runs(GOLDEN_RUN);
        Comparison.Table b64 = table(Comparison.build(runs, MetricValues.PRIMARY, "gus-deferred"), "GoldenBench.sweep", Map.of("batch", "64"));
        assertThat(b64.baselineNotes().get(runs.get(0))).contains("matches [gus-deferred:limit=4, gus-deferred:limit=16]");
        assertThat(b64.cells().values()).allSatisfy(m -> m.values().forEach(c -> assertThat(c.mark()).isEqualTo(Comparison.Mark.NO_BASELINE)));
        Comparison.Table exact = table(Comparison.build(runs, MetricValues.PRIMARY, "gus-deferred:limit=16"), "GoldenBench.sweep", Map.of("batch", "64"));
        assertThat(cell(exact, "gus", runs.get(0)).ratio()).isCloseTo(60.0 / 33.0, within(1e-12));
    }

    @Test
    void markdownAndCsvShowTheArithmetic() {
        List<Run> runs = Fixtures.runs(GOLDEN);
        List<Comparison.Table> tables = Comparison.build(runs, MetricValues.PRIMARY, "gus");
        String md = CompareReport.markdown(runs, tables, MetricValues.PRIMARY, "gus");
        assertThat(md).contains("## GoldenBench.read · avgt · 1 thread (ns/op)")
                .contains("| gus | 10.00 ± 1.000 | 1.00 base |")
                .contains("| ebr | 12.00 ± 0.5000 | 1.20 |")
                .contains("| hp | 10.50 ± 0.2000 | 1.05 ≈ |")
                .contains("| none | 20.00 ± ? | 2.00 ? |")
                .contains("| floorStoreFence (floor) | 2.000 ± 0.1000 | 0.200 |");
        String csv = CompareReport.csv(tables, "gus");
        assertThat(csv.lines().findFirst().orElseThrow())
                .isEqualTo("run,benchmark,mode,threads,params,row,kind,metric,score,error,unit,source,samples,baseline,ratio,mark");
        assertThat(csv).contains("compare-golden.csv,org.smrlab.bench.GoldenBench.read,avgt,1,,hp,engine,primary score,10.5,0.2,ns/op,JMH csv,10,gus,1.05,overlap")
                .contains(",org.smrlab.bench.GoldenBench.read,avgt,1,,none,engine,primary score,20.0,NaN,ns/op,JMH csv,1,gus,2.0,unknown");
    }

    @Test
    void realRunsAreComparedWithinEachRun() {
        List<Run> runs = Fixtures.runs("bare/quick-jdk17.csv", "bare/readside-jdk25.json");
        Comparison.Table t = table(Comparison.build(runs, MetricValues.PRIMARY, "gus"), "ReadSideBench.enterExit", Map.of());
        assertThat(t.runs()).hasSize(2);
        // the numbers JMH wrote, divided within each run
        assertThat(cell(t, "ebr", runs.get(0)).ratio()).isCloseTo(8.054990 / 7.636318, within(1e-12));
        assertThat(cell(t, "ebr", runs.get(1)).ratio()).isCloseTo(4.704558028219185 / 8.139528007461456, within(1e-12));
    }

    @Test
    void formatsSignificantDigits() {
        assertThat(Numbers.sig(1.0, 3)).isEqualTo("1.00");
        assertThat(Numbers.sig(0.0932, 3)).isEqualTo("0.0932");
        assertThat(Numbers.sig(20.577665, 4)).isEqualTo("20.58");
        assertThat(Numbers.sig(1029, 4)).isEqualTo("1029");
        assertThat(Numbers.sig(123456.7, 4)).isEqualTo("123500");
        assertThat(Numbers.sig(9.9996, 4)).isEqualTo("10.00");
        assertThat(Numbers.sig(Double.NaN, 4)).isEqualTo("NaN");
        assertThat(Numbers.NATURAL.compare("batch=64", "batch=128")).isNegative();
        assertThat(Numbers.NATURAL.compare("limit=4", "limit=16")).isNegative();
    }
}
