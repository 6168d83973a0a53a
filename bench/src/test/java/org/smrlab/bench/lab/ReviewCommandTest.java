package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SourceEvidence;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TortureEvidence;

/** {@code scripts/lab review}: its options, its dry run, and a tiny real run end to end. */
class ReviewCommandTest {

    /** Runs the launcher without exiting; returns {status, stdout, stderr}. */
    static Object[] launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Lab.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Object[] {rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badOptionsExit2NamingWhatIsValidAndCreateNothing(@TempDir Path out) {
        Object[] r = launch("review", "--quik", "--out", out.toString());
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[2]).contains("unknown option '--quik'").contains("--quick", "--no-jdk22", "--shard");
        assertThat((String) launch("review", "--only", "R99")[2]).contains("'R99' is neither a question").contains("R16");
        assertThat((String) launch("review", "--evidence", "litmus,dice")[2]).contains("unknown kind 'dice'").contains("torture");
        assertThat((String) launch("review", "--shard", "3/2")[2]).contains("expected i/n");
        assertThat((String) launch("review", "quick")[2]).contains("unexpected argument 'quick'");
        assertThat((String) launch("review", "--quick=yes")[2]).contains("--quick takes no value");
        assertThat(out.toFile().list()).isEmpty();
    }

    @Test
    void theDryRunPrintsBothSubRunsTheEvidenceAndTheEstimate() {
        Object[] r = launch("review", "--quick", "--dry-run", "--no-jdk22");
        assertThat(r[0]).isEqualTo(0);
        String text = (String) r[1];
        assertThat(text).contains("review plan: review-quick").contains(RunFolder.DEFAULT_JVM_DIR + "/ on ")
                .contains(RunFolder.MEMBARRIER_JVM_DIR + "/ on ").contains("ABSENT: left out by --no-jdk22")
                .contains("ReclamationBench.mixed").contains(RunFolder.LITMUS_JSON).contains(RunFolder.TESTS_JSON)
                .contains("total: estimated");
        Object[] shard = launch("review", "--dry-run", "--shard", "2/3", "--no-jdk22");
        assertThat((String) shard[1]).contains("shard 2/3").contains("shard 1 writes it");
    }

    @Test
    void aTinyReviewWritesTheLayoutEndToEnd(@TempDir Path out) throws Exception {
        String root = Path.of("..").toAbsolutePath().normalize().toString();
        String before = System.getProperty("smrlab.root");
        System.setProperty("smrlab.root", root);
        System.setProperty("jmh.ignoreLock", "true"); // other JMH runs on a shared machine hold /tmp/jmh.lock
        Object[] r;
        try {
            r = launch("review", "--quick", "--tiny", "--only", "R5.floorLoad", "--evidence", "facts,source,torture", "--no-jdk22",
                    "--no-render", "--out", out.toString());
        } finally {
            if (before == null) {
                System.clearProperty("smrlab.root");
            } else {
                System.setProperty("smrlab.root", before);
            }
        }
        assertThat(r[0]).as("exit status; output:\n%s\n%s", r[1], r[2]).isEqualTo(0);
        List<Path> folders;
        try (Stream<Path> s = Files.list(out)) {
            folders = s.toList();
        }
        assertThat(folders).as("one complete folder, nothing in progress").hasSize(1);
        Path review = folders.get(0);
        assertThat(review.getFileName().toString()).startsWith(ReviewInfo.QUICK + "-");
        assertThat(RunFolder.isCompleteReview(review)).isTrue();
        ReviewInfo info = EvidenceJson.readReview(review);
        assertThat(info.finishedAt()).isNotNull();
        assertThat(info.subRun(SubRun.MEMBARRIER_JVM).orElseThrow().status()).isEqualTo(Evidence.Status.ABSENT);
        assertThat(info.subRun(SubRun.MEMBARRIER_JVM).orElseThrow().note()).contains("--no-jdk22");
        assertThat(info.subRun(SubRun.DEFAULT_JVM).orElseThrow().status()).isEqualTo(Evidence.Status.DONE);
        assertThat(review.resolve(RunFolder.MEMBARRIER_JVM_DIR)).doesNotExist();
        RunInfo jdk17 = RunJson.read(review.resolve(RunFolder.DEFAULT_JVM_DIR).resolve(RunFolder.RUN_JSON));
        assertThat(jdk17.profile()).isEqualTo(ReviewInfo.QUICK);
        assertThat(jdk17.trials()).hasSize(1).allMatch(t -> t.status() == TrialRecord.Status.DONE);
        assertThat(review.resolve(RunFolder.DEFAULT_JVM_DIR).resolve(RunFolder.RESULTS_CSV)).isRegularFile();
        Path evidence = review.resolve(RunFolder.EVIDENCE_DIR);
        assertThat(EvidenceJson.read(FactsEvidence.class, evidence).rules()).isNotEmpty();
        assertThat(EvidenceJson.read(SourceEvidence.class, evidence).mechanisms()).isNotEmpty();
        TortureEvidence torture = EvidenceJson.read(TortureEvidence.class, evidence);
        assertThat(torture.runs()).hasSize(2);
        assertThat(torture.runs().get(1).status()).isEqualTo(Evidence.Status.ABSENT);
        assertThat(torture.runs().get(0).engines()).isNotEmpty().allMatch(e -> e.verdict().acceptable())
                .anyMatch(e -> e.verdict() == TortureEvidence.Verdict.CAUGHT);
        assertThat(info.evidence()).filteredOn(e -> e.kind() == EvidenceKind.LITMUS)
                .allMatch(e -> e.status() == Evidence.Status.ABSENT && e.note().contains("--evidence"));
        assertThat(evidence.resolve(RunFolder.LITMUS_JSON)).doesNotExist();
    }
}
