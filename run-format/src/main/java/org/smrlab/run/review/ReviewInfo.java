package org.smrlab.run.review;

import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * {@code review.json}: what a review ({@code scripts/lab review}) ran, at the top of its folder. Its
 * sub-runs are ordinary run folders with their own run.json; this file says which exist, and for one
 * that does not, why (no JDK 22+ installed, {@code --no-jdk22}), so the review can say so rather than
 * show a gap. Written at the start (everything planned) and again at the end, through {@link EvidenceJson}.
 *
 * @param schema      {@value #SCHEMA}
 * @param profile     {@value #FULL} or {@value #QUICK}
 * @param shard       which part of a sharded review this folder holds
 * @param command     the command line that made it
 * @param startedAt   ISO-8601 UTC, to the second
 * @param finishedAt  likewise; null while in progress
 * @param git         the commit the review was built from
 * @param subRuns     both sub-runs, present or not
 * @param evidence    every evidence file, written or not (a shard other than 1 writes none)
 * @param skipped     selectors of the catalogue the plan left out, with why (an engine this build lacks)
 * @param mergedFrom  the shards a merged review was made of; null unless merged
 */
public record ReviewInfo(String schema, String profile, RunInfo.Shard shard, String command, String startedAt,
                         String finishedAt, RunInfo.Git git, List<SubRunEntry> subRuns, List<EvidenceEntry> evidence,
                         List<Skipped> skipped, List<RunInfo.MergedShard> mergedFrom) {

    public static final String SCHEMA = "smrlab-review/1";
    /** The full review's profile (and folder-name prefix). */
    public static final String FULL = "review";
    /** The quick review's profile (and folder-name prefix). */
    public static final String QUICK = "review-quick";

    public ReviewInfo {
        subRuns = subRuns == null ? List.of() : List.copyOf(subRuns);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        skipped = skipped == null ? List.of() : List.copyOf(skipped);
        mergedFrom = mergedFrom == null ? null : List.copyOf(mergedFrom);
    }

    /** Whether this is the quick review. */
    public boolean quick() {
        return QUICK.equals(profile);
    }

    /** The entry of {@code subRun}. */
    public java.util.Optional<SubRunEntry> subRun(SubRun subRun) {
        return subRuns.stream().filter(s -> s.subRun() == subRun).findFirst();
    }

    /**
     * One sub-run.
     *
     * @param subRun  which
     * @param dir     its folder inside the review ({@link SubRun#dir()})
     * @param status  done, failed (some trials failed: the folder is complete, run.json says which), or absent
     * @param java    the java launcher its forks ran on; null when absent
     * @param trials  trials planned for it
     * @param note    why it is absent, or what else a reader must know; null when nothing
     */
    public record SubRunEntry(SubRun subRun, String dir, Evidence.Status status, String java, int trials, String note) {
    }

    /** One evidence file: its kind, whether it was written, and a note (why absent or failed). */
    public record EvidenceEntry(EvidenceKind kind, Evidence.Status status, String note) {
    }

    /** A catalogue selector the plan left out, and why. */
    public record Skipped(String selector, String why) {
    }
}
