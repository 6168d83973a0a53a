package org.smrlab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.cli.AtomicOutput;
import org.smrlab.reports.cli.ReportsMain;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;

/** The command line end to end, in-process: exit codes, messages, and no partial output. */
class CommandLineTest {

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void compareWritesMarkdownAndCsv(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("out/cmp.csv");
        Fixtures.Result r = Fixtures.cli("compare", Fixtures.path("golden/compare-golden.csv"), "--csv", csv);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("# smrlab comparison: primary score").contains("| hp | 10.50 ± 0.2000 | 1.05 ≈ |");
        assertThat(Files.readString(csv)).contains(",hp,engine,primary score,10.5,0.2,ns/op,JMH csv,10,gus,1.05,overlap");
        assertThat(names(dir.resolve("out"))).containsExactly("cmp.csv");
    }

    @Test
    void badInputExitsWithTwoNamingFileLineColumnAndWritesNothing(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("cmp.csv");
        Fixtures.Result r = Fixtures.cli("compare", Fixtures.path("golden/compare-golden.csv"),
                Fixtures.path("malformed/bad-number.csv"), "--csv", csv);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad-number.csv:4:5: column 5 (Score): '2.68x768' is not a number");
        assertThat(r.out()).isEmpty();
        assertThat(names(dir)).isEmpty();
        for (String bad : List.of("malformed/empty.csv", "malformed/missing-column.csv", "malformed/truncated.json",
                "malformed/unknown-format.txt", "malformed/short-row.csv")) {
            Fixtures.Result b = Fixtures.cli("compare", Fixtures.path(bad));
            assertThat(b.code()).as(bad).isEqualTo(2);
            assertThat(b.err()).as(bad).containsPattern(Pattern.quote(Fixtures.path(bad).toString()) + ":\\d+(:\\d+)?: ");
        }
        Fixtures.Result missing = Fixtures.cli("compare", dir.resolve("nothing-here"));
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("nothing-here: no such file or folder");
    }

    @Test
    void usageErrorsListWhatIsValid() {
        Fixtures.Result unknownCommand = Fixtures.cli("frobnicate");
        assertThat(unknownCommand.code()).isEqualTo(2);
        assertThat(unknownCommand.err()).contains("commands: compare, summary, plot, html, merge");
        Fixtures.Result unknownOption = Fixtures.cli("compare", "--bogus", "x");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--bogus'").contains("--baseline ENGINE, --metric M, --csv FILE");
        Fixtures.Result noOut = Fixtures.cli("html", Fixtures.path("golden/compare-golden.csv"));
        assertThat(noOut.code()).isEqualTo(2);
        assertThat(noOut.err()).contains("Missing required option: '--out=DIR'");
        Fixtures.Result nothing = Fixtures.cli();
        assertThat(nothing.code()).isEqualTo(2);
        Fixtures.Result metric = Fixtures.cli("compare", Fixtures.path("golden/compare-golden.csv"), "--metric", "smr.nope");
        assertThat(metric.code()).isEqualTo(2);
        assertThat(metric.err()).contains("--metric smr.nope: no trial has it; available: primary, smr.uaf");
        Fixtures.Result baseline = Fixtures.cli("compare", Fixtures.path("golden/compare-golden.csv"), "--baseline", "rcu");
        assertThat(baseline.code()).isEqualTo(2);
        assertThat(baseline.err()).contains("--baseline rcu: no such engine or floor").contains("floorStoreFence").contains("gus-deferred");
        assertThat(Fixtures.cli("--help").code()).isZero();
    }

    @Test
    void plotWritesPngAndSvgAndReplacesOnlyItsOwnFolder(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("plots");
        Fixtures.Result r = Fixtures.cli("plot", Fixtures.path(Fixtures.STALL), "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        List<String> files = names(out);
        assertThat(files).contains(AtomicOutput.MARKER).anyMatch(f -> f.endsWith(".png")).anyMatch(f -> f.endsWith(".svg"));
        assertThat(files.stream().filter(f -> f.endsWith(".png")).count())
                .isEqualTo(files.stream().filter(f -> f.endsWith(".svg")).count());
        assertThat(Fixtures.cli("plot", Fixtures.path(Fixtures.STALL), "--out", out).code()).isZero();
        assertThat(names(dir)).containsExactly("plots");

        Path mine = dir.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("thesis.tex"), "precious");
        Fixtures.Result refused = Fixtures.cli("plot", Fixtures.path(Fixtures.STALL), "--out", mine);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("exists and was not written by reports");
        assertThat(names(mine)).containsExactly("thesis.tex");
    }

