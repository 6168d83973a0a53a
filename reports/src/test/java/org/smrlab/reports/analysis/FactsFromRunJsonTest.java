package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.input.RunLoader;

/**
 * Every engine fact the reports use comes from run.json; where a run lacks it (a bare result file,
 * a run folder of schema 1), the reports say it is unknown instead of guessing.
 */
class FactsFromRunJsonTest {

    private static Summary.RunSummary summary(Path run) {
        return Summary.of(RunLoader.group(List.of(RunLoader.load(run))).get(0), Summary.DEFAULT_FLOOR);
    }

    /** The summary fixture with run.json replaced by the schema-1 file an older lab wrote for it. */
    private static Path schema1(Path dir) throws IOException {
        Path run = Files.createDirectories(dir.resolve("summary-v1"));
        Files.copy(Fixtures.path(Fixtures.SUMMARY).resolve("results.csv"), run.resolve("results.csv"));
        Files.writeString(run.resolve("run.json"), """
                {"schema": "smrlab-run/1", "profile": "summary", "shard": {"index": 1, "count": 1},
                 "command": "scripts/lab standard", "startedAt": "2026-11-28T14:00:00Z", "finishedAt": "2026-11-28T14:45:00Z",
                 "jdk": {"version": "25.0.3", "vendor": "Eclipse Adoptium", "vm": "OpenJDK 64-Bit Server VM"},
                 "jvmArgs": ["-Xmx2g"], "cpu": {"model": "AMD EPYC 9R14", "cores": 2}, "os": "Linux", "kernel": "6.1",
                 "membarrier": {"available": true, "status": "membarrier(PRIVATE_EXPEDITED) via FFM on JDK 25"},
                 "gitCommit": "0000000", "gitDirty": false, "engines": ["gus"], "trials": 50,
                 "failedTrials": ["StallBench.writer engine=ebr stall=iteration t=1"]}
                """);
        return run;
    }

    @Test
    void theCatalogueOrdersTheRowsAndSaysWhichEnginesHaveAWriteSide() {
        Summary.RunSummary s = summary(Fixtures.path(Fixtures.SUMMARY));
        // run.json's catalogue order; myengine, which it does not know, last
        assertThat(s.engines()).extracting(Summary.EngineRow::engine).startsWith("gus", "gus-deferred", "gus-lazy")
                .endsWith("rwlock", "none", "myengine");
        Summary.EngineRow hp = s.engines().stream().filter(r -> r.engine().equals("hp")).findFirst().orElseThrow();
        assertThat(hp.advance()).as("the catalogue: hp has no write side").isNull();
        assertThat(s.floors()).extracting(Summary.Floor::name).contains("store + full fence", "plain load");
    }

    @Test
    void aSchema1RunOpensWithItsFactsUnknown(@TempDir Path dir) throws IOException {
        Path run = schema1(dir);
        Summary.RunSummary s = summary(run);
        assertThat(s.run().notes()).anyMatch(n -> n.contains("schema smrlab-run/1") && n.contains("unknown"));
        // no catalogue: rows by name; specs are labels, so checked-mode specs are rows of their own
        assertThat(s.engines()).extracting(Summary.EngineRow::engine).startsWith("ebr", "ebr:checked=true", "gus");
        assertThat(s.checked()).as("pairing needs the knobs in effect").isEmpty();
        // floors by method: what they measure is not recorded
        assertThat(s.floors()).extracting(Summary.Floor::name).contains("floorStoreFence");
        // retire at batch 64: batch=default may or may not be 64 without the catalogue
        Summary.GoalResult retire = s.goals().stream().filter(g -> g.id().equals("retire")).findFirst().orElseThrow();
        assertThat(retire.checks()).extracting(Summary.Check::reason).contains("WriteSideBench.retire (gus, batch=64)");
        // membarrier available, but whether gus-lazy used it is unknown without its knobs
        Summary.GoalResult membarrier = s.goals().stream().filter(g -> g.id().equals("membarrier")).findFirst().orElseThrow();
        assertThat(membarrier.checks()).anyMatch(c -> c.label().equals("gus-lazy") && !c.applies()
                && c.reason().contains("unknown (no engine knobs in run.json)"));
        Fixtures.Result r = Fixtures.cli("summary", run);
        assertThat(r.code()).as(r.err()).isZero();
        Fixtures.Result html = Fixtures.cli("html", run, "--out", dir.resolve("report"));
        assertThat(html.code()).as(html.err()).isZero();
        assertThat(Files.readString(dir.resolve("report").resolve("index.html")))
                .contains("smrlab-run/1").contains("unknown (no engine catalogue in run.json)")
                .contains("1 trial(s) produced no result in summary-v1: StallBench.writer engine=ebr stall=iteration t=1");
    }

    @Test
    void alertsTakeUnsafeByDesignFromTheCatalogue(@TempDir Path dir) throws IOException {
        Path run = SmokeCheckTest.run(dir, List.of("gus", "broken"), "broken", "5.000000", null);
        assertThat(Alerts.of(RunLoader.group(List.of(RunLoader.load(run))))).as("broken is unsafe by design").isEmpty();
        Path gus = SmokeCheckTest.run(dir.resolve("g"), List.of("gus", "broken"), "gus", "5.000000", null);
        assertThat(Alerts.of(RunLoader.group(List.of(RunLoader.load(gus))))).singleElement().asString()
                .contains("use-after-free detected").doesNotContain("unknown");
        // the same rows in a bare CSV: nothing says broken is unsafe, so its detections are reported, and the alert says why
        Path bare = dir.resolve("bare.csv");
        Files.copy(run.resolve("results.csv"), bare);
        assertThat(Alerts.of(RunLoader.group(List.of(RunLoader.load(bare))))).singleElement().asString()
                .contains("use-after-free detected").contains("whether broken is unsafe by design is unknown");
    }
}
