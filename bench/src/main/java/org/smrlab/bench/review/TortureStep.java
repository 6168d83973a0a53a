package org.smrlab.bench.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TortureEvidence;
import org.smrlab.smr.Engines;

/**
 * {@code evidence/torture.json}: the torture harness (readers, writers, thread churn, a reader stalled
 * 1 ms at a time, over the SMR hash set and pool) for every engine of the catalogue, {@code broken}
 * included (it must be caught), a few seconds each, on each JVM of the review: on the JDK 22+ the
 * membarrier read sides of gus-lazy and pserialize are the ones tortured. Each JVM runs
 * {@link TortureEvidenceMain} in its own process.
 */
public final class TortureStep implements EvidenceStep {
    /** Seconds per engine: the full review, the quick one, {@code --tiny}. */
    static final double FULL_SECONDS = 5;
    static final double QUICK_SECONDS = 2;
    static final double TINY_SECONDS = 0.5;
    /** A JVM's start, and a torture run's setup and close, beyond its seconds. */
    static final double OVERHEAD_SECONDS = 2;

    static double seconds(boolean quick, boolean tiny) {
        return tiny ? TINY_SECONDS : quick ? QUICK_SECONDS : FULL_SECONDS;
    }

    /** Every engine of the catalogue, in catalogue order. */
    static List<String> engines() {
        return Engines.names();
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.TORTURE;
    }

    @Override
    public double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22) {
        double one = OVERHEAD_SECONDS + engines().size() * (seconds(quick, tiny) + 0.3);
        return withJdk22 ? 2 * one : one;
    }

    @Override
    public String describe(boolean quick, boolean tiny, boolean withJdk22) {
        return String.format("torture: %d engines x %.1f s%s", engines().size(), seconds(quick, tiny),
                withJdk22 ? ", on both JVMs" : "");
    }

    @Override
    public Evidence run(EvidenceContext c) throws Exception {
        List<TortureEvidence.Run> runs = new ArrayList<>();
        for (SubRun r : SubRun.values()) {
            String java = c.java(r);
            if (java == null) {
                runs.add(new TortureEvidence.Run(r, null, null, Evidence.Status.ABSENT, c.jdk22Absence(), List.of()));
                continue;
            }
            Path out = Files.createDirectories(c.workDir().resolve("torture-" + r.dir()));
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", c.classpath()));
            if (org.smrlab.run.JdkVersion.feature(c.jvm(r).version()).orElse(17) >= org.smrlab.run.JdkVersion.FFM) {
                cmd.add("--enable-native-access=ALL-UNNAMED");
            }
            cmd.addAll(List.of(TortureEvidenceMain.class.getName(), out.toString(), r.name(), String.valueOf(seconds(c.quick(), c.tiny()))));
            cmd.addAll(engines());
            String shown = "java -cp benchmarks.jar " + TortureEvidenceMain.class.getName() + " <dir> " + r.name() + " "
                    + seconds(c.quick(), c.tiny()) + " " + String.join(" ", engines());
            c.say("torture on %s (%s): %d engines x %.1f s", r.dir(), java, engines().size(), seconds(c.quick(), c.tiny()));
            Path log = c.workDir().resolve("torture-" + r.dir() + ".log");
            long limit = Math.round(estimateSeconds(c.quick(), c.tiny(), false) * 4 + 60);
            int rc = Fork.run(cmd, c.root(), log, limit, null);
            if (rc != 0 || !Files.isRegularFile(out.resolve(EvidenceKind.TORTURE.file()))) {
                runs.add(new TortureEvidence.Run(r, c.jvm(r), shown, Evidence.Status.FAILED,
                        (rc < 0 ? "did not finish in " + limit + " s" : "exit " + rc) + "; last lines: " + Fork.tail(log, 5), List.of()));
                continue;
            }
            TortureEvidence.Run got = EvidenceJson.read(TortureEvidence.class, out).runs().get(0);
            runs.add(new TortureEvidence.Run(r, c.jvm(r), shown, got.status(), got.note(), got.engines()));
            for (TortureEvidence.Result res : got.engines()) {
                c.say("  %-8s %s", res.verdict(), res.canonical());
            }
        }
        return new TortureEvidence(TortureEvidence.SCHEMA, runs);
    }
}
