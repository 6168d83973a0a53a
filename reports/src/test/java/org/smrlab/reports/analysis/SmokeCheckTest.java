package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;

/** The smoke check takes its engines from the run's catalogue and its metrics from the metric catalogue; each problem fires. */
class SmokeCheckTest {
    private static final String B = "org.smrlab.bench.ReclamationBench.mixed";
    private static final List<String> CATALOGUE = List.of("gus", "ebr", "hp", "broken");

    /** A smoke-like run folder: one ReclamationBench trial per engine with every emitted metric; smr.uaf = uaf for uafEngine. */
    static Path run(Path dir, List<String> engines, String uafEngine, String uafValue, String dropMetric) throws IOException {
        Path run = Files.createDirectories(dir.resolve("smoke-20261128-000000"));
        StringBuilder csv = new StringBuilder("\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
                + "\"Unit\",\"Param: batch\",\"Param: engine\"\r\n");
        csv.append("\"org.smrlab.bench.ReadSideBench.floorPlainLoad\",\"avgt\",1,1,0.300000,NaN,\"ns/op\",,\r\n");
        List<TrialRecord> trials = new ArrayList<>();
        for (String e : engines) {
            csv.append('"').append(B).append("\",\"avgt\",2,1,300.000000,NaN,\"ns/op\",default,").append(e).append("\r\n");
            for (Metric m : Metrics.emitted()) {
                if (m.name().equals(dropMetric)) {
                    continue;
                }
                String score = m == Metrics.UAF && e.equals(uafEngine) ? uafValue : "0.000000";
                csv.append('"').append(B).append(':').append(m.name()).append("\",\"avgt\",2,1,").append(score)
                        .append(",NaN,\"").append(m.unit()).append("\",default,").append(e).append("\r\n");
            }
            trials.add(new TrialRecord(B, new TreeMap<>(Map.of("batch", "default", "engine", e)), List.of(2),
                    "ReclamationBench.mixed batch=default engine=" + e + " t=2", null, true,
                    new TrialRecord.EngineUse(e, e, Map.of(), e + ":batch=64", Map.of("batch", "64"), false), null,
                    TrialRecord.Status.DONE));
        }
        Files.writeString(run.resolve(RunFolder.RESULTS_CSV), csv);
        List<EngineFacts> catalogue = CATALOGUE.stream().map(n -> new EngineFacts(n, "family", "s", "m", false, true, false,
                false, false, n.equals("broken"), Map.of("batch", "64"))).toList();
        RunJson.write(run.resolve(RunFolder.RUN_JSON), new RunInfo(RunInfo.SCHEMA, "smoke", new RunInfo.Shard(1, 1), "scripts/lab smoke",
                "2026-11-28T00:00:00Z", "2026-11-28T00:01:00Z", null, null, null, null, engines, catalogue, null, trials, null));
        return run;
    }

    private static List<String> check(Path run) {
        return SmokeCheck.check(RunLoader.group(List.of(RunLoader.load(run))).get(0));
    }

    @Test
    void passesACompleteCleanRunAndBrokenMayDetect(@TempDir Path dir) throws IOException {
        assertThat(check(run(dir, List.of("gus", "ebr", "hp"), null, null, null))).isEmpty();
        assertThat(check(run(dir.resolve("b"), List.of("gus", "ebr", "hp", "broken"), "broken", "12.000000", null)))
                .as("the catalogue says broken is unsafe by design").isEmpty();
    }

    @Test
    void firesOnAMissingEngineAMissingMetricAndAUseAfterFree(@TempDir Path dir) throws IOException {
        assertThat(check(run(dir.resolve("a"), List.of("gus", "ebr"), null, null, null)))
                .singleElement().asString().contains("engine hp is missing");
        assertThat(check(run(dir.resolve("b"), List.of("gus", "ebr", "hp"), null, null, Metrics.R2F_P99.name())))
                .hasSize(3).allMatch(p -> p.contains("smr.r2f.p99"));
        assertThat(check(run(dir.resolve("c"), List.of("gus", "ebr", "hp"), "ebr", "3.000000", null)))
                .singleElement().asString().contains("smr.uaf = 3.000").contains("engine=ebr");
        assertThat(check(run(dir.resolve("d"), List.of("gus", "ebr", "hp"), "ebr", "NaN", null))).hasSize(1);
    }

    @Test
    void exitStatusesAndTheNewestRunOfAFolder(@TempDir Path dir) throws IOException {
        run(dir, List.of("gus"), "gus", "1.000000", null);
        Files.createDirectories(dir.resolve(".smoke-20261128-000001.tmp")); // incomplete runs are ignored
        Fixtures.Result r = Fixtures.cli("check-smoke", dir);
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("FAILED").contains("smr.uaf").contains("engine ebr is missing");
        assertThat(Fixtures.cli("check-smoke", dir.resolve("nothing")).code()).isEqualTo(2);
        Fixtures.Result bare = Fixtures.cli("check-smoke", Fixtures.path(Fixtures.QUICK_B));
        assertThat(bare.code()).as("a schema-1 run has no catalogue to check against").isEqualTo(2);
        assertThat(bare.err()).contains("no engine catalogue in run.json");
        Fixtures.Result ok = Fixtures.cli("check-smoke", run(dir.resolve("ok"), List.of("gus", "ebr", "hp"), null, null, null));
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("check-smoke: OK");
    }
}
