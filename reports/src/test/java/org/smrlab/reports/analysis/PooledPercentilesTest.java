package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.input.InputException;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;

/**
 * Percentiles come from the pooled .hlog intervals, not from JMH's mean of per-iteration percentiles.
 *
 * <p>The case: fork 1 frees everything after exactly 100 ns (1000 frees); fork 2 after 1, 2, ..., 1000 ns.
 * Per fork, p99 is 100 and 990; their mean, which is what a profiler that averages iterations reports,
 * is 545. Pooled, the 2000 values have 1100 at or below 100 ns, so the 1980th value (p99) is 980 ns,
 * the 1000th (p50) is 100 ns, the 1998th (p99.9) is 998 ns, and the maximum is 1000 ns.
 */
class PooledPercentilesTest {

    private static final String CSV = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: engine\"\r\n"
            + "\"org.smrlab.bench.ReclamationBench.mixed\",\"thrpt\",1,2,10.0,1.0,\"ops/us\",gus:batch=64\r\n"
            + "\"org.smrlab.bench.ReclamationBench.mixed:smr.r2f.p99\",\"thrpt\",1,2,545.0,NaN,\"ns\",gus:batch=64\r\n"
            + "\"org.smrlab.bench.ReclamationBench.mixed:smr.r2f.p50\",\"thrpt\",1,2,100.0,NaN,\"ns\",gus:batch=64\r\n";

    static void writeHlog(Path file, boolean header, String metric, int fork, List<Consumer<Histogram>> intervals) throws IOException {
        Files.createDirectories(file.getParent());
        try (PrintStream out = new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
            if (header) {
                out.println("#[smrlab-hlog 1]");
                out.println("#[benchmark org.smrlab.bench.ReclamationBench.mixed]");
                out.println("#[params engine=gus:batch=64]");
                out.println("#[metric " + metric + "]");
                out.println("#[fork " + fork + "]");
            }
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputBaseTime(1_000_000L);
            w.outputLegend();
            long t = 1_000_000L;
            for (Consumer<Histogram> fill : intervals) {
                Histogram h = new Histogram(3);
                h.setStartTimeStamp(t);
                h.setEndTimeStamp(t + 100);
                t += 100;
                fill.accept(h);
                w.outputIntervalHistogram(h);
            }
        }
    }

    private static Consumer<Histogram> each(long from, long to, long times) {
        return h -> {
            for (long v = from; v <= to; v++) {
                h.recordValueWithCount(v, times);
            }
        };
    }

    /** The one trial of {@link #CSV}, as the lab's run.json records it. */
    private static void writeRunJson(Path run) throws IOException {
        RunInfo quick = RunJson.read(Fixtures.path(Fixtures.QUICK_A).resolve("run.json"));
        TrialRecord trial = new TrialRecord("org.smrlab.bench.ReclamationBench.mixed", new TreeMap<>(Map.of("engine", "gus:batch=64")),
                List.of(1), "ReclamationBench.mixed engine=gus:batch=64 t=1", new TrialRecord.Length(2, 1, "1s", 1, "1s"), true,
                new TrialRecord.EngineUse("gus", "gus:batch=64", Map.of("batch", "64"), "gus:batch=64,start=1",
                        Map.of("batch", "64", "start", "1"), false), null, TrialRecord.Status.DONE);
        RunJson.write(run.resolve("run.json"), new RunInfo(quick.schema(), quick.profile(), quick.shard(), quick.command(),
                quick.startedAt(), quick.finishedAt(), quick.jvm(), quick.machine(), quick.membarrier(), quick.git(), List.of("gus"),
                quick.catalogue(), quick.benchmarks(), List.of(trial), null));
    }

    /** The trial's files as the lab names them. */
    private static final String STEM = "org.smrlab.bench.ReclamationBench.mixed@engine=gus_batch=64;threads=1@r2f";

