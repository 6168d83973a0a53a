package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.smrlab.bench.review.CitedTestsStep;
import org.smrlab.bench.review.EvidenceContext;
import org.smrlab.bench.review.EvidenceStep;
import org.smrlab.bench.review.FactTables;
import org.smrlab.bench.review.LitmusStep;
import org.smrlab.bench.review.SourceSizes;
import org.smrlab.bench.review.TortureStep;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * {@code scripts/lab review}: runs everything the review's sixteen answers need into one folder
 * (run-format's {@link RunFolder} layout for a review), then has the reports tool write
 * {@code review/review.md} and {@code review/index.html} from it.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>The plan</b> is {@link ReviewPlan}: run-format's question catalogue, one profile per JVM
 *     sub-run. The default JVM's sub-run ({@code jdk17/}) runs on {@code --jvm} or the lab's own
 *     java; the membarrier sub-run ({@code jdk25/}) on the JDK 22+ that {@code scripts/find-jdk22}
 *     finds. When there is none (or {@code --no-jdk22}), the sub-run is absent and review.json says
 *     why, as do the evidence files that would have run on it.</li>
 * <li><b>Each sub-run</b> is an ordinary run folder written by {@link Lab#runTrials} (run.json, the
 *     results, hlog/, pending/), so every reader of run folders reads it.</li>
 * <li><b>Evidence</b> ({@link EvidenceStep}: facts, source, torture, litmus, cited tests) runs in
 *     shard 1 only, after the trials (so the JMH figures are measured on a machine not busy with
 *     jcstress); each file is written whole, and a step that fails is recorded as failed with why.</li>
 * <li><b>Atomic</b>: the folder is {@code <out>/.<name>.tmp} until everything is written, then renamed;
 *     a bad option is refused before anything is created.</li>
 * </ul>
 * Exit status: 0 done, 1 done but something failed (a trial, an evidence step), 2 bad command line.
 */
public final class Review {
    private Review() {
    }

    /** The evidence steps, in the order they run (cheap ones first). */
    static List<EvidenceStep> steps() {
        return List.of(new FactTables(), new SourceSizes(), new TortureStep(), new LitmusStep(), new CitedTestsStep());
    }

    /** The review command; {@code args} are those after {@code review}. */
    static int run(String[] args, String[] fullArgs, PrintStream out) {
        ReviewOptions o = ReviewOptions.parse(args);
        if (o.help()) {
            out.println(ReviewOptions.usage());
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        JmhBenchmarks benchmarks = JmhBenchmarks.load();
        ReviewPlan.Planned planned = ReviewPlan.plan(o, benchmarks);
        Map<SubRun, List<PlannedTrial>> all = new EnumMap<>(SubRun.class);
        Map<SubRun, List<PlannedTrial>> mine = new EnumMap<>(SubRun.class);
        for (SubRun r : SubRun.values()) {
            all.put(r, Plan.expand(planned.profiles().get(r), null, cores, benchmarks));
            mine.put(r, Plan.shard(all.get(r), o.shardIndex(), o.shardCount()));
        }
        Path root = Lab.repoRoot();
        String jdk22 = null;
        String absence = null;
        if (o.noJdk22()) {
            absence = "left out by --no-jdk22";
        } else {
            jdk22 = findJdk22(root);
            if (jdk22 == null) {
                absence = "no JDK 22+ installed (scripts/find-jdk22 found none): gus-lazy and pserialize ran their fenced "
                        + "read side only";
            }
        }
        boolean evidence = o.shardIndex() == 1 && !o.evidence().isEmpty();
        if (o.dryRun()) {
            printPlan(out, o, planned, all, mine, cores, jdk22, absence, evidence);
            return 0;
        }
        return execute(o, fullArgs, planned, mine, benchmarks, root, jdk22, absence, evidence, out);
    }

    /** {@code scripts/find-jdk22}'s answer: a java launcher of JDK 22 or later, or null. */
    static String findJdk22(Path root) {
        Path script = root.resolve("scripts/find-jdk22");
        if (!Files.isExecutable(script)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(script.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text;
            try (InputStream in = p.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return text.isEmpty() ? null : text.lines().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    // ------------------------------------------------------------------ dry run

    static void printPlan(PrintStream out, ReviewOptions o, ReviewPlan.Planned planned, Map<SubRun, List<PlannedTrial>> all,
                          Map<SubRun, List<PlannedTrial>> mine, int cores, String jdk22, String absence, boolean evidence) {
        out.printf("review plan: %s%s%s, planned from run-format's question catalogue%n", o.profile(),
                o.shardCount() > 1 ? String.format(" shard %d/%d", o.shardIndex(), o.shardCount()) : "",
                o.tiny() ? " (--tiny: 1 fork of 100 ms per trial)" : "");
        double total = 0;
        for (SubRun r : SubRun.values()) {
            List<PlannedTrial> ts = mine.get(r);
            boolean present = r == SubRun.DEFAULT_JVM || jdk22 != null;
            out.printf("%n%s/ on %s: %s%n", r.dir(), r.words(), r == SubRun.DEFAULT_JVM
                    ? (o.jvm() != null ? o.jvm() : "the lab's own java") : (jdk22 != null ? jdk22 : "ABSENT: " + absence));
            if (!present) {
                out.printf("  (%d trials planned for it are not run)%n", all.get(r).size());
                continue;
            }
            if (ts.isEmpty()) {
                out.println("  no trials");
                continue;
            }
            Lab.printPlan(out, new LabOptions(o.profile(), null, o.out(), null, o.shardIndex(), o.shardCount(), true, false),
                    planned.profiles().get(r), ts, all.get(r).size(), cores);
            total += Plan.estimateSeconds(ts);
        }
        out.printf("%nevidence/ (%s):%n", evidence ? "written by this shard" : o.shardIndex() != 1 ? "shard 1 writes it"
                : "none asked for");
        if (evidence) {
            for (EvidenceStep s : steps()) {
                if (o.evidence().contains(s.kind())) {
                    double e = s.estimateSeconds(o.quick(), o.tiny(), jdk22 != null);
                    out.printf("  %-13s %8s  %s%n", s.kind().file(), Lab.duration(e), s.describe(o.quick(), o.tiny(), jdk22 != null));
                    total += e;
                }
            }
        }
        if (!planned.skipped().isEmpty()) {
            out.printf("%nleft out (this build cannot run them; review.json will say so):%n");
            planned.skipped().forEach(s -> out.printf("  %-22s %s%n", s.selector(), s.why()));
        }
        out.printf("%ntotal: estimated %s on 2 quiet cores, then the reports tool writes review/%n", Lab.duration(total));
    }

    // ------------------------------------------------------------------ the run

    private static int execute(ReviewOptions o, String[] fullArgs, ReviewPlan.Planned planned, Map<SubRun, List<PlannedTrial>> mine,
                               JmhBenchmarks benchmarks, Path root, String jdk22, String absence, boolean evidence, PrintStream out) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String name = RunFolder.name(o.profile(), started, o.shardIndex(), o.shardCount());
        Path outDir = o.out().toAbsolutePath().normalize();
        String command = Lab.command(fullArgs);
        String classpath = System.getProperty("java.class.path");
        Path tmp;
        try {
            tmp = RunFolder.begin(outDir, name);
        } catch (IOException e) {
            throw new UsageException("cannot create " + outDir.resolve(RunFolder.inProgressName(name)) + ": " + e.getMessage());
        }
        out.printf("[review] writing %s (renamed to %s when complete)%n", tmp, name);
        RunInfo.Git git = new RunInfo.Git(RunRecorder.git(root, "rev-parse", "--short", "HEAD"), RunRecorder.gitDirty(root));
        String defaultJava = o.jvm() != null ? o.jvm() : Paths.get(System.getProperty("java.home"), "bin", "java").toString();

        List<ReviewInfo.SubRunEntry> subRuns = new ArrayList<>();
        for (SubRun r : SubRun.values()) {
            String java = r == SubRun.DEFAULT_JVM ? defaultJava : jdk22;
            subRuns.add(new ReviewInfo.SubRunEntry(r, r.dir(), java == null ? Evidence.Status.ABSENT : Evidence.Status.DONE, java,
                    mine.get(r).size(), java == null ? absence : null));
        }
        List<ReviewInfo.EvidenceEntry> evidenceEntries = new ArrayList<>();
        for (EvidenceKind k : EvidenceKind.values()) {
            evidenceEntries.add(new ReviewInfo.EvidenceEntry(k, Evidence.Status.ABSENT, evidence ? (o.evidence().contains(k) ? "planned"
                    : "not asked for (--evidence)") : o.shardIndex() != 1 ? "written by shard 1" : "not asked for (--evidence)"));
        }
        ReviewInfo info = new ReviewInfo(ReviewInfo.SCHEMA, o.profile(), new RunInfo.Shard(o.shardIndex(), o.shardCount()), command,
                started.toString(), null, git, subRuns, evidenceEntries, planned.skipped(), null);
        EvidenceJson.write(tmp.resolve(RunFolder.REVIEW_JSON), info);

        boolean allOk = true;
        Map<SubRun, RunInfo.Jvm> jvms = new EnumMap<>(SubRun.class);
        for (int i = 0; i < subRuns.size(); i++) {
            ReviewInfo.SubRunEntry e = subRuns.get(i);
            if (e.java() == null) {
                out.printf("[review] %s/ absent: %s%n", e.dir(), e.note());
                continue;
            }
            List<PlannedTrial> trials = mine.get(e.subRun());
            ForkJvm jvm = ForkJvm.probe(e.java(), classpath, RunRecorder.engineSpecs(trials));
            jvms.put(e.subRun(), new RunInfo.Jvm(jvm.get("java.version"), jvm.get("java.vendor"), jvm.get("java.vm.name"),
                    jvm.get("java.vm.version"), jvm.forkArgs()));
            if (trials.isEmpty()) {
                subRuns.set(i, new ReviewInfo.SubRunEntry(e.subRun(), e.dir(), Evidence.Status.ABSENT, e.java(), 0,
                        "no trials in this shard or selection"));
                continue;
            }
            LabOptions lo = new LabOptions(o.profile(), null, tmp, e.java(), o.shardIndex(), o.shardCount(), false, false);
            out.printf("[review] %s/: %d trials on %s%n", e.dir(), trials.size(), e.java());
            Lab.Outcome r = Lab.runTrials(lo, e.dir(), tmp, command, started, trials, benchmarks, jvm, out);
            if (!r.failed().isEmpty()) {
                allOk = false;
                subRuns.set(i, new ReviewInfo.SubRunEntry(e.subRun(), e.dir(), Evidence.Status.FAILED, e.java(), trials.size(),
                        r.failed().size() + " trials failed (run.json says which)"));
            }
        }

        if (evidence) {
            Path evidenceDir = tmp.resolve(RunFolder.EVIDENCE_DIR);
            Path work = tmp.resolve(RunFolder.EVIDENCE_DIR).resolve("logs");
            try {
                Files.createDirectories(work);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            RunInfo.Jvm defaultJvm = jvms.computeIfAbsent(SubRun.DEFAULT_JVM, k -> probeJvm(defaultJava, classpath));
            RunInfo.Jvm jdk22Jvm = jdk22 == null ? null : jvms.computeIfAbsent(SubRun.MEMBARRIER_JVM, k -> probeJvm(jdk22, classpath));
            EvidenceContext c = new EvidenceContext(root, evidenceDir, work, classpath, defaultJava, defaultJvm, jdk22, jdk22Jvm,
                    absence, o.quick(), o.tiny(), out);
            for (EvidenceStep s : steps()) {
                if (!o.evidence().contains(s.kind())) {
                    continue;
                }
                int k = s.kind().ordinal();
                long t0 = System.nanoTime();
                try {
                    Evidence ev = s.run(c);
                    EvidenceJson.write(evidenceDir, ev);
                    evidenceEntries.set(k, new ReviewInfo.EvidenceEntry(s.kind(), Evidence.Status.DONE, null));
                    out.printf("[review] %s written in %s%n", s.kind().file(), Lab.duration((System.nanoTime() - t0) / 1e9));
                } catch (Exception e) {
                    allOk = false;
                    evidenceEntries.set(k, new ReviewInfo.EvidenceEntry(s.kind(), Evidence.Status.FAILED, e.toString()));
                    out.printf("[review] %s failed: %s%n", s.kind().file(), e);
                }
            }
        }

        String finished = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        EvidenceJson.write(tmp.resolve(RunFolder.REVIEW_JSON), new ReviewInfo(ReviewInfo.SCHEMA, o.profile(), info.shard(), command,
                info.startedAt(), finished, git, subRuns, evidenceEntries, planned.skipped(), null));
        Path done = RunFolder.complete(tmp, outDir, name);
        out.printf("[review] done: %s%n", done);
        if (!planned.skipped().isEmpty()) {
            out.printf("[review] %d selectors left out (this build cannot run them): %s%n", planned.skipped().size(),
                    String.join(", ", planned.skipped().stream().map(ReviewInfo.Skipped::selector).toList()));
        }
        if (o.noRender()) {
            out.printf("[review] --no-render: render it with scripts/report review %s%n", done);
        } else if (o.shardCount() == 1) {
            render(out, root, done);
        } else {
            out.printf("[review] shard %d of %d: merge the shards with scripts/report merge SHARD... --out DIR, then "
                    + "scripts/report review DIR%n", o.shardIndex(), o.shardCount());
        }
        return allOk ? 0 : 1;
    }

    private static RunInfo.Jvm probeJvm(String java, String classpath) {
        ForkJvm jvm = ForkJvm.probe(java, classpath, List.of());
        return new RunInfo.Jvm(jvm.get("java.version"), jvm.get("java.vendor"), jvm.get("java.vm.name"), jvm.get("java.vm.version"),
                jvm.forkArgs());
    }

    /** Has the reports tool write review/ from the folder, when its review command exists (issue 11's generator). */
    static void render(PrintStream out, Path root, Path reviewDir) {
        Path script = root.resolve("scripts/report");
        if (!Files.isExecutable(script)) {
            out.printf("[review] no scripts/report here: render the review elsewhere with scripts/report review %s%n", reviewDir);
            return;
        }
        try {
            Process help = new ProcessBuilder(script.toString(), "--help").redirectErrorStream(true).start();
            String text;
            try (InputStream in = help.getInputStream()) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            help.waitFor(300, TimeUnit.SECONDS);
            if (text.lines().noneMatch(l -> l.strip().startsWith("review"))) {
                out.printf("[review] the reports tool of this build has no 'review' command yet: the data is complete in %s; "
                        + "render it with scripts/report review %s once it has%n", reviewDir, reviewDir);
                return;
            }
            Process p = new ProcessBuilder(script.toString(), "review", reviewDir.toString()).inheritIO().start();
            int rc = p.waitFor();
            out.printf(rc == 0 ? "[review] review: %s%n" : "[review] the reports tool failed (exit %2$d); the data is in %1$s%n",
                    reviewDir.resolve(RunFolder.REVIEW_DIR).resolve(RunFolder.REVIEW_MD), rc);
        } catch (IOException e) {
            out.printf("[review] cannot run the reports tool: %s%n", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
