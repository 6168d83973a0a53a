package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.smrlab.bench.SmrProfiler;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.smr.Engines;
import org.smrlab.smr.engine.EngineType;

/**
 * The lab launcher: {@code scripts/lab PROFILE [options]} (also {@code java -cp benchmarks.jar
 * org.smrlab.bench.lab.Lab ...}). Expands the profile into trials, runs them with JMH, and leaves
 * a run folder (run-format's {@link RunFolder}, docs/architecture.md): run.json, results.csv,
 * results.json, hlog/, pending/, and report/ when the reports tool is built.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>One JMH run per trial.</b> JMH's options apply one parameter product to every benchmark
 *     they include, while a profile (and a shard of it) is an arbitrary list of trials; so each
 *     trial is one {@link Runner} run with every parameter pinned, all in this JVM, and the lab
 *     writes the collected results once, with JMH's own CSV and JSON formats, into one file each
 *     (rewritten after every trial, so an interrupted run keeps what it finished).</li>
 * <li><b>Progress.</b> JMH's console output, then one line per finished trial with the elapsed
 *     time and an ETA: the remaining trials' estimate scaled by how the finished ones compared
 *     with theirs. JMH's summary table comes once, at the end.</li>
 * <li><b>The run folder</b> is written as {@code <out>/.<name>.tmp} and renamed to
 *     {@code <out>/<name>} at the end, so a folder without the dot is complete ({@link RunFolder}).</li>
 * <li><b>run.json</b> ({@link RunRecorder}) is written before the first trial, every trial planned,
 *     and again at the end with each trial done or failed.</li>
 * <li><b>--jvm</b>: the forks run on that launcher; {@link JvmProbe} runs on it first, with the
 *     forks' flags, so run.json reports that JVM (and whether membarrier works there) and each
 *     trial's engine as it calls itself there.</li>
 * </ul>
 * Exit status: 0 done, 1 some trial failed (the run folder is still complete), 2 bad command line.
 */
