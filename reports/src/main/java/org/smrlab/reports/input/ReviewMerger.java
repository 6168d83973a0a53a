package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * Combines the shards of a sharded review ({@code scripts/lab review --shard i/n}) into one review
 * folder, as if it had run in one go: each sub-run ({@code jdk17/}, {@code jdk25/}) is merged by
 * {@link Merger} from the shards' sub-run folders; {@code evidence/} is shard 1's (the only shard that
 * writes it); review.json is shard 1's with the shard set to 1 of 1, the time span widened, the
 * sub-runs' trial counts summed and their status the worst of the shards', and {@code mergedFrom}.
 *
 * <p>Refused: folders that are not all shards 1..n of one review (same profile, shard count and
 * commit), and a sub-run present in some shards and absent in others (one machine had a JDK 22+,
 * another did not: its slice of the trials is missing, and a merged run would look complete).
 */
public final class ReviewMerger {
    private ReviewMerger() {
    }

    /** A review shard: its folder and its review.json. */
    public record Shard(Path path, ReviewInfo info) {
    }

    /** Whether {@code dir} is a review folder (it holds review.json). */
    public static boolean isReview(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFolder.REVIEW_JSON));
    }

    /** Reads and checks the shards; returns them in shard order. */
    public static List<Shard> check(List<Path> folders) {
        List<Shard> shards = new ArrayList<>();
        for (Path p : folders) {
            if (!isReview(p)) {
                throw InputException.of(p, "not a review folder (no " + RunFolder.REVIEW_JSON + "): merge takes all review shards, or "
                        + "all run folders, not a mix");
            }
            try {
                shards.add(new Shard(p, EvidenceJson.readReview(p)));
            } catch (IOException e) {
                throw InputException.of(p, "cannot read " + RunFolder.REVIEW_JSON + ": " + e.getMessage());
            } catch (RunFormatException e) {
                throw new InputException(p.resolve(RunFolder.REVIEW_JSON), e.line(), e.column(), e.getMessage());
            }
        }
        shards.sort(Comparator.comparingInt(s -> s.info().shard().index()));
        ReviewInfo first = shards.get(0).info();
        int count = first.shard().count();
        if (count == 1) {
            throw InputException.of(shards.get(0).path(), "is not sharded (shard 1 of 1): nothing to merge");
        }
        TreeSet<Integer> present = new TreeSet<>();
        for (Shard s : shards) {
            ReviewInfo i = s.info();
            if (!i.profile().equals(first.profile()) || i.shard().count() != count
                    || !String.valueOf(commit(i)).equals(String.valueOf(commit(first)))) {
                throw InputException.usage("not shards of one review: " + shards.get(0).path() + " is " + first.profile() + " shard "
                        + first.shard().index() + " of " + count + " at " + commit(first) + "; " + s.path() + " is " + i.profile()
                        + " shard " + i.shard().index() + " of " + i.shard().count() + " at " + commit(i));
            }
            if (!present.add(i.shard().index())) {
                throw InputException.usage("shard " + i.shard().index() + " of " + count + " given twice");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int k = 1; k <= count; k++) {
            if (!present.contains(k)) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw InputException.usage("review shard" + (missing.size() > 1 ? "s " : " ") + missing + " of " + count
                    + " missing; merge needs all of them");
        }
        for (SubRun r : SubRun.values()) {
            List<Integer> with = new ArrayList<>();
            List<Integer> without = new ArrayList<>();
            for (Shard s : shards) {
                (Files.isDirectory(s.path().resolve(r.dir())) ? with : without).add(s.info().shard().index());
            }
            if (!with.isEmpty() && !without.isEmpty()) {
                throw InputException.usage(r.dir() + "/ is in shards " + with + " and absent in " + without + " (" + note(shards, r)
                        + "): those shards' slices of its trials are missing; give every machine the same JVMs (a JDK 22+ "
                        + "everywhere, or --no-jdk22 everywhere) and rerun the shards that differ");
            }
        }
        return List.copyOf(shards);
    }

    private static String commit(ReviewInfo i) {
        return i.git() == null ? null : i.git().commit();
    }

    private static String note(List<Shard> shards, SubRun r) {
        for (Shard s : shards) {
            String n = s.info().subRun(r).map(ReviewInfo.SubRunEntry::note).orElse(null);
            if (n != null) {
                return n;
            }
        }
        return "no note";
    }

    /** Writes the merged review into {@code dir}, an empty folder. */
    public static void write(List<Shard> shards, Path dir) throws IOException {
        ReviewInfo first = shards.get(0).info();
        List<ReviewInfo.SubRunEntry> subRuns = new ArrayList<>();
        for (SubRun r : SubRun.values()) {
            List<Path> parts = new ArrayList<>();
            for (Shard s : shards) {
                Path p = s.path().resolve(r.dir());
                if (Files.isDirectory(p)) {
                    parts.add(p);
                }
            }
            ReviewInfo.SubRunEntry e0 = first.subRun(r).orElse(null);
            if (parts.isEmpty()) {
                subRuns.add(e0 != null ? e0 : new ReviewInfo.SubRunEntry(r, r.dir(), Evidence.Status.ABSENT, null, 0, null));
                continue;
            }
            List<RunInput> inputs = new ArrayList<>();
            for (Path p : parts) {
                inputs.add(RunLoader.load(p));
            }
            Path target = Files.createDirectories(dir.resolve(r.dir()));
            Merger.write(Merger.check(inputs), target);
            int trials = 0;
            Evidence.Status status = Evidence.Status.DONE;
            List<String> notes = new ArrayList<>();
            for (Shard s : shards) {
                ReviewInfo.SubRunEntry e = s.info().subRun(r).orElse(null);
                if (e != null) {
                    trials += e.trials();
                    if (e.status() == Evidence.Status.FAILED) {
                        status = Evidence.Status.FAILED;
                        notes.add("shard " + s.info().shard().index() + ": " + e.note());
                    }
                }
            }
            subRuns.add(new ReviewInfo.SubRunEntry(r, r.dir(), status, e0 == null ? null : e0.java(), trials,
                    notes.isEmpty() ? null : String.join("; ", notes)));
        }
        Path evidence = shards.get(0).path().resolve(RunFolder.EVIDENCE_DIR);
        if (Files.isDirectory(evidence)) {
            copyTree(evidence, dir.resolve(RunFolder.EVIDENCE_DIR));
        }
        String started = null;
        String finished = null;
        Map<String, ReviewInfo.Skipped> skipped = new LinkedHashMap<>();
        List<RunInfo.MergedShard> from = new ArrayList<>();
        for (Shard s : shards) {
            ReviewInfo i = s.info();
            if (i.startedAt() != null && (started == null || i.startedAt().compareTo(started) < 0)) {
                started = i.startedAt();
            }
            if (i.finishedAt() != null && (finished == null || i.finishedAt().compareTo(finished) > 0)) {
                finished = i.finishedAt();
            }
            i.skipped().forEach(k -> skipped.putIfAbsent(k.selector(), k));
            from.add(new RunInfo.MergedShard(s.path().getFileName().toString(), i.shard().index(), i.command()));
        }
        EvidenceJson.write(dir.resolve(RunFolder.REVIEW_JSON), new ReviewInfo(ReviewInfo.SCHEMA, first.profile(),
                new RunInfo.Shard(1, 1), first.command(), started, finished, first.git(), subRuns, first.evidence(),
                List.copyOf(skipped.values()), from));
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
}
