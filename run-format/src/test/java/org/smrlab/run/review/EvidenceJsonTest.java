package org.smrlab.run.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.RunInfo;

class EvidenceJsonTest {
    static final RunInfo.Jvm JVM = new RunInfo.Jvm("17.0.15", "Debian", "OpenJDK 64-Bit Server VM", "17.0.15+6", List.of());

    static LitmusEvidence litmus() {
        return new LitmusEvidence(LitmusEvidence.SCHEMA, List.of(
                new LitmusEvidence.Run(SubRun.DEFAULT_JVM, JVM, "quick", "scripts/litmus --mode quick", Evidence.Status.DONE, null,
                        95.0, List.of(new LitmusEvidence.Test("org.smrlab.litmus.holds.GusExitVsPoll", "gus",
                        new LitmusEvidence.Pair("read node.data", "exit: setRelease(INVALID)", "poll: getAcquire of the record",
                                "free: poison node.data"), LitmusEvidence.Expectation.HOLDS, LitmusEvidence.Verdict.HELD,
                        0, 0, 1_234_567, "OK"))),
                new LitmusEvidence.Run(SubRun.MEMBARRIER_JVM, null, "quick", null, Evidence.Status.ABSENT,
                        "no JDK 22+ installed (scripts/find-jdk22 found none)", null, List.of())));
    }

    static TortureEvidence torture() {
        return new TortureEvidence(TortureEvidence.SCHEMA, List.of(new TortureEvidence.Run(SubRun.DEFAULT_JVM, JVM, "torture",
                Evidence.Status.DONE, null, List.of(
                new TortureEvidence.Result("gus", "gus:batch=64", false, 2.0, 1000, 0, 0, 0, 0, 500, 120, 900, null,
                        TortureEvidence.Verdict.CLEAN),
                new TortureEvidence.Result("broken", "broken", true, 2.0, 1000, 17, 0, 0, 0, 500, 0, 900, null,
                        TortureEvidence.Verdict.CAUGHT)))));
    }

    static TestsEvidence tests() {
        return new TestsEvidence(TestsEvidence.SCHEMA, List.of(new TestsEvidence.Run(SubRun.DEFAULT_JVM, JVM, "mvn surefire:test",
                Evidence.Status.DONE, null, List.of(
                new TestsEvidence.TestCase("org.smrlab.smr.checked.CheckedRulesTest", "exitWithoutEnter(String)[1]",
                        CitedTests.Citation.RULE, "EXIT_WITHOUT_ENTER", null, TestsEvidence.Result.PASSED, 0.012, null),
                new TestsEvidence.TestCase("org.smrlab.smr.usage.UsageExamplesTest", "await()", CitedTests.Citation.USAGE, null,
                        "4 The write side, by example / Await", TestsEvidence.Result.FAILED, 0.5, "expected true")))));
    }

    static SourceEvidence source() {
        return new SourceEvidence(SourceEvidence.SCHEMA, "abc1234", false,
                List.of(new SourceEvidence.SourceFile("smr-impls/src/main/java/org/smrlab/smr/pool/SmrPool.java", 320, 180)),
                List.of(new SourceEvidence.Mechanism("poison", true, "freed nodes are poisoned and checked when reused",
                        List.of(new SourceEvidence.Region("smr-impls/src/main/java/org/smrlab/smr/pool/PooledNode.java", 40, 52)),
                        13, 9)));
    }

    static FactsEvidence facts() {
        return new FactsEvidence(FactsEvidence.SCHEMA,
                List.of(new FactsEvidence.AccessMode("VarHandle.setRelease", "atomic_store_release", "membar_release",
                        "earlier loads and stores before the store", "gus exit")),
                List.of(new FactsEvidence.DeprecatedBarrier("membar_exit", "netbsd-10", "membar_release")),
                List.of(new FactsEvidence.RuleFact("EXIT_WITHOUT_ENTER", "every exit() closes an enter()", "smr_exit")),
                List.of(new FactsEvidence.NamedValue("pool.bucket", "64", "nodes", "nodes per depot chunk", "SmrPool.BUCKET")));
    }

