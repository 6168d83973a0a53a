package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.render.SummaryReport;

/**
 * Golden checks of the summary on fixtures/runs/summary-20261128-140000: a run folder whose
 * results.csv (JMH 1.37 CSV format) was written by hand with round numbers, so that every ratio,
 * interval and verdict below can be checked with a pencil. run.json says membarrier is available.
 *
 * <p>Floors: plain load 0.5 ± 0.05, store + full fence 2.0 ± 0.1. Goals, as the fixture has them:
 * gus read 2.2 ± 0.1 → 1.1 [2.1/2.1, 2.3/1.9] = [1.00, 1.21], met; ebr 2.5 ± 0.2 → 1.25
 * [1.10, 1.42], the bound 1.25 inside: within error. hp protect 3.0 ± 0.2 → 1.5 [1.33, 1.68]: not
 * met. qsbr read 0.6 ± 0.05 → 1.2 and quiescent 0.7 ± 0.1 → 1.4 [1.09, 1.78] of a plain load: met.
 * gus-lazy 0.9 ± 0.05 → 0.409 of gus: met; pserialize 1.5 ± 0.1 → 0.682 [0.609, 0.762]: not met;
 * gus-lazy:barrier=fence does not count. Retire at batch 64: gus (batch=default) 3.0 ± 0.2 → 1.5,
 * met; ebr (batch=64) 4.6 ± 0.2 → 2.3 [2.10, 2.53], not met. Profiler overhead: gus 1 thread
 * 100/98 → 1.02 [1.00, 1.04], met; 2 threads 103/100 → 1.03 [0.990, 1.07], within error.
 */
class SummaryTest {

    static final String RUN = Fixtures.SUMMARY;

    private static Summary.RunSummary summary(Path run) {
        return Summary.of(RunLoader.group(List.of(RunLoader.load(run))).get(0), Summary.DEFAULT_FLOOR);
    }

    private static Summary.GoalResult goal(Summary.RunSummary s, String id) {
        return s.goals().stream().filter(g -> g.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no goal " + id));
    }

    private static Summary.Check check(Summary.GoalResult g, String label) {
        return g.checks().stream().filter(c -> c.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + label + " in " + g.checks()));
    }