    private static Path runFolder(Path dir, boolean headers) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        writeRunJson(run);
        Files.writeString(run.resolve("results.csv"), CSV);
        String stem = STEM;
        // fork 1: 1000 frees after 100 ns, in two intervals; fork 2: 1..1000 ns
        writeHlog(run.resolve("hlog").resolve(stem + "@fork1.hlog"), headers, "r2f", 1, List.of(each(100, 100, 400), each(100, 100, 600)));
        writeHlog(run.resolve("hlog").resolve(stem + "@fork2.hlog"), headers, "r2f", 2, List.of(each(1, 1000, 1)));
        return run;
    }

    private static Measurement metric(Path run, String label) {
        Run r = RunLoader.group(List.of(RunLoader.load(run))).get(0);
        return MetricValues.of(r, r.trials().get(0), label).orElseThrow();
    }

    @Test
    void percentilesArePooledAcrossIntervalsAndForks(@TempDir Path dir) throws IOException {
        Path run = runFolder(dir, true);
        Measurement p99 = metric(run, "smr.r2f.p99");
        assertThat(p99.score()).as("pooled, not the CSV's mean of 545").isEqualTo(980.0);
        assertThat(p99.source()).isEqualTo(Measurement.Source.POOLED_HLOG);
        assertThat(p99.samples()).as("intervals").isEqualTo(3);
        assertThat(p99.errorKnown()).isFalse();
        assertThat(metric(run, "smr.r2f.p50").score()).isEqualTo(100.0);
        assertThat(metric(run, "smr.r2f.p999").score()).isEqualTo(998.0);
        assertThat(metric(run, "smr.r2f.max").score()).isEqualTo(1000.0);
        assertThat(metric(run, MetricValues.PRIMARY).source()).isEqualTo(Measurement.Source.CSV);
    }

    @Test
    void withoutHeadersTheFileNameNamesTheTrial(@TempDir Path dir) throws IOException {
        assertThat(metric(runFolder(dir, false), "smr.r2f.p99").score()).isEqualTo(980.0);
    }

    @Test
    void theComparisonSaysWhichSourceItUsed(@TempDir Path dir) throws IOException {
        Path run = runFolder(dir, true);
        Fixtures.Result r = Fixtures.cli("compare", run, "--metric", "smr.r2f.p99");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("| gus:batch=64 | 980.0 ± ? | 1.00 base | pooled from 3 .hlog intervals |");
    }

    @Test
    void withoutLogsTheCsvValueIsUsed() {
        Run run = Fixtures.runs("bare/quick-jdk17.csv").get(0);
        TrialResult t = run.trials().get(0);
        assertThat(MetricValues.of(run, t, "smr.r2f.p99").orElseThrow().source()).isEqualTo(Measurement.Source.CSV);
    }

    @Test
    void theLabsFixtureRunIsPooled() {
        Run run = Fixtures.runs(Fixtures.QUICK_A).get(0);
        TrialResult gus = run.trials().stream().filter(t -> t.key().params().equals(Map.of("batch", "64", "engine", "gus")))
                .findFirst().orElseThrow();
        Measurement pooled = MetricValues.of(run, gus, "smr.r2f.p99").orElseThrow();
        assertThat(pooled.source()).isEqualTo(Measurement.Source.POOLED_HLOG);
        assertThat(pooled.samples()).isEqualTo(6);
        assertThat(pooled.score()).isNotEqualTo(gus.secondary().get("smr.r2f.p99").score());
    }

    @Test
    void badLogsAreNamedByLineAndField(@TempDir Path dir) throws IOException {
        Path run = runFolder(dir, true);
        Path log = run.resolve("hlog").resolve(STEM + "@fork2.hlog");
        List<String> lines = Files.readAllLines(log);
        int last = lines.size() - 1;
        String[] fields = lines.get(last).split(",");
        lines.set(last, fields[0] + "," + fields[1] + "," + fields[2] + ",HISTFAAAAnotbase64!!");
        Files.write(log, lines);
        assertThatThrownBy(() -> RunLoader.load(run))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("@fork2.hlog:" + (last + 1) + ":" + (fields[0].length() + fields[1].length() + fields[2].length() + 4)
                        + ": field 4: not a compressed histogram");
        Files.writeString(log, "\n\n");
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("@fork2.hlog:1:1: empty file");
    }

    @Test
    void aZeroByteLogFromADeadForkIsIgnoredAndSaidSo(@TempDir Path dir) throws IOException {
        Path run = runFolder(dir, true);
        Path log = run.resolve("hlog").resolve(STEM + "@fork2.hlog");
        Files.write(log, new byte[0]);
        RunInput in = RunLoader.load(run);
        assertThat(in.notes()).singleElement().asString().contains("@fork2.hlog: empty interval log ignored");
        assertThat(metric(run, "smr.r2f.p99").score()).as("fork 1 alone: all 100 ns").isEqualTo(100.0);
        Fixtures.Result r = Fixtures.cli("compare", run, "--metric", "smr.r2f.p99");
        assertThat(r.code()).isZero();
        assertThat(r.err()).contains("reports: note: ").contains("empty interval log ignored");
        assertThat(r.out()).contains("## Notes");
    }

    @Test
    void theLabsNamesCarryTheThreadCount(@TempDir Path dir) throws IOException {
        Path run = dir.resolve("run");
        Files.createDirectories(run);
        writeRunJson(run);
        Files.writeString(run.resolve("results.csv"), CSV);
        // as bench's TrialFiles names them: <benchmark>@<params;threads=T>@<metric>@fork<N>.hlog, here without headers
        Path hlog = run.resolve("hlog");
        writeHlog(hlog.resolve("org.smrlab.bench.ReclamationBench.mixed@engine=gus_batch=64;threads=1@r2f@fork1.hlog"),
                false, "r2f", 1, List.of(each(1, 1000, 1)));
        writeHlog(hlog.resolve("org.smrlab.bench.ReclamationBench.mixed@engine=gus_batch=64;threads=2@r2f@fork1.hlog"),
                false, "r2f", 1, List.of(each(5000, 5000, 10)));
        Measurement p99 = metric(run, "smr.r2f.p99");
        assertThat(p99.score()).as("only the 1-thread log: the trial has 1 thread").isEqualTo(990.0);
        assertThat(p99.samples()).isEqualTo(1);
    }

    @Test
    void aHeaderWithAnotherThreadCountIsAnotherTrial(@TempDir Path dir) throws IOException {
        Path run = runFolder(dir, true);
        for (Path log : List.of(run.resolve("hlog").resolve(STEM + "@fork1.hlog"),
                run.resolve("hlog").resolve(STEM + "@fork2.hlog"))) {
            Files.writeString(log, Files.readString(log).replace("#[fork 1]\n", "#[fork 1]\n#[threads 4]\n")
                    .replace("#[fork 2]\n", "#[fork 2]\n#[threads 4]\n"));
        }
        assertThat(metric(run, "smr.r2f.p99").source()).isEqualTo(Measurement.Source.CSV);
    }

}
