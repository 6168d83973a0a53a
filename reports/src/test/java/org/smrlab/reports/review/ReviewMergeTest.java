package org.smrlab.reports.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.cli.AtomicOutput;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.ReviewInfo;

/**
 * {@code merge} of a sharded review: the fixture cut into two shards (the first with every trial and the
 * evidence, the second with none, as a shard whose slice was empty) joins back into one review folder
 * that renders like the original.
 */
class ReviewMergeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void shard(Path review, int index, int count) throws IOException {
        ObjectNode info = (ObjectNode) JSON.readTree(review.resolve(RunFolder.REVIEW_JSON).toFile());
        ((ObjectNode) info.get("shard")).put("index", index).put("count", count);
        Files.writeString(review.resolve(RunFolder.REVIEW_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));
        for (String sub : new String[] {"jdk17", "jdk25"}) {
            Path runJson = review.resolve(sub).resolve(RunFolder.RUN_JSON);
            if (Files.exists(runJson)) {
                ObjectNode run = (ObjectNode) JSON.readTree(runJson.toFile());
                ((ObjectNode) run.get("shard")).put("index", index).put("count", count);
                Files.writeString(runJson, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run));
            }
        }
    }

    @Test
    void theShardsOfAReviewJoinIntoOneThatRenders(@TempDir Path tmp) throws IOException {
        Path one = ReviewFixture.copy(tmp.resolve("s1"));
        shard(one, 1, 2);
        Path two = ReviewFixture.copy(tmp.resolve("s2"));
        shard(two, 2, 2);
        AtomicOutput.deleteTree(two.resolve("jdk17"));
        AtomicOutput.deleteTree(two.resolve("jdk25"));
        AtomicOutput.deleteTree(two.resolve(RunFolder.EVIDENCE_DIR));
        ObjectNode info = (ObjectNode) JSON.readTree(two.resolve(RunFolder.REVIEW_JSON).toFile());
        for (JsonNode s : info.get("subRuns")) {
            ((ObjectNode) s).put("status", "ABSENT").put("trials", 0).put("note", "no trials in this shard or selection");
        }
        for (JsonNode e : info.get("evidence")) {
            ((ObjectNode) e).put("status", "ABSENT").put("note", "written by shard 1");
        }
        Files.writeString(two.resolve(RunFolder.REVIEW_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(info));

        Path merged = tmp.resolve("merged");
        Fixtures.Result r = Fixtures.cli("merge", two, one, "--out", merged);
        assertThat(r.code()).as(r.err()).isZero();
        ReviewInfo m = EvidenceJson.readReview(merged);
        assertThat(m.shard().count()).isEqualTo(1);
        assertThat(m.mergedFrom()).extracting(RunInfo.MergedShard::shard).containsExactly(1, 2);
        assertThat(RunJson.read(merged.resolve("jdk17").resolve(RunFolder.RUN_JSON)).shardCount()).isEqualTo(1);
        assertThat(merged.resolve(RunFolder.EVIDENCE_DIR).resolve(RunFolder.LITMUS_JSON)).exists();
        String md = ReviewTest.render(merged, tmp.resolve("out"));
        String original = ReviewTest.render(ReviewFixture.copy(tmp.resolve("orig")), tmp.resolve("out-orig"));
        assertThat(md.substring(md.indexOf("## R1 "))).isEqualTo(original.substring(original.indexOf("## R1 ")));

        // a shard missing is refused, and nothing is written
        Fixtures.Result partial = Fixtures.cli("merge", one, "--out", tmp.resolve("partial"));
        assertThat(partial.code()).isEqualTo(2);
        assertThat(partial.err()).contains("shard [2] of 2 missing");
        assertThat(tmp.resolve("partial")).doesNotExist();
    }
}
