package org.smrlab.reports.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.RunInput;
import org.smrlab.reports.model.TrialResult;

class MergeTest {

    @Test
    void mergedShardsAreOneRunWithTheSameTrials(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("write-merged");
        Fixtures.Result r = Fixtures.cli("merge", Fixtures.path(Fixtures.WRITE_2), Fixtures.path(Fixtures.WRITE_1), "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 2 shards of 'write · AMD EPYC 9R14 ×2 · JDK 17.0.15'");
        RunInput merged = RunLoader.load(out);
        assertThat(merged.info().shardIndex()).isEqualTo(1);
        assertThat(merged.info().shardCount()).isEqualTo(1);
        assertThat(merged.info().mergedFrom()).extracting(m -> m.shard()).containsExactly(1, 2);
        assertThat(merged.info().trials()).hasSize(4);
        assertThat(merged.info().catalogue()).isNotEmpty();
        assertThat(merged.info().engines()).as("the catalogue's order").containsExactly("gus", "ebr");
        assertThat(merged.results().trials()).hasSize(4);

        // the CSV is rewritten in JMH's layout and reads back to the same trials as the JSON
        ResultFile csv = JmhCsvReader.read(out.resolve("results.csv"), Files.readString(out.resolve("results.csv")));
        assertThat(csv.trials()).extracting(TrialResult::key).containsExactlyInAnyOrderElementsOf(
                merged.results().trials().stream().map(TrialResult::key).toList());
        assertThat(Files.readString(out.resolve("results.csv"))).startsWith(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: engine\"\r\n"
                        + "\"org.smrlab.bench.WriteSideBench.advance\",\"thrpt\",1,3,");

        // comparing the merged run or its shards gives the same tables
        Fixtures.Result fromShards = Fixtures.cli("compare", Fixtures.path(Fixtures.WRITE_1), Fixtures.path(Fixtures.WRITE_2));
        Fixtures.Result fromMerged = Fixtures.cli("compare", out);
        assertThat(tablesOf(fromMerged.out())).isEqualTo(tablesOf(fromShards.out()));
    }

    private static String tablesOf(String markdown) {
        return markdown.substring(markdown.indexOf("\n## WriteSideBench"));
    }

    @Test
    void mergeRefusesWhatIsNotOneCompleteRun(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("m");
        Fixtures.Result missing = Fixtures.cli("merge", Fixtures.path(Fixtures.WRITE_1), "--out", out);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("shard [2] of 2 of 'write · AMD EPYC 9R14 ×2 · JDK 17.0.15' missing");
        Fixtures.Result different = Fixtures.cli("merge", Fixtures.path(Fixtures.WRITE_1), Fixtures.path(Fixtures.QUICK_A), "--out", out);
        assertThat(different.code()).isEqualTo(2);
        assertThat(different.err()).contains("not shards of one run");
        Fixtures.Result bare = Fixtures.cli("merge", Fixtures.path("bare/quick-jdk17.csv"), "--out", out);
        assertThat(bare.code()).isEqualTo(2);
        assertThat(bare.err()).contains("merge takes run folders");
        Fixtures.Result unsharded = Fixtures.cli("merge", Fixtures.path(Fixtures.QUICK_A), "--out", out);
        assertThat(unsharded.code()).isEqualTo(2);
        assertThat(unsharded.err()).contains("is not sharded (shard 1 of 1): nothing to merge");
        Files.createDirectories(out);
        Fixtures.Result exists = Fixtures.cli("merge", Fixtures.path(Fixtures.WRITE_1), Fixtures.path(Fixtures.WRITE_2), "--out", out);
        assertThat(exists.code()).isEqualTo(2);
        assertThat(exists.err()).contains("exists; choose a new --out folder");
        try (var s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(out);
        }
        try (var s = Files.list(out)) {
            assertThat(s.toList()).isEmpty();
        }
    }

    @Test
    void aTrialInTwoShardsIsAnError(@TempDir Path dir) throws IOException {
        Path copy = dir.resolve("shard2");
        Files.createDirectories(copy);
        Files.copy(Fixtures.path(Fixtures.WRITE_1).resolve("results.json"), copy.resolve("results.json"));
        Files.writeString(copy.resolve("run.json"), Files.readString(Fixtures.path(Fixtures.WRITE_1).resolve("run.json"))
                .replace("\"index\": 1", "\"index\": 2"));
        Fixtures.Result r = Fixtures.cli("merge", Fixtures.path(Fixtures.WRITE_1), copy, "--out", dir.resolve("m"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("appears twice in one run");
        assertThat(List.of(dir.resolve("m"))).allSatisfy(p -> assertThat(p).doesNotExist());
    }
}
