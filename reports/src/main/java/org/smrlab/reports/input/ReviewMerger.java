package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * Joins the shards of one review ({@code scripts/lab review --shard i/n}) into one review folder, as
 * if it had run in one go: each sub-run's shards merged as run folders are ({@link Merger}), the
 * evidence (written by shard 1) copied, review.json joined.
 *
 * <p>Implementation notes. The shards must be one review (same profile, same shard count) and all of
 * 1..n must be there. A shard may lack a sub-run only where its own review.json says it ran no trial of
 * it (absent); a sub-run no shard ran stays absent, with shard 1's reason. An evidence file may come from
 * one shard only, or from several with the same bytes. The merged review.json is shard 1 of 1, spans
 * every shard's time, unions the skipped selectors and names the shards in {@code mergedFrom}.
 */
public final class ReviewMerger {

    private ReviewMerger() {
    }

    /** Whether {@code dir} is a review folder (it holds review.json): what merge reads as a review shard. */
    public static boolean isReview(Path dir) {
        return Files.isRegularFile(dir.resolve(RunFolder.REVIEW_JSON));
    }

    /** A review shard as read: its folder and review.json. */
    public record Shard(Path path, ReviewInfo info) {
    }

    /** Reads and checks the shards; returns them in shard order. */
    public static List<Shard> check(List<Path> folders) {
        List<Shard> shards = new ArrayList<>();
        for (Path p : folders) {
            if (!isReview(p)) {
                throw InputException.of(p, "not a review folder (no " + RunFolder.REVIEW_JSON + "): merge takes all run folders "
                        + "or all review folders");
            }
            Path file = p.resolve(RunFolder.REVIEW_JSON);
            try {
                shards.add(new Shard(p, EvidenceJson.readReview(Files.readString(file, StandardCharsets.UTF_8))));
            } catch (RunFormatException e) {
                throw new InputException(file, e.line(), e.column(), e.getMessage());
            } catch (IOException e) {
                throw InputException.of(file, "cannot read: " + e.getMessage());
            }
        }
        Shard first = shards.get(0);
        int count = first.info().shard() == null ? 1 : first.info().shard().count();
        for (Shard s : shards) {
            int c = s.info().shard() == null ? 1 : s.info().shard().count();
            if (!s.info().profile().equals(first.info().profile()) || c != count) {
                throw InputException.usage("not shards of one review: " + first.path() + " is " + first.info().profile() + " in "
                        + count + " shards; " + s.path() + " is " + s.info().profile() + " in " + c);
            }
        }
        if (count == 1) {
            throw InputException.of(first.path(), "is not sharded (shard 1 of 1): nothing to merge");
        }
        shards.sort(Comparator.comparingInt(s -> s.info().shard().index()));
        Set<Integer> seen = new TreeSet<>();
        for (Shard s : shards) {
            if (!seen.add(s.info().shard().index())) {
                throw InputException.usage("shard " + s.info().shard().index() + " of " + count + " given twice");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!seen.contains(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw InputException.usage("shard" + (missing.size() > 1 ? "s " : " ") + missing + " of " + count
                    + " missing; merge needs all of them");
        }
        return shards;
    }

    /** Writes the merged review into {@code dir}, an empty folder. */
    public static void write(List<Shard> shards, Path dir) throws IOException {
        ReviewInfo first = shards.get(0).info();
        List<ReviewInfo.SubRunEntry> entries = new ArrayList<>();
        for (SubRun sub : SubRun.values()) {
            List<RunInput> present = new ArrayList<>();
            Set<Integer> empty = new TreeSet<>();
            int trials = 0;
            Evidence.Status status = Evidence.Status.DONE;
            String java = null;
            List<String> notes = new ArrayList<>();
            for (Shard s : shards) {
                Path folder = s.path().resolve(sub.dir());
                ReviewInfo.SubRunEntry e = s.info().subRun(sub).orElse(null);
                if (Files.isRegularFile(folder.resolve(RunFolder.RUN_JSON))) {
                    present.add(RunLoader.load(folder));
                    trials += e == null ? 0 : e.trials();
                    java = java == null && e != null ? e.java() : java;
                    if (e != null && e.status() == Evidence.Status.FAILED) {
                        status = Evidence.Status.FAILED;
                        notes.add("shard " + s.info().shard().index() + ": " + e.note());
                    }
                } else if (e != null && e.status() == Evidence.Status.ABSENT) {
                    empty.add(s.info().shard().index());
                } else {
                    throw InputException.of(folder, "missing, although the shard's review.json lists " + sub.dir() + "/ as "
                            + (e == null ? "nothing" : e.status().name().toLowerCase(Locale.ROOT)));
                }
            }
            Path target = dir.resolve(sub.dir());
            if (present.isEmpty()) {
                ReviewInfo.SubRunEntry e = first.subRun(sub).orElse(null);
                entries.add(new ReviewInfo.SubRunEntry(sub, sub.dir(), Evidence.Status.ABSENT, null, 0,
                        e == null || e.note() == null ? "no shard ran it" : e.note()));
                continue;
            }
            Files.createDirectories(target);
            if (present.size() == 1) {
                copyTree(present.get(0).path(), target);
                RunInfo i = present.get(0).info();
                RunJson.write(target.resolve(RunFolder.RUN_JSON), new RunInfo(i.schema(), i.profile(), new RunInfo.Shard(1, 1),
                        i.command(), i.startedAt(), i.finishedAt(), i.jvm(), i.machine(), i.membarrier(), i.git(), i.engines(),
                        i.catalogue(), i.benchmarks(), i.trials(), List.of(new RunInfo.MergedShard(present.get(0).name(),
                        i.shardIndex(), i.command()))));
            } else {
                Merger.write(Merger.check(present, empty), target);
            }
            entries.add(new ReviewInfo.SubRunEntry(sub, sub.dir(), status, java, trials, notes.isEmpty() ? null : String.join("; ", notes)));
        }
        Map<EvidenceKind, ReviewInfo.EvidenceEntry> evidence = new EnumMap<>(EvidenceKind.class);
        for (EvidenceKind k : EvidenceKind.values()) {
            byte[] written = null;
            for (Shard s : shards) {
                Path file = s.path().resolve(RunFolder.EVIDENCE_DIR).resolve(k.file());
                if (!Files.isRegularFile(file)) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (written != null && !Arrays.equals(written, bytes)) {
                    throw InputException.of(file, "differs from the same evidence file in an earlier shard; one review writes it once");
                }
                if (written == null) {
                    Files.createDirectories(dir.resolve(RunFolder.EVIDENCE_DIR));
                    Files.write(dir.resolve(RunFolder.EVIDENCE_DIR).resolve(k.file()), bytes);
                    written = bytes;
                    s.info().evidence().stream().filter(e -> e.kind() == k).findFirst().ifPresent(e -> evidence.put(k, e));
                }
            }
            if (written == null) {
                ReviewInfo.EvidenceEntry e = first.evidence().stream().filter(x -> x.kind() == k).findFirst().orElse(null);
                evidence.put(k, new ReviewInfo.EvidenceEntry(k, Evidence.Status.ABSENT, e == null ? "no shard wrote it" : e.note()));
            }
            evidence.putIfAbsent(k, new ReviewInfo.EvidenceEntry(k, Evidence.Status.DONE, null));
        }
        String started = first.startedAt();
        String finished = first.finishedAt();
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
            i.skipped().forEach(x -> skipped.putIfAbsent(x.selector(), x));
            from.add(new RunInfo.MergedShard(s.path().getFileName().toString(), i.shard().index(), i.command()));
        }
        EvidenceJson.write(dir.resolve(RunFolder.REVIEW_JSON), new ReviewInfo(ReviewInfo.SCHEMA, first.profile(),
                new RunInfo.Shard(1, 1), first.command(), started, finished, first.git(), entries,
                new ArrayList<>(evidence.values()), new ArrayList<>(skipped.values()), from));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path rel = from.relativize(p);
                if (rel.toString().equals(RunFolder.REPORT_DIR) || rel.startsWith(RunFolder.REPORT_DIR)) {
                    continue;
                }
                Path t = to.resolve(rel.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
