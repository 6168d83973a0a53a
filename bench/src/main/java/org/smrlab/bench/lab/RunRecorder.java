package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.RunInfo;
import org.smrlab.run.TrialRecord;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Spec;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.engine.EngineType;

/**
 * Builds a run's {@link RunInfo} (run.json, docs/architecture.md) from what the lab knows: the
 * options, the forks' JVM, the planned trials, the engine catalogue and the benchmark list.
 *
 * <h2>Where each fact comes from</h2>
 * <ul>
 * <li>{@code jvm}, {@code machine}, {@code membarrier}: {@link JvmProbe} on the forks' JVM, with their flags.</li>
 * <li>{@code catalogue}: smr-impls' engine catalogue ({@link Engines#types()}), every engine with its facts.</li>
 * <li>{@code benchmarks}: JMH's benchmark list in this jar ({@link JmhBenchmarks#facts}), for the benchmarks
 *     the trials run: their {@code @Param} defaults and, for floors, what they measure.</li>
 * <li>each trial's {@code engine}: the spec its benchmark builds ({@link EngineParam#spec}), parsed by
 *     smr-impls' one spec parser, and its canonical spec as {@link JvmProbe} saw the engine call itself
 *     on the forks' JVM ({@code barrier=auto} resolved).</li>
 * <li>each trial's {@code durations}: its parameters that read as durations in smr-impls' one
 *     duration grammar ({@link Durations}), in nanoseconds.</li>
 * </ul>
 * The commit is read once, when the run starts: a commit made during a long profile must not relabel it.
 */
public final class RunRecorder {
    private RunRecorder() {
    }

    /** The engine specs the trials build, in plan order, each once: what {@link JvmProbe} is asked to build. */
    public static List<String> engineSpecs(List<PlannedTrial> trials) {
        Set<String> specs = new LinkedHashSet<>();
        for (PlannedTrial t : trials) {
            String spec = spec(t);
            if (spec != null) {
                specs.add(spec);
            }
        }
        return List.copyOf(specs);
    }

    /** The spec trial {@code t}'s benchmark builds, or null when it has no engine. */
    static String spec(PlannedTrial t) {
        String engine = t.params().get(EngineParam.ENGINE);
        if (engine == null) {
            return null;
        }
        try {
            return EngineParam.spec(engine, t.params().get(EngineParam.BATCH));
        } catch (IllegalArgumentException e) {
            throw new UsageException(t.label() + ": " + e.getMessage());
        }
    }

    /** run.json at the start of a run: every trial planned. */
    public static RunInfo start(LabOptions o, String command, String startedAt, ForkJvm jvm, List<PlannedTrial> trials,
                         JmhBenchmarks benchmarks, Path repoRoot) {
        List<TrialRecord> records = new ArrayList<>();
        TreeMap<String, BenchmarkFacts> used = new TreeMap<>();
        Set<String> ran = new LinkedHashSet<>();
        for (PlannedTrial t : trials) {
            TrialRecord r = record(t, jvm);
            records.add(r);
            used.computeIfAbsent(t.benchmark(), benchmarks::facts);
            if (r.engine() != null) {
                ran.add(r.engine().name());
            }
        }
        List<String> engines = Engines.names().stream().filter(ran::contains).toList();
        List<EngineFacts> catalogue = Engines.types().stream().map(RunRecorder::facts).toList();
        return new RunInfo(RunInfo.SCHEMA, o.profile(), new RunInfo.Shard(o.shardIndex(), o.shardCount()), command,
                startedAt, null,
                new RunInfo.Jvm(jvm.get("java.version"), jvm.get("java.vendor"), jvm.get("java.vm.name"),
                        jvm.get("java.vm.version"), jvm.forkArgs()),
                new RunInfo.Machine(cpuModel(jvm.get("os.arch")), parseIntOr(jvm.get("cores"),
                        Runtime.getRuntime().availableProcessors()), jvm.get("os.name"), jvm.get("os.version")),
                new RunInfo.MembarrierStatus(Boolean.parseBoolean(jvm.get("membarrier.available")), jvm.get("membarrier.status")),
                new RunInfo.Git(git(repoRoot, "rev-parse", "--short", "HEAD"), gitDirty(repoRoot)),
                engines, catalogue, used, records, null);
    }

    /** run.json at the end: the finishing time, each trial done or failed. */
    public static RunInfo finish(RunInfo started, String finishedAt, Set<String> failedLabels) {
        List<TrialRecord> records = started.trials().stream()
                .map(t -> t.withStatus(failedLabels.contains(t.label()) ? TrialRecord.Status.FAILED : TrialRecord.Status.DONE))
                .toList();
        return new RunInfo(started.schema(), started.profile(), started.shard(), started.command(), started.startedAt(),
                finishedAt, started.jvm(), started.machine(), started.membarrier(), started.git(), started.engines(),
                started.catalogue(), started.benchmarks(), records, started.mergedFrom());
    }

    /** One engine of the catalogue as run.json records it. */
    static EngineFacts facts(EngineType t) {
        return new EngineFacts(t.name(), t.family().words(), t.summary(), t.models(), t.hasWriteSide(), t.sectionsNest(),
                t.retireBlocks(), t.enterBlocks(), t.neverFrees(), t.unsafeByDesign(), t.defaultKnobs());
    }

    static TrialRecord record(PlannedTrial t, ForkJvm jvm) {
        RunLength l = t.run();
        TrialRecord.EngineUse engine = null;
        String spec = spec(t);
        if (spec != null) {
            String canonical = jvm.engines().get(spec);
            Spec parsed = Spec.parse(spec);
            boolean checked = Engines.type(parsed.engine()).configure(parsed).bool(EngineType.CHECKED);
            engine = new TrialRecord.EngineUse(parsed.engine(), spec,
                    Spec.parse(EngineParam.asSpec(t.params().get(EngineParam.ENGINE))).knobs(), canonical,
                    canonical == null ? Map.of() : Spec.parse(canonical).knobs(), checked);
        }
        TreeMap<String, Long> durations = new TreeMap<>();
        t.params().forEach((k, v) -> {
            try {
                durations.put(k, Durations.parseNanos(v, 0));
            } catch (IllegalArgumentException notADuration) {
                // a number without a unit, a word, a spec: not a duration
            }
        });
        return new TrialRecord(t.benchmark(), t.params(), t.threads(), t.label(),
                new TrialRecord.Length(l.forks(), l.warmups(), l.warmupTime(), l.iterations(), l.iterationTime()),
                t.profiled(), engine, durations, TrialRecord.Status.PLANNED);
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The first "model name" of /proc/cpuinfo (Linux); else the architecture. */
    static String cpuModel(String arch) {
        Path info = Paths.get("/proc/cpuinfo");
        try {
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name") && line.contains(":")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return arch == null || arch.isEmpty() ? "unknown" : arch;
    }

    /** Output of a read-only git command in {@code root}, or "unknown". */
    static String git(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Whether tracked files differ from HEAD ({@code git diff --quiet HEAD}); null when git cannot tell. */
    static Boolean gitDirty(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "diff", "--quiet", "HEAD", "--")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            int rc = p.exitValue();
            return rc == 0 ? Boolean.FALSE : rc == 1 ? Boolean.TRUE : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
