package org.smrlab.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.bench.lab.ForkJvm;
import org.smrlab.bench.lab.JmhBenchmarks;
import org.smrlab.bench.lab.LabOptions;
import org.smrlab.bench.lab.Plan;
import org.smrlab.bench.lab.PlannedTrial;
import org.smrlab.bench.lab.Profiles;
import org.smrlab.bench.lab.RunRecorder;
import org.smrlab.reports.cli.ReportsMain;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.reports.render.HtmlReport;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;
import org.smrlab.smr.Engines;

/**
 * Adding an engine is one file and one registry line: {@link ToyEngine}, and the line in
 * {@code src/test/toy/META-INF/services}. With nothing else edited, the toy is in the engine
 * catalogue with its facts, torture runs it among every safe engine, the lab's smoke profile plans
 * its trials and run.json records it (its canonical spec as a forked JVM built it, its facts), and
 * the reports show it from run.json alone. (Only the suites' {@code @Param} lists, which the lab
 * overrides, do not name it: annotations cannot read a list.)
 */
class ToyEngineTest {

    private static String java() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs a main class in a fresh JVM on this test's class path (which holds the toy's registry line). */
    private static String run(String mainClass, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void theCatalogueHasItWithItsFacts() {
        assertThat(Engines.names()).endsWith("toy");
        assertThat(Engines.safeNames()).contains("toy");
        assertThat(Engines.type("toy").retireBlocks()).isTrue();
        assertThat(Engines.canonical("toy")).isEqualTo("toy:batch=1");
    }

    @Test
    void tortureRunsItAmongTheSafeEngines() throws Exception {
        assertThat(run("org.smrlab.smr.torture.TortureMain", "--help")).contains("toy: a test's toy engine");
        String out = run("org.smrlab.smr.torture.TortureMain", "--engine", "toy", "--seconds", "0.5");
        assertThat(out).startsWith("ok").contains("toy:batch=1").contains("uaf=0 lost=0 double=0").doesNotContain("FAIL");
    }

    @Test
    void theSmokeProfilePlansItAndTheReportShowsIt(@TempDir Path dir) throws Exception {
        JmhBenchmarks benchmarks = JmhBenchmarks.load();
        List<PlannedTrial> smoke = Plan.expand(Profiles.all().get("smoke"), null, 2, benchmarks);
        assertThat(smoke).anyMatch(t -> t.benchmark().endsWith("ReclamationBench.mixed") && "toy".equals(t.params().get("engine")))
                .anyMatch(t -> t.benchmark().endsWith("StallBench.writer") && "toy".equals(t.params().get("engine")));

        // the lab's run.json for the smoke profile narrowed to the toy, its engines built on a forked JVM
        LabOptions o = LabOptions.parse(new String[] {"smoke", "--engines", "toy"});
        List<PlannedTrial> trials = Plan.expand(Profiles.all().get("smoke"), o.engines(), 2, benchmarks);
        ForkJvm jvm = ForkJvm.probe(null, System.getProperty("java.class.path"), RunRecorder.engineSpecs(trials));
        assertThat(jvm.engines()).containsEntry("toy", "toy:batch=1");
        RunInfo info = RunRecorder.start(o, "scripts/lab smoke --engines toy", "2026-11-28T10:00:00Z", jvm, trials, benchmarks,
                Path.of("."));
        RunInfo done = RunRecorder.finish(info, "2026-11-28T10:01:00Z", java.util.Set.of());
        assertThat(done.engines()).containsExactly("toy");
        assertThat(done.facts("toy").orElseThrow().family()).isEqualTo("blocking");

        // its results, as JMH would write them for the reclamation trial (numbers made up: the test is about names)
        Path run = Files.createDirectories(dir.resolve("smoke-20261128-100000"));
        RunJson.write(run.resolve(RunFolder.RUN_JSON), done);
        TrialRecord mixed = done.trials().stream().filter(t -> t.benchmark().endsWith("ReclamationBench.mixed")).findFirst().orElseThrow();
        StringBuilder csv = new StringBuilder("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\"");
        mixed.params().keySet().forEach(k -> csv.append(",\"Param: ").append(k).append('"'));
        csv.append("\r\n");
        String params = String.join(",", mixed.params().values());
        csv.append('"').append(mixed.benchmark()).append("\",\"avgt\",").append(mixed.totalThreads()).append(",1,250.0,NaN,\"ns/op\",")
                .append(params).append("\r\n");
        for (Metric m : Metrics.emitted()) {
            csv.append('"').append(mixed.benchmark()).append(':').append(m.name()).append("\",\"avgt\",").append(mixed.totalThreads())
                    .append(",1,").append(m == Metrics.R2F_P99 ? "7000.0" : "0.0").append(",NaN,\"").append(m.unit()).append("\",")
                    .append(params).append("\r\n");
        }
        Files.writeString(run.resolve(RunFolder.RESULTS_CSV), csv);

        String summary = reports("summary", run.toString());
        assertThat(summary).contains("| toy |").contains("| 7.00 |"); // r2f p99 in µs, from the toy's trial
        assertThat(reports("check-smoke", run.toString())).contains("check-smoke: FAILED").contains("engine gus is missing")
                .doesNotContain("engine toy");
        // the HTML report's engine table, from run.json's catalogue (the page itself is the charts' business)
        assertThat(HtmlReport.engineTables(RunLoader.group(List.of(RunLoader.load(run))))).contains("<td>toy</td><td>blocking</td>");
    }

    private static String reports(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ReportsMain.run(new PrintWriter(out), new PrintWriter(err), args);
        return out + err.toString();
    }
}