    @Test
    void htmlIsSelfContainedAndAFailedRunKeepsThePreviousReport(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        Fixtures.Result r = Fixtures.cli("html", Fixtures.path(Fixtures.QUICK_A), Fixtures.path(Fixtures.QUICK_B),
                Fixtures.path("bare/readside-jdk25.json"), "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("report: " + out.resolve("index.html"));
        String html = Files.readString(out.resolve("index.html"));
        assertThat(html).contains("<h2 id=\"runs\">Runs</h2>").contains("Intel Xeon Platinum 8375C ×4")
                .contains("membarrier(PRIVATE_EXPEDITED) via FFM on JDK 25")
                .contains("smr.r2f.p99").contains("pooled from 6 .hlog intervals")
                .doesNotContain("http://").doesNotContain("https://").doesNotContain("//cdn");
        Matcher img = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int images = 0;
        while (img.find()) {
            images++;
            assertThat(img.group(1)).startsWith("plots/");
            assertThat(out.resolve(img.group(1))).isRegularFile();
        }
        assertThat(images).isGreaterThan(5);

        String before = Files.readString(out.resolve("index.html"));
        Fixtures.Result bad = Fixtures.cli("html", Fixtures.path(Fixtures.QUICK_A), Fixtures.path("malformed/bad-number.csv"), "--out", out);
        assertThat(bad.code()).isEqualTo(2);
        assertThat(Files.readString(out.resolve("index.html"))).isEqualTo(before);
        assertThat(names(dir)).as("no temporary folders left behind").containsExactly("report");
    }

    @Test
    void failedTrialsAreAlerts(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("stall-run");
        Files.createDirectories(run);
        for (String f : List.of("results.csv", "results.json")) {
            Files.copy(Fixtures.path(Fixtures.STALL).resolve(f), run.resolve(f));
        }
        RunInfo info = RunJson.read(Fixtures.path(Fixtures.STALL).resolve("run.json"));
        List<TrialRecord> trials = new ArrayList<>(info.trials());
        trials.add(new TrialRecord("org.smrlab.bench.StallBench.stalledReader", new TreeMap<>(Map.of("engine", "ebr", "stall", "forever")),
                List.of(1), "StallBench.stalledReader engine=ebr stall=forever", null, true, null, null, TrialRecord.Status.FAILED));
        RunJson.write(run.resolve("run.json"), new RunInfo(info.schema(), info.profile(), info.shard(), info.command(),
                info.startedAt(), info.finishedAt(), info.jvm(), info.machine(), info.membarrier(), info.git(), info.engines(),
                info.catalogue(), info.benchmarks(), trials, info.mergedFrom()));
        Fixtures.Result r = Fixtures.cli("compare", run);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("## Alerts").contains("1 trial(s) produced no result in stall-run: StallBench.stalledReader engine=ebr stall=forever");
    }

    @Test
    void htmlInlineIsOneFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        assertThat(Fixtures.cli("html", Fixtures.path(Fixtures.STALL), "--inline", "--out", out).code()).isZero();
        assertThat(names(out)).containsExactly(AtomicOutput.MARKER, "index.html");
        assertThat(Files.readString(out.resolve("index.html"))).contains("<img src=\"data:image/png;base64,iVBOR");
    }

    @Test
    void theLabCanCallTheJarsMainClass() throws IOException {
        // the lab launcher runs: java -jar reports/target/reports.jar html RUN --out RUN/report
        assertThat(Files.readString(Path.of("pom.xml"))).contains("<mainClass>" + ReportsMain.class.getName() + "</mainClass>");
    }
}
