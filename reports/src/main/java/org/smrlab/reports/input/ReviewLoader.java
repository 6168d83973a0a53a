package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smrlab.reports.model.ReviewInput;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * Reads a review folder (run-format's {@link RunFolder} layout for {@code scripts/lab review}):
 * {@code review.json}, each sub-run as a run folder through {@link RunLoader}, each evidence file
 * through run-format's {@link EvidenceJson}.
 *
 * <p>Implementation notes. Everything is read before anything is written. A sub-run or evidence file
 * review.json calls absent or failed is not an error: the review says what is missing and why (no JDK
 * 22+ installed, a shard that runs no evidence). A file that is there but malformed is an error naming
 * the file, line and column, as is a folder without review.json. A sub-run folder present but not in
 * review.json, or listed as done but missing, is read as it is found and the discrepancy noted as its
 * reason.
 */
public final class ReviewLoader {

    private ReviewLoader() {
    }

    public static ReviewInput load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw InputException.of(dir, Files.exists(dir) ? "not a folder; expected a review folder written by scripts/lab review"
                    : "no such folder");
        }
        Path reviewJson = dir.resolve(RunFolder.REVIEW_JSON);
        if (!Files.isRegularFile(reviewJson)) {
            throw InputException.of(dir, "not a review folder: no " + RunFolder.REVIEW_JSON + " (expected the folder "
                    + "scripts/lab review writes: " + RunFolder.REVIEW_JSON + ", " + SubRun.DEFAULT_JVM.dir() + "/, "
                    + SubRun.MEMBARRIER_JVM.dir() + "/, " + RunFolder.EVIDENCE_DIR + "/)");
        }
        ReviewInfo info;
        try {
            info = EvidenceJson.readReview(Files.readString(reviewJson, StandardCharsets.UTF_8));
        } catch (RunFormatException e) {
            throw new InputException(reviewJson, e.line(), e.column(), e.getMessage());
        } catch (IOException e) {
            throw InputException.of(reviewJson, "cannot read: " + e.getMessage());
        }
        Map<SubRun, Run> subRuns = new EnumMap<>(SubRun.class);
        Map<SubRun, String> absent = new EnumMap<>(SubRun.class);
        for (SubRun s : SubRun.values()) {
            Path sub = dir.resolve(s.dir());
            ReviewInfo.SubRunEntry entry = info.subRun(s).orElse(null);
            if (Files.isRegularFile(sub.resolve(RunFolder.RUN_JSON))) {
                RunInput input = RunLoader.load(sub);
                List<Run> runs = RunLoader.group(List.of(input));
                subRuns.put(s, runs.get(0));
            } else if (entry != null && entry.status() == Evidence.Status.ABSENT) {
                absent.put(s, entry.note() == null ? "not run" : entry.note());
            } else if (entry == null) {
                absent.put(s, "review.json lists no " + s.dir() + "/ sub-run");
            } else {
                absent.put(s, s.dir() + "/ is missing from the folder although review.json lists it as "
                        + entry.status().name().toLowerCase(java.util.Locale.ROOT)
                        + (entry.note() == null ? "" : " (" + entry.note() + ")"));
            }
        }
        Map<EvidenceKind, Evidence> evidence = new EnumMap<>(EvidenceKind.class);
        Map<EvidenceKind, String> missing = new EnumMap<>(EvidenceKind.class);
        Path evidenceDir = dir.resolve(RunFolder.EVIDENCE_DIR);
        for (EvidenceKind k : EvidenceKind.values()) {
            Path file = evidenceDir.resolve(k.file());
            ReviewInfo.EvidenceEntry entry = info.evidence().stream().filter(e -> e.kind() == k).findFirst().orElse(null);
            if (Files.isRegularFile(file)) {
                try {
                    evidence.put(k, EvidenceJson.read(k, Files.readString(file, StandardCharsets.UTF_8)));
                } catch (RunFormatException e) {
                    throw new InputException(file, e.line(), e.column(), e.getMessage());
                } catch (IOException e) {
                    throw InputException.of(file, "cannot read: " + e.getMessage());
                }
            } else if (entry != null && entry.note() != null) {
                missing.put(k, entry.note());
            } else if (entry != null && entry.status() != Evidence.Status.DONE) {
                missing.put(k, "not written (" + entry.status().name().toLowerCase(java.util.Locale.ROOT) + ")");
            } else {
                missing.put(k, "no " + RunFolder.EVIDENCE_DIR + "/" + k.file() + " in the review folder");
            }
        }
        return new ReviewInput(dir, info, subRuns, absent, evidence, missing);
    }
}
