package org.smrlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunJsonTest {

    static RunInfo sample() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("batch", "64");
        defaults.put("start", "1");
        defaults.put("checked", "false");
        EngineFacts gus = new EngineFacts("gus", "gus family", "FreeBSD smr(9) default", "FreeBSD sys/kern/subr_smr.c",
                true, false, false, false, false, false, defaults);
        TreeMap<String, String> params = new TreeMap<>(Map.of("engine", "gus", "batch", "default", "stall", "10ms"));
        TrialRecord t = new TrialRecord("org.smrlab.bench.StallBench.writer", params, List.of(2),
                "StallBench.writer batch=default engine=gus stall=10ms t=2", new TrialRecord.Length(1, 1, "1s", 3, "2s"), true,
                new TrialRecord.EngineUse("gus", "gus", Map.of(), "gus:batch=64,start=1", Map.of("batch", "64", "start", "1"), false),
                new TreeMap<>(Map.of("stall", 10_000_000L)), TrialRecord.Status.DONE);
        TreeMap<String, BenchmarkFacts> benchmarks = new TreeMap<>();
        benchmarks.put("org.smrlab.bench.StallBench.writer", new BenchmarkFacts(false,
                new TreeMap<>(Map.of("stall", List.of("10ms"), "engine", List.of("gus", "hp"))), null));
        benchmarks.put("org.smrlab.bench.ReadSideBench.floorPlainLoad", new BenchmarkFacts(false, new TreeMap<>(), "plain load"));
        return new RunInfo(RunInfo.SCHEMA, "stall", new RunInfo.Shard(1, 1), "scripts/lab stall", "2026-11-28T10:00:00Z", null,
                new RunInfo.Jvm("25.0.3", "Eclipse Adoptium", "OpenJDK 64-Bit Server VM", null, List.of("-Xmx2g")),
                new RunInfo.Machine("AMD EPYC", 2, "Linux", "6.18"), new RunInfo.MembarrierStatus(true, "via FFM"),
                new RunInfo.Git("abc1234", false), List.of("gus"), List.of(gus), benchmarks, List.of(t), null);
    }

    @Test
    void writesAndReadsBackTheSameRecord(@TempDir Path dir) throws Exception {
        RunInfo info = sample();
        Path file = dir.resolve(RunFolder.RUN_JSON);
        RunJson.write(file, info);
        RunInfo back = RunJson.read(file);
        assertThat(back).isEqualTo(info);
        assertThat(Files.readString(file)).contains("\"schema\" : \"smrlab-run/2\"").contains("\"status\" : \"done\"")
                .doesNotContain("schema1");
        assertThat(back.facts("gus").orElseThrow().defaultKnobs()).containsExactly(Map.entry("batch", "64"),
                Map.entry("start", "1"), Map.entry("checked", "false"));
        assertThat(back.jvm().feature()).hasValue(25);
        assertThat(Files.exists(dir.resolve("run.json.part"))).isFalse();
    }

    @Test
    void refusesAFieldTheSchemaDoesNotHave() {
        String text = RunJson.write(sample()).replace("\"profile\" :", "\"surprise\" : 1,\n  \"profile\" :");
        assertThatThrownBy(() -> RunJson.read(text)).isInstanceOf(RunFormatException.class)
                .hasMessageContaining("field surprise: not part of smrlab-run/2")
                .satisfies(e -> assertThat(((RunFormatException) e).line()).as("the field's own line").isEqualTo(3));
        String wrongType = RunJson.write(sample()).replace("\"cores\" : 2", "\"cores\" : \"two\"");
        assertThatThrownBy(() -> RunJson.read(wrongType)).hasMessageContaining("field machine.cores");
    }

    @Test
    void refusesUnknownSchemasAndBadShards() {
        assertThatThrownBy(() -> RunJson.read("{\"schema\": \"smrlab-run/9\"}"))
                .hasMessageContaining("unknown schema \"smrlab-run/9\"").hasMessageContaining("smrlab-run/2");
        assertThatThrownBy(() -> RunJson.read("{\"profile\": \"quick\"}")).hasMessageContaining("field schema: missing");
        assertThatThrownBy(() -> RunJson.read("[1]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> RunJson.read("{\"schema\": ")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> RunJson.read(RunJson.write(sample()).replace("\"index\" : 1", "\"index\" : 3")))
                .hasMessageContaining("index 3 of 1 is not a valid shard");
    }

    @Test
    void readsSchema1WithWhatItLacksLeftUnknown() {
        RunInfo v1 = RunJson.read("""
                {"schema": "smrlab-run/1", "profile": "quick", "shard": {"index": 2, "count": 2},
                 "command": "scripts/lab quick", "startedAt": "2026-11-28T10:00:00Z", "finishedAt": "2026-11-28T10:08:12Z",
                 "jdk": {"version": "17.0.15", "vendor": "Debian", "vm": "OpenJDK 64-Bit Server VM"},
                 "jvmArgs": ["-Xmx2g"], "cpu": {"model": "AMD EPYC", "cores": 2}, "os": "Linux", "kernel": "6.18",
                 "membarrier": {"available": false, "status": "no FFM on JDK 17"}, "gitCommit": "abc1234", "gitDirty": true,
                 "engines": ["gus", "ebr"], "trials": 48, "failedTrials": ["ReclamationBench.mixed engine=ebr t=2"]}
                """);
        assertThat(v1.schema1()).isTrue();
        assertThat(v1.shard()).isEqualTo(new RunInfo.Shard(2, 2));
        assertThat(v1.jvm().version()).isEqualTo("17.0.15");
        assertThat(v1.jvm().args()).containsExactly("-Xmx2g");
        assertThat(v1.machineLine()).isEqualTo("AMD EPYC ×2");
        assertThat(v1.membarrier().available()).isFalse();
        assertThat(v1.git()).isEqualTo(new RunInfo.Git("abc1234", true));
        assertThat(v1.engines()).containsExactly("gus", "ebr");
        assertThat(v1.catalogue()).as("unknown in schema 1").isNull();
        assertThat(v1.benchmarks()).isNull();
        assertThat(v1.facts("gus")).isEmpty();
        assertThat(v1.failedTrials()).containsExactly("ReclamationBench.mixed engine=ebr t=2");
        assertThatThrownBy(() -> RunJson.read("{\"schema\": \"smrlab-run/1\", \"cpu\": {\"cores\": \"two\"}}"))
                .hasMessageContaining("field cpu.cores: expected a whole number");
    }

    @Test
    void jdkVersions() {
        assertThat(JdkVersion.feature("17.0.15")).hasValue(17);
        assertThat(JdkVersion.feature("25")).hasValue(25);
        assertThat(JdkVersion.feature("25.0.3+9-LTS")).hasValue(25);
        assertThat(JdkVersion.feature("22-ea")).hasValue(22);
        assertThat(JdkVersion.feature("1.8.0_392")).hasValue(8);
        assertThat(JdkVersion.feature("openjdk")).isEmpty();
        assertThat(JdkVersion.feature(null)).isEmpty();
    }
}