    @Test
    void everyKindRoundTrips(@TempDir Path dir) throws Exception {
        List<Evidence> all = List.of(litmus(), torture(), tests(), source(), facts());
        assertThat(all).extracting(e -> EvidenceJson.kindOf(e.getClass())).containsExactly(EvidenceKind.values());
        for (Evidence e : all) {
            Path file = EvidenceJson.write(dir, e);
            assertThat(file.getFileName().toString()).isEqualTo(EvidenceJson.kindOf(e.getClass()).file());
            assertThat(EvidenceJson.read(EvidenceJson.kindOf(e.getClass()), dir)).isEqualTo(e);
        }
        assertThat(EvidenceJson.read(LitmusEvidence.class, dir)).isEqualTo(litmus());
        assertThat(dir.resolve(RunFolder.LITMUS_JSON + ".part")).doesNotExist();
    }

    @Test
    void strictReading(@TempDir Path dir) throws Exception {
        String text = EvidenceJson.write(torture());
        assertThatThrownBy(() -> EvidenceJson.read(EvidenceKind.LITMUS, text))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("expected \"" + LitmusEvidence.SCHEMA + "\"");
        String extra = text.replaceFirst("\"spec\"", "\"flavour\" : 1,\n \"spec\"");
        assertThatThrownBy(() -> EvidenceJson.read(EvidenceKind.TORTURE, extra))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("field flavour").hasMessageContaining("known here");
        assertThatThrownBy(() -> EvidenceJson.read(EvidenceKind.TORTURE, "")).hasMessageContaining("empty file");
        assertThatThrownBy(() -> EvidenceJson.read(EvidenceKind.TORTURE, "{")).hasMessageContaining("not valid JSON");
        Files.writeString(dir.resolve(RunFolder.FACTS_JSON), "[1]");
        assertThatThrownBy(() -> EvidenceJson.read(EvidenceKind.FACTS, dir)).hasMessageContaining(RunFolder.FACTS_JSON)
                .hasMessageContaining("expected a JSON object");
    }

    @Test
    void reviewJsonRoundTrips(@TempDir Path out) throws Exception {
        Path dir = Files.createDirectories(out.resolve(RunFolder.inProgressName("review-quick-20260501-100000")));
        ReviewInfo info = new ReviewInfo(ReviewInfo.SCHEMA, ReviewInfo.QUICK, new RunInfo.Shard(1, 1), "scripts/lab review --quick",
                "2026-05-01T10:00:00Z", null, new RunInfo.Git("abc1234", false),
                List.of(new ReviewInfo.SubRunEntry(SubRun.DEFAULT_JVM, RunFolder.DEFAULT_JVM_DIR, Evidence.Status.DONE, "/usr/bin/java", 120,
                                null),
                        new ReviewInfo.SubRunEntry(SubRun.MEMBARRIER_JVM, RunFolder.MEMBARRIER_JVM_DIR, Evidence.Status.ABSENT, null, 0,
                                "no JDK 22+ installed")),
                List.of(new ReviewInfo.EvidenceEntry(EvidenceKind.LITMUS, Evidence.Status.DONE, null)),
                List.of(new ReviewInfo.Skipped("R12.pool", "pserialize:async=true: unknown knob")), null);
        EvidenceJson.write(dir.resolve(RunFolder.REVIEW_JSON), info);
        assertThat(EvidenceJson.readReview(dir)).isEqualTo(info);
        assertThat(info.quick()).isTrue();
        assertThat(info.subRun(SubRun.MEMBARRIER_JVM).orElseThrow().status()).isEqualTo(Evidence.Status.ABSENT);
        assertThat(RunFolder.isCompleteReview(dir)).as("in progress").isFalse();
        Path done = RunFolder.complete(dir, out, "review-quick-20260501-100000");
        assertThat(RunFolder.isCompleteReview(done)).isTrue();
        assertThat(RunFolder.isComplete(done)).isFalse();
        assertThat(RunFolder.newest(done.getParent(), ReviewInfo.QUICK)).hasValue(done);
    }

    @Test
    void verdictsSayWhatTheSuiteAccepts() {
        assertThat(LitmusEvidence.Verdict.HELD.acceptable()).isTrue();
        assertThat(LitmusEvidence.Verdict.DID_NOT_FAIL.acceptable()).isFalse();
        assertThat(LitmusEvidence.Verdict.MISSING.acceptable()).isFalse();
        assertThat(TortureEvidence.Verdict.MISSED.acceptable()).isFalse();
        assertThat(TortureEvidence.Verdict.CAUGHT.acceptable()).isTrue();
    }
}