public final class Lab {
    private Lab() {
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT); // JMH's CSV prints numbers with the default locale
        System.exit(launch(args, System.out, System.err));
    }

    /** Everything main does but exit: returns 0 done, 1 trials failed, 2 bad command line. */
    public static int launch(String[] args, PrintStream out, PrintStream err) {
        try {
            return run(args, out);
        } catch (UsageException e) {
            err.println("lab: " + e.getMessage());
            err.println();
            err.println(LabOptions.usage());
            return 2;
        }
    }

    /** Runs the lab; returns the exit status (bad options throw {@link UsageException}). */
    static int run(String[] args, PrintStream out) {
        LabOptions o = LabOptions.parse(args);
        if (o.help()) {
            out.println(LabOptions.usage());
            return 0;
        }
        int cores = Runtime.getRuntime().availableProcessors();
        Profile profile = Profiles.all().get(o.profile());
        JmhBenchmarks benchmarks = JmhBenchmarks.load();
        List<PlannedTrial> all = Plan.expand(profile, o.engines(), cores, benchmarks);
        List<PlannedTrial> trials = Plan.shard(all, o.shardIndex(), o.shardCount());
        if (trials.isEmpty()) {
            throw new UsageException("no trials to run: profile " + o.profile()
                    + (o.engines() != null ? " has none for engines " + o.engines().specs() : "")
                    + (o.shardCount() > 1 ? " in shard " + o.shardIndex() + "/" + o.shardCount() : ""));
        }
        if (o.dryRun()) {
            printPlan(out, o, profile, trials, all.size(), cores);
            return 0;
        }
        return execute(o, args, trials, benchmarks, out);
    }

    // ------------------------------------------------------------------ dry run

    static void printPlan(PrintStream out, LabOptions o, Profile profile, List<PlannedTrial> trials, int allTrials, int cores) {
        out.printf("plan: %s (%s)%n", profile.name(), profile.summary());
        out.printf("      %d cores here ('max' threads = %d)%s%n", cores, cores,
                o.shardCount() > 1 ? String.format(", shard %d/%d: %d of %d trials", o.shardIndex(), o.shardCount(),
                        trials.size(), allTrials) : "");
        Map<String, List<PlannedTrial>> groups = new LinkedHashMap<>();
        for (PlannedTrial t : trials) {
            groups.computeIfAbsent(t.label().split(" ")[0] + "|" + t.run(), k -> new ArrayList<>()).add(t);
        }
        out.printf("  %-44s %6s  %-32s %9s%n", "benchmark", "trials", "each: forks x (warmup + measurement)", "estimate");
        for (Map.Entry<String, List<PlannedTrial>> g : groups.entrySet()) {
            List<PlannedTrial> ts = g.getValue();
            out.printf("  %-44s %6d  %-32s %9s%n", g.getKey().split("\\|")[0], ts.size(), ts.get(0).run(),
                    duration(Plan.estimateSeconds(ts)));
            for (PlannedTrial t : ts) {
                out.printf("      %s%n", t.label().substring(t.label().indexOf(' ') + 1));
            }
        }
        out.printf("total: %d trials, estimated %s (model: %.1f s per fork, %.2f s per iteration beyond its time, "
                        + "%.2f s more per profiled measurement iteration; 2 quiet cores)%n",
                trials.size(), duration(Plan.estimateSeconds(trials)), RunLength.FORK_SECONDS, RunLength.ITERATION_SECONDS,
                RunLength.PROFILED_ITERATION_SECONDS);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format("%dm%02ds", s / 60, s % 60);
        }
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    // ------------------------------------------------------------------ the run

    private static int execute(LabOptions o, String[] args, List<PlannedTrial> trials, JmhBenchmarks benchmarks,
                               PrintStream out) {
        Path root = Paths.get(System.getProperty("smrlab.root", ".")).toAbsolutePath().normalize();
        String classpath = System.getProperty("java.class.path");
        ForkJvm jvm = ForkJvm.probe(o.jvm(), classpath, RunRecorder.engineSpecs(trials));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String name = RunFolder.name(o.profile(), started, o.shardIndex(), o.shardCount());
        Path outDir = o.out().toAbsolutePath().normalize();
        String command = System.getProperty("smrlab.launcher", "scripts/lab") + " " + String.join(" ", quoteAll(args));
        Path tmp;
        try {
            tmp = RunFolder.begin(outDir, name);
        } catch (IOException e) {
            throw new UsageException("cannot create " + outDir.resolve(RunFolder.inProgressName(name)) + ": " + e.getMessage());
        }
        double estimate = Plan.estimateSeconds(trials);
        out.printf("[lab] %s: %d trials, estimated %s; forks on %s (JDK %s, %s); membarrier: %s%n", name, trials.size(),
                duration(estimate), jvm.java(), jvm.get("java.version"), String.join(" ", jvm.forkArgs()),
                jvm.get("membarrier.status"));
        if (!Boolean.parseBoolean(jvm.get("membarrier.available"))) {
            List<String> barrier = Engines.types().stream().filter(t -> t.hasKnob(EngineType.BARRIER)).map(EngineType::name).toList();
            out.println("[lab] note: " + String.join(" and ", barrier) + " run their fenced read side on this JVM; to measure "
                    + "them with membarrier, fork on a JDK 22+: --jvm \"$(scripts/find-jdk22)\"");
        }
        out.printf("[lab] writing %s (renamed to %s when complete)%n", tmp, name);
        Set<String> failed = new LinkedHashSet<>();
        // Built once, at the start: the commit is the one the benchmarks were built from, even if someone
        // commits while a long profile runs; only finishedAt and the trials' status change at the end.
        RunInfo info = RunRecorder.start(o, command, started.toString(), jvm, trials, benchmarks, root);
        RunJson.write(tmp.resolve(RunFolder.RUN_JSON), info);

        LabOutput console = new LabOutput(out);
        List<RunResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        double estimatedDone = 0;
        for (int k = 0; k < trials.size(); k++) {
            PlannedTrial t = trials.get(k);
            Collection<RunResult> r;
            try {
                r = new Runner(options(t, jvm, tmp), console).run();
            } catch (RunnerException e) {
                out.println("[lab] trial failed: " + t.label() + ": " + e.getMessage());
                r = List.of();
            }
            if (r.isEmpty()) {
                failed.add(t.label());
            }
            results.addAll(r);
            writeResults(tmp, results);
            estimatedDone += t.estimateSeconds();
            double elapsed = (System.nanoTime() - t0) / 1e9;
            double eta = (estimate - estimatedDone) * (elapsed / estimatedDone);
            out.printf("[lab] %d/%d trials done%s, %s elapsed, ETA %s: %s%n", k + 1, trials.size(),
                    failed.isEmpty() ? "" : " (" + failed.size() + " failed)", duration(elapsed), duration(eta), t.label());
        }
        console.summary(results);
        String finished = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        RunJson.write(tmp.resolve(RunFolder.RUN_JSON), RunRecorder.finish(info, finished, failed));
        Path done = RunFolder.complete(tmp, outDir, name);
        printOverhead(out, results);
        out.printf("[lab] done in %s: %s%n", duration((System.nanoTime() - t0) / 1e9), done);
        if (!failed.isEmpty()) {
            out.println("[lab] failed trials (no results): ");
            failed.forEach(f -> out.println("        " + f));
        }
        report(out, root, done);
        return failed.isEmpty() ? 0 : 1;
    }

    /**
     * How long JMH waits for a trial's threads after an iteration's time is up before it interrupts
     * them and records the trial as failed (JMH's default is 10 minutes). Every suite's iteration
     * ends within a second or two of its time: the stall suite bounds its parked reader by the
     * iteration, and group readers release blocked writers.
     */
    static final int ITERATION_TIMEOUT_SECONDS = 60;

    /** The JMH options of one trial. */
    static Options options(PlannedTrial t, ForkJvm jvm, Path runDir) {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include("^" + Pattern.quote(t.benchmark()) + "$")
                .forks(t.run().forks())
                .warmupIterations(t.run().warmups())
                .warmupTime(t.run().warmup())
                .measurementIterations(t.run().iterations())
                .measurementTime(t.run().measurement())
                .jvmArgs(jvm.forkArgs().toArray(String[]::new))
                .jvm(jvm.java())
                .timeout(TimeValue.seconds(ITERATION_TIMEOUT_SECONDS)) // a hung trial is cut short, not the whole profile
                .shouldFailOnError(false);
        t.params().forEach((k, v) -> b.param(k, v));
        if (t.isGroup()) {
            b.threadGroups(t.threads().stream().mapToInt(Integer::intValue).toArray());
        } else {
            b.threads(t.threads().get(0));
        }
        if (t.profiled()) {
            b.addProfiler(SmrProfiler.class, "dir=" + runDir);
        }
        return b.build();
    }

    private static List<String> quoteAll(String[] args) {
        List<String> q = new ArrayList<>();
        for (String a : args) {
            q.add(a.matches("[A-Za-z0-9_./:=,@+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return q;
    }

    static void writeResults(Path dir, Collection<RunResult> results) {
        writeFormat(dir.resolve(RunFolder.RESULTS_CSV), ResultFormatType.CSV, results);
        writeFormat(dir.resolve(RunFolder.RESULTS_JSON), ResultFormatType.JSON, results);
    }

    private static void writeFormat(Path file, ResultFormatType type, Collection<RunResult> results) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (PrintStream ps = new PrintStream(Files.newOutputStream(part), false, StandardCharsets.UTF_8)) {
            ResultFormatFactory.getInstance(type, ps).writeOut(results);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + part, e);
        }
        move(part, file);
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + from + " to " + to, e);
        }
    }

    /** For ProfilerOverheadBench results: score(instrumented) / score(plain) per engine and threads. */
    static void printOverhead(PrintStream out, Collection<RunResult> results) {
        Map<String, double[]> pairs = new LinkedHashMap<>();
        for (RunResult r : results) {
            if (!r.getParams().getBenchmark().endsWith("ProfilerOverheadBench.mixed")) {
                continue;
            }
            String key = r.getParams().getParam(EngineParam.ENGINE) + " readRatio=" + r.getParams().getParam("readRatio")
                    + " threads=" + r.getParams().getThreads();
            double[] p = pairs.computeIfAbsent(key, k -> new double[] {Double.NaN, Double.NaN});
            p[Boolean.parseBoolean(r.getParams().getParam("instrumented")) ? 0 : 1] = r.getPrimaryResult().getScore();
        }
        if (pairs.isEmpty()) {
            return;
        }
        out.println("[lab] profiler overhead = ns/op instrumented / ns/op plain (goal <= 1.05):");
        pairs.forEach((k, p) -> out.printf("        %-40s %s%n", k,
                Double.isNaN(p[0]) || Double.isNaN(p[1]) ? "(one side missing)" : String.format("%.3f", p[0] / p[1])));
    }

    /**
     * Writes the run's HTML report with the reports tool: through {@code scripts/report} where the
     * repository has it (which first builds the tool if its sources changed, so the report is never
     * made by stale code), else with {@code reports/target/reports.jar} as it is.
     */
    private static void report(PrintStream out, Path root, Path runDir) {
        Path script = root.resolve("scripts/report");
        Path jar = root.resolve("reports/target/reports.jar");
        Path report = runDir.resolve(RunFolder.REPORT_DIR);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(script)) {
            command.add(script.toString());
        } else if (Files.isRegularFile(jar)) {
            command.addAll(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        } else {
            out.printf("[lab] no report: neither scripts/report nor %s is here. Make it with:%n", root.relativize(jar));
            out.printf("        scripts/report html %s --out %s%n", runDir, report);
            return;
        }
        command.addAll(List.of("html", runDir.toString(), "--out", report.toString()));
        try {
            Process p = new ProcessBuilder(command).inheritIO().start();
            int rc = p.waitFor();
            if (rc == 0) {
                out.printf("[lab] report: %s%n", report.resolve("index.html"));
            } else {
                out.printf("[lab] the reports tool failed (exit %d); the results are in %s%n", rc, runDir);
            }
        } catch (IOException e) {
            out.printf("[lab] cannot run the reports tool: %s%n", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
