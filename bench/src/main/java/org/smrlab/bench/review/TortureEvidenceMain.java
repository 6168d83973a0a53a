package org.smrlab.bench.review;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TortureEvidence;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Spec;
import org.smrlab.smr.torture.Torture;

/**
 * Runs the torture harness in the JVM it is started on, one engine after another, and writes what it
 * found as a {@code torture.json} of one run (run-format's format): the review command starts it on
 * each of its JVMs ({@link TortureStep}) and joins the runs. Arguments: the output folder, the
 * sub-run's name ({@link SubRun}), the seconds per engine, then the engine specs.
 */
public final class TortureEvidenceMain {
    private TortureEvidenceMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Paths.get(args[0]);
        SubRun subRun = SubRun.valueOf(args[1]);
        double seconds = Double.parseDouble(args[2]);
        List<TortureEvidence.Result> results = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String spec = args[i];
            boolean unsafe = Engines.type(Spec.parse(spec).engine()).unsafeByDesign();
            Torture.Result r = Torture.run(Torture.Config.builder(spec).seconds(seconds).build());
            System.out.println("[torture] " + r.summaryLine(unsafe));
            results.add(result(spec, unsafe, r));
        }
        RunInfo.Jvm jvm = new RunInfo.Jvm(System.getProperty("java.version"), System.getProperty("java.vendor"),
                System.getProperty("java.vm.name"), System.getProperty("java.vm.version"), List.of());
        TortureEvidence e = new TortureEvidence(TortureEvidence.SCHEMA, List.of(new TortureEvidence.Run(subRun, jvm, null,
                Evidence.Status.DONE, null, results)));
        Files.createDirectories(dir);
        EvidenceJson.write(dir, e);
    }

    /** One harness result as the evidence records it; the verdict is the harness's own ({@link Torture.Result#ok}, {@code caught}). */
    static TortureEvidence.Result result(String spec, boolean expectDetections, Torture.Result r) {
        TortureEvidence.Verdict v = expectDetections ? (r.caught() ? TortureEvidence.Verdict.CAUGHT : TortureEvidence.Verdict.MISSED)
                : (r.ok() ? TortureEvidence.Verdict.CLEAN : TortureEvidence.Verdict.FAILED);
        return new TortureEvidence.Result(spec, r.engine(), expectDetections, r.seconds(), r.ops(), r.detections(), r.lost(),
                r.doubleFrees(), r.writeAfterFree(), r.retired(), r.peakPending(), r.footprint(), r.error(), v);
    }
}
