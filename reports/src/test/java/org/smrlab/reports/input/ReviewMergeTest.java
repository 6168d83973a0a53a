package org.smrlab.reports.input;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/** {@code scripts/report merge} on the shards of a review: sub-runs merged, evidence from shard 1, review.json joined. */
class ReviewMergeTest {

    /** A review shard made of a fixture run folder as its jdk17/ sub-run (and, if asked, as jdk25/ too). */
    static Path shard(Path dir, String fixture, int index, boolean jdk25) throws IOException {
        Path review = Files.createDirectories(dir.resolve("review-20260501-100000-shard" + index + "of2"));
        copy(Fixtures.path(fixture), review.resolve(RunFolder.DEFAULT_JVM_DIR));
        if (jdk25) {
            copy(Fixtures.path(fixture), review.resolve(RunFolder.MEMBARRIER_JVM_DIR));
        }
        List<ReviewInfo.EvidenceEntry> evidence = List.of(new ReviewInfo.EvidenceEntry(EvidenceKind.FACTS,
                index == 1 ? Evidence.Status.DONE : Evidence.Status.ABSENT, index == 1 ? null : "written by shard 1"));
        if (index == 1) {
            Path ev = Files.createDirectories(review.resolve(RunFolder.EVIDENCE_DIR));
            EvidenceJson.write(ev, new FactsEvidence(FactsEvidence.SCHEMA, List.of(), List.of(), List.of(), List.of()));
        }
        EvidenceJson.write(review.resolve(RunFolder.REVIEW_JSON), new ReviewInfo(ReviewInfo.SCHEMA, ReviewInfo.FULL,
                new RunInfo.Shard(index, 2), "scripts/lab review --shard " + index + "/2", "2026-05-01T10:0" + index + ":00Z",
                "2026-05-01T10:3" + index + ":00Z", new RunInfo.Git("abc1234", false),
                List.of(new ReviewInfo.SubRunEntry(SubRun.DEFAULT_JVM, RunFolder.DEFAULT_JVM_DIR, Evidence.Status.DONE, "java", 2, null),
                        new ReviewInfo.SubRunEntry(SubRun.MEMBARRIER_JVM, RunFolder.MEMBARRIER_JVM_DIR,
                                jdk25 ? Evidence.Status.DONE : Evidence.Status.ABSENT, jdk25 ? "java25" : null, jdk25 ? 2 : 0,
                                jdk25 ? null : "no JDK 22+ installed")),
                evidence, List.of(new ReviewInfo.Skipped("R12.pool", "no async")), null));
        return review;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    @Test
    void theShardsOfAReviewMergeIntoOneReview(@TempDir Path dir) throws IOException {
        Path s1 = shard(dir, Fixtures.WRITE_1, 1, false);
        Path s2 = shard(dir, Fixtures.WRITE_2, 2, false);
        Path out = dir.resolve("merged");
        Fixtures.Result r = Fixtures.cli("merge", s2, s1, "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 2 shards of the review 'review'");
        ReviewInfo info = EvidenceJson.readReview(out);
        assertThat(info.shard()).isEqualTo(new RunInfo.Shard(1, 1));
        assertThat(info.mergedFrom()).extracting(RunInfo.MergedShard::shard).containsExactly(1, 2);
        assertThat(info.startedAt()).isEqualTo("2026-05-01T10:01:00Z");
        assertThat(info.finishedAt()).isEqualTo("2026-05-01T10:32:00Z");
        assertThat(info.subRun(SubRun.DEFAULT_JVM).orElseThrow().trials()).isEqualTo(4);
        assertThat(info.subRun(SubRun.MEMBARRIER_JVM).orElseThrow().status()).isEqualTo(Evidence.Status.ABSENT);
        assertThat(info.skipped()).hasSize(1);
        RunInput jdk17 = RunLoader.load(out.resolve(RunFolder.DEFAULT_JVM_DIR));
        assertThat(jdk17.info().trials()).hasSize(4);
        assertThat(jdk17.info().shardCount()).isEqualTo(1);
        assertThat(EvidenceJson.read(FactsEvidence.class, out.resolve(RunFolder.EVIDENCE_DIR))).isNotNull();
        assertThat(out.resolve(RunFolder.MEMBARRIER_JVM_DIR)).doesNotExist();
    }

    @Test
    void aSubRunInSomeShardsOnlyOrAMissingShardIsRefused(@TempDir Path dir) throws IOException {
        Path s1 = shard(dir, Fixtures.WRITE_1, 1, true);
        Path s2 = shard(dir, Fixtures.WRITE_2, 2, false);
        Path out = dir.resolve("merged");
        Fixtures.Result r = Fixtures.cli("merge", s1, s2, "--out", out);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("jdk25/ is in shards [1] and absent in [2]").contains("no JDK 22+ installed");
        Fixtures.Result one = Fixtures.cli("merge", s2, "--out", out);
        assertThat(one.code()).isEqualTo(2);
        assertThat(one.err()).contains("review shard [1] of 2 missing");
        Fixtures.Result mixed = Fixtures.cli("merge", s2, Fixtures.path(Fixtures.WRITE_1), "--out", out);
        assertThat(mixed.code()).isEqualTo(2);
        assertThat(mixed.err()).contains("not a review folder");
        assertThat(out).doesNotExist();
    }
}