    private static Summary.EngineRow row(Summary.RunSummary s, String engine) {
        return s.engines().stream().filter(r -> r.engine().equals(engine)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + engine));
    }

    /** A copy of the fixture run that tests may change. */
    private static Path copy(Path dir) throws IOException {
        Path run = dir.resolve("summary-run");
        Files.createDirectories(run);
        for (String f : List.of("run.json", "results.csv")) {
            Files.copy(Fixtures.path(RUN).resolve(f), run.resolve(f));
        }
        return run;
    }

    @Test
    void goalRatiosIntervalsAndVerdicts() {
        Summary.RunSummary s = summary(Fixtures.path(RUN));
        assertThat(s.goals()).extracting(Summary.GoalResult::id)
                .containsExactly("fence", "hp", "qsbr", "membarrier", "retire", "overhead");

        Summary.GoalResult fence = goal(s, "fence");
        assertThat(check(fence, "gus").ratio().value()).isCloseTo(1.1, within(1e-12));
        assertThat(check(fence, "gus").ratio().low()).isCloseTo(1.0, within(1e-12));
        assertThat(check(fence, "gus").ratio().high()).isCloseTo(2.3 / 1.9, within(1e-12));
        assertThat(check(fence, "gus").verdict()).isEqualTo(Summary.Verdict.MET);
        assertThat(check(fence, "ebr").ratio().value()).isCloseTo(1.25, within(1e-12));
        assertThat(check(fence, "ebr").verdict()).isEqualTo(Summary.Verdict.WITHIN_ERROR);
        assertThat(fence.verdict()).isEqualTo(Summary.Verdict.WITHIN_ERROR);

        Summary.GoalResult hp = goal(s, "hp");
        assertThat(check(hp, "hp").ratio().value()).isCloseTo(1.5, within(1e-12));
        assertThat(check(hp, "hp").ratio().low()).isCloseTo(2.8 / 2.1, within(1e-12));
        assertThat(hp.verdict()).isEqualTo(Summary.Verdict.NOT_MET);

        Summary.GoalResult qsbr = goal(s, "qsbr");
        assertThat(check(qsbr, "qsbr emptySection").ratio().value()).isCloseTo(1.2, within(1e-12));
        assertThat(check(qsbr, "qsbr quiescentState").ratio().value()).isCloseTo(1.4, within(1e-12));
        assertThat(check(qsbr, "qsbr quiescentState").ratio().high()).isCloseTo(0.8 / 0.45, within(1e-12));
        assertThat(qsbr.verdict()).isEqualTo(Summary.Verdict.MET);

        Summary.GoalResult membarrier = goal(s, "membarrier");
        assertThat(check(membarrier, "gus-lazy").ratio().value()).isCloseTo(0.9 / 2.2, within(1e-12));
        assertThat(check(membarrier, "gus-lazy").verdict()).isEqualTo(Summary.Verdict.MET);
        assertThat(check(membarrier, "gus-lazy:barrier=fence").applies()).isFalse();
        assertThat(check(membarrier, "gus-lazy:barrier=fence").reason()).isEqualTo("barrier=fence in the spec");
        assertThat(check(membarrier, "pserialize").ratio().value()).isCloseTo(1.5 / 2.2, within(1e-12));
        assertThat(check(membarrier, "pserialize").verdict()).isEqualTo(Summary.Verdict.NOT_MET);
        assertThat(membarrier.verdict()).isEqualTo(Summary.Verdict.NOT_MET);

        Summary.GoalResult retire = goal(s, "retire");
        assertThat(check(retire, "gus (batch=default = 64)").ratio().value()).isCloseTo(1.5, within(1e-12));
        assertThat(check(retire, "gus (batch=default = 64)").verdict()).isEqualTo(Summary.Verdict.MET);
        assertThat(check(retire, "ebr (batch=64)").ratio().value()).isCloseTo(2.3, within(1e-12));
        assertThat(check(retire, "ebr (batch=64)").verdict()).isEqualTo(Summary.Verdict.NOT_MET);
        assertThat(retire.verdict()).isEqualTo(Summary.Verdict.NOT_MET);

        Summary.GoalResult overhead = goal(s, "overhead");
        assertThat(check(overhead, "gus · 1 thread").ratio().value()).isCloseTo(100.0 / 98.0, within(1e-12));
        assertThat(check(overhead, "gus · 1 thread").verdict()).isEqualTo(Summary.Verdict.MET);
        assertThat(check(overhead, "gus · 2 threads").ratio().low()).isCloseTo(100.0 / 101.0, within(1e-12));
        assertThat(check(overhead, "gus · 2 threads").verdict()).isEqualTo(Summary.Verdict.WITHIN_ERROR);
        assertThat(overhead.verdict()).isEqualTo(Summary.Verdict.WITHIN_ERROR);
    }

    @Test
    void rowsFiguresAndChosenTrials() {
        Summary.RunSummary s = summary(Fixtures.path(RUN));
        // the README's order, then others; checked specs are not rows; 2-thread rows do not add engines
        assertThat(s.engines()).extracting(Summary.EngineRow::engine).containsExactly("gus", "gus-deferred", "gus-lazy",
                "gus-lazy:barrier=fence", "qsbr", "ebr", "hp", "pserialize", "rwlock", "none", "myengine");
        Summary.EngineRow gus = row(s, "gus");
        assertThat(gus.read().value().score()).isEqualTo(2.2);
        assertThat(gus.retire().value().score()).as("batch=default, not batch=1").isEqualTo(3.0);
        // the mixed trial: default batch, readRatio and section; the most threads among those (2, not 4)
        assertThat(gus.mixed().key().threads()).isEqualTo(2);
        assertThat(gus.r2f().value().score()).isEqualTo(12345.0);
        assertThat(gus.r2f().value().source()).isEqualTo(Measurement.Source.CSV);
        assertThat(gus.pendingPeak().value().score()).isEqualTo(300.0);
        // stall: iteration wins over 10ms; hp has 1ms and 10ms: the longest
        assertThat(gus.stall().key().params().get("stall")).isEqualTo("iteration");
        assertThat(gus.unbounded()).isTrue();
        assertThat(row(s, "hp").stall().key().params().get("stall")).isEqualTo("10ms");
        assertThat(row(s, "hp").stallPeak().value().score()).isEqualTo(65.0);
        assertThat(row(s, "hp").unbounded()).isFalse();
        // ebr retires at an explicit batch=64, its default; hp has no advance (not GracePeriods)
        assertThat(row(s, "ebr").retire().value().score()).isEqualTo(4.6);
        assertThat(row(s, "hp").advance()).isNull();
        // checked mode: pairs only (gus-deferred:limit=4,checked=true has no plain partner)
        assertThat(s.checked()).extracting(Summary.CheckedRow::engine).containsExactly("gus", "ebr");
        assertThat(s.checked().get(0).ratio().value()).isCloseTo(5.0, within(1e-12));

        String md = SummaryReport.markdown(List.of(s));
        assertThat(md).as("floors by run.json's words, cheapest first")
                .contains("| plain load | StampedLock optimistic | store + full fence | getAndAdd | rwlock read |\n"
                        + "|---:|---:|---:|---:|---:|\n| 0.500 ± 0.050 | 1.50 ± 0.10 | 2.00 ± 0.10 | 3.00 ± 0.20 | 8.00 ± 0.50 |")
                .contains("| gus | 2.20 ± 0.10 | 1.10 | 2.40 ± 0.10 | 1.20 | 30.0 ± 1.0 | 3.00 ± 0.20 | 1.50 | 5.00 ± 0.50 "
                        + "| 12.3 | 300 | 2000070 unbounded |")
                .contains("| hp | 2.40 ± 0.10 | 1.20 | 3.00 ± 0.20 | 1.50 | — | 5.00 ± 0.30 | 2.50 | — | 1.23 | 64 | 65 |")
                .contains("| rwlock | 8.50 ± ? | 4.25 |")
                .contains("| none | 0.300 ± 0.020 | 0.150 | — | — | — | — | — | — | — | 1500000 | — |")
                .contains("- r2f p99, pending peak: ReclamationBench.mixed · 2 threads · batch=default · keys=4096 · readRatio=0.9 · section=lookup\n")
                .contains("- stall: StallBench.writer · 1 thread · batch=default · cap=2000000; stall=iteration for gus; stall=10ms for hp\n")
                .contains("| gus | 2.20 ± 0.10 | 11.00 ± 0.50 | 5.00 |")
                .contains("| gus and ebr empty section within 1.25× of the store + full fence floor | gus 1.10 [1.00, 1.21] met "
                        + "· ebr 1.25 [1.10, 1.42] within error | within error |")
                .contains("| hp protect section within 1.25× of the store + full fence floor | hp 1.50 [1.33, 1.68] | not met |")
                .contains("gus-lazy:barrier=fence n/a (barrier=fence in the spec)")
                .contains("| gus · 1 thread 1.02 [1.00, 1.04] met · gus · 2 threads 1.03 [0.990, 1.07] within error | within error |");
        assertThat(md.indexOf("## summary · AMD EPYC 9R14 ×2 · JDK 25.0.3")).isPositive();
        assertThat(md).contains("membarrier available (membarrier(PRIVATE_EXPEDITED) via FFM on JDK 25)");
    }

    @Test
    void membarrierGoalIsNotApplicableOnAFencedJvm(@TempDir Path dir) throws IOException {
        Path run = copy(dir);
        // the forks' JVM had no membarrier: every engine with barrier=auto called itself barrier=fence there
        Files.writeString(run.resolve("run.json"), Files.readString(run.resolve("run.json"))
                .replace("\"available\": true", "\"available\": false")
                .replace("\"barrier\": \"membarrier\"", "\"barrier\": \"fence\"").replace("barrier=membarrier", "barrier=fence"));
        Summary.GoalResult g = goal(summary(run), "membarrier");
        assertThat(g.verdict()).isEqualTo(Summary.Verdict.NA);
        assertThat(g.checks()).noneMatch(Summary.Check::applies);
        assertThat(SummaryReport.verdict(g)).startsWith("n/a: barrier=fence on this JVM");
        Fixtures.Result r = Fixtures.cli("summary", run);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("gus-lazy n/a (barrier=fence on this JVM)").contains("| n/a: barrier=fence on this JVM");

        // a bare JMH JSON file names its JDK: before 22 there is no membarrier, from 22 on it is unknown
        assertThat(Fixtures.cli("summary", Fixtures.path("bare/readside-jdk17.json")).out())
                .contains("| gus-lazy and pserialize read sides at most half of gus's (with membarrier) | — "
                        + "| n/a: barrier=fence on this JVM |");
        assertThat(Fixtures.cli("summary", Fixtures.path("bare/readside-jdk25.json")).out())
                .contains("n/a: not in this run: ReadSideBench.emptySection (gus-lazy)");
    }

    @Test
    void aMissingBenchmarkShowsADashAndFailsNothing(@TempDir Path dir) throws IOException {
        Path run = copy(dir);
        String csv = Files.readString(run.resolve("results.csv"));
        Files.writeString(run.resolve("results.csv"), csv.lines()
                .filter(l -> !l.contains("ReadSideBench.protectSection") && !l.contains("ReclamationBench.mixed")
                        && !l.contains("ProfilerOverheadBench"))
                .collect(Collectors.joining("\n", "", "\n")));
        Fixtures.Result r = Fixtures.cli("summary", run);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("| gus | 2.20 ± 0.10 | 1.10 | — | — | 30.0 ± 1.0 | 3.00 ± 0.20 | 1.50 | 5.00 ± 0.50 | — | — | 2000070 unbounded |")
                .contains("| hp protect section within 1.25× of the store + full fence floor "
                        + "| — | n/a: not in this run: ReadSideBench.protectSection (hp) |")
                .doesNotContain("r2f p99, pending peak:")
                .doesNotContain("profiler overhead");

        // every fixture, whatever it lacks (other methods, thrpt only, no read side at all), gives a summary
        for (String f : List.of("bare/quick-jdk17.csv", "bare/quick-jdk17.json", "bare/readside-de-locale.csv",
                "bare/readside-jdk17.json", "bare/readside-jdk25.json", "bare/single-iter.csv", "golden/compare-golden.csv",
                Fixtures.QUICK_A, Fixtures.QUICK_B, Fixtures.STALL)) {
            Fixtures.Result each = Fixtures.cli("summary", Fixtures.path(f));
            assertThat(each.code()).as(f + ": " + each.err()).isZero();
            assertThat(each.out()).as(f).startsWith("# smrlab summary");
        }
        Fixtures.Result write = Fixtures.cli("summary", Fixtures.path(Fixtures.WRITE_1), Fixtures.path(Fixtures.WRITE_2));
        assertThat(write.code()).as(write.err()).isZero();
        assertThat(write.out()).contains("| gus:batch=64 | — | — |")
                .contains("- WriteSideBench.advance ran in mode thrpt only; the summary reads average time (avgt, ns/op)");
        assertThat(Fixtures.cli("summary", Fixtures.path(Fixtures.STALL)).out())
                .contains("No figure of the summary in this run");
        assertThat(Fixtures.cli("summary", Fixtures.path(Fixtures.QUICK_A)).out())
                .contains("| gus | — | — | — | — | — | — | — | — | 82.6 | 141 | — |")
                .contains("- r2f p99, pending peak: ReclamationBench.mixed · 1 thread · batch=64\n");
    }

    @Test
    void r2fIsPooledFromTheHlogIntervalsWhereTheRunHasThem(@TempDir Path dir) throws IOException {
        Path run = copy(dir);
        Path hlog = run.resolve("hlog").resolve("org.smrlab.bench.ReclamationBench.mixed@batch=default;engine=gus;keys=4096;"
                + "readRatio=0.9;section=lookup;threads=2@r2f@fork1.hlog");
        Files.createDirectories(hlog.getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(hlog), true, StandardCharsets.UTF_8)) {
            out.println("#[smrlab-hlog 1]");
            out.println("#[benchmark org.smrlab.bench.ReclamationBench.mixed]");
            out.println("#[params batch=default;engine=gus;keys=4096;readRatio=0.9;section=lookup]");
            out.println("#[metric r2f]");
            out.println("#[fork 1]");
            out.println("#[threads 2]");
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLegend();
            for (int interval = 0; interval < 2; interval++) {
                Histogram h = new Histogram(3);
                h.setStartTimeStamp(1_000_000L + 100L * interval);
                h.setEndTimeStamp(1_000_100L + 100L * interval);
                for (long v = 1 + 500L * interval; v <= 500 + 500L * interval; v++) {
                    h.recordValue(v); // 1..1000 ns over two intervals: p99 = 990 ns
                }
                w.outputIntervalHistogram(h);
            }
        }
        Summary.RunSummary s = summary(run);
        assertThat(row(s, "gus").r2f().value().score()).isEqualTo(990.0);
        assertThat(row(s, "gus").r2f().value().source()).isEqualTo(Measurement.Source.POOLED_HLOG);
        assertThat(row(s, "gus").r2f().value().samples()).isEqualTo(2);
        String md = SummaryReport.markdown(List.of(s));
        assertThat(md).contains("| 5.00 ± 0.50 | 0.990 | 300 |")
                .contains("- r2f p99 source: pooled from the trial's .hlog intervals (all intervals of all forks in one histogram), for gus\n")
                .contains("- r2f p99 source: JMH's aggregate as the profiler reported it (JMH csv; no .hlog for the trial), for ebr, hp\n");
    }

    @Test
    void floorOptionCsvAndUsageErrors(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out/summary.csv");
        Fixtures.Result r = Fixtures.cli("summary", Fixtures.path(RUN), "--floor", "floorPlainLoad", "--csv", csv);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| engine | read | ×floor | protect | ×floor | lookup | retire | ×floor |")
                .contains("| gus | 2.20 ± 0.10 | 4.40 |")
                .contains("- ×floor = score ÷ floorPlainLoad (plain load), 1 thread: 0.500 ± 0.050 ns/op")
                // goals keep their own floors
                .contains("gus 1.10 [1.00, 1.21] met");
        String lines = Files.readString(csv);
        assertThat(lines).startsWith("run,section,row,column,benchmark,threads,params,score,error,unit,source,ratio,")
                .contains("\nsummary · AMD EPYC 9R14 ×2 · JDK 25.0.3,engine,gus,read,org.smrlab.bench.ReadSideBench.emptySection,1,"
                        + "engine=gus,2.2,0.1,ns/op,JMH csv,4.4,")
                .contains(",goal,fence,(goal),,,,,,,,,,,within error,")
                .contains(",goal,fence,ebr,,,,,,,,1.25,");
        try (Stream<Path> files = Files.list(csv.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.csv");
        }

        Fixtures.Result bad = Fixtures.cli("summary", Fixtures.path(RUN), "--floor", "floorNope", "--csv", dir.resolve("x.csv"));
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--floor floorNope: no such floor")
                .contains("valid: floorGetAndAdd, floorPlainLoad, floorRwLockRead, floorStampedOptimistic, floorStoreFence");
        assertThat(dir.resolve("x.csv")).doesNotExist();
        Fixtures.Result broken = Fixtures.cli("summary", Fixtures.path(RUN), Fixtures.path("malformed/bad-number.csv"));
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).contains("bad-number.csv:4:5: column 5 (Score): '2.68x768' is not a number");
        assertThat(broken.out()).isEmpty();
    }

    @Test
    void scoresAsJmhGivesThemWithTheError() {
        assertThat(SummaryReport.scoreWithError(3.027696, 0.1234)).isEqualTo("3.03 ± 0.12");
        assertThat(SummaryReport.scoreWithError(3.027696, Double.NaN)).isEqualTo("3.03 ± ?");
        assertThat(SummaryReport.scoreWithError(21.263955, 221.516007)).isEqualTo("21.3 ± 220");
        assertThat(SummaryReport.scoreWithError(1234.5678, 0.0123)).isEqualTo("1234.568 ± 0.012");
        assertThat(SummaryReport.scoreWithError(251179712.82, Double.NaN)).isEqualTo("251000000 ± ?");
        assertThat(SummaryReport.scoreWithError(0.012710, Double.NaN)).isEqualTo("0.0127 ± ?");
    }

    @Test
    void theHtmlReportOpensWithTheSummary(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        Fixtures.Result r = Fixtures.cli("html", Fixtures.path(RUN), "--inline", "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        String html = Files.readString(out.resolve("index.html"));
        int summary = html.indexOf("<h2 id=\"summary\">Summary</h2>");
        assertThat(summary).isPositive().isLessThan(html.indexOf("<h2 id=\"runs\">")).isLessThan(html.indexOf("<h2 id=\"plots\">"));
        assertThat(html).contains("<a href=\"#summary\">Summary</a>")
                .contains("<td class=\"verdict within\">within error</td>")
                .contains("<td class=\"verdict notmet\">not met</td>")
                .contains("<td class=\"verdict met\">met</td>")
                .contains("<th>gus</th><td class=\"num\">2.20 ± 0.10</td><td class=\"num\">1.10</td>");
    }
}
