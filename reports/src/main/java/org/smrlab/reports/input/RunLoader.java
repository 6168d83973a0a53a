package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.smrlab.reports.model.HlogFile;
import org.smrlab.reports.model.PendingSeries;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunFormatException;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialRecord;

/**
 * Reads the command line's inputs: a run folder written by the lab launcher (run-format's
 * {@link RunFolder}: run.json, results.json or results.csv, hlog/*.hlog, pending/*.csv), or a bare
 * JMH result file (.csv or .json) as anyone running benchmarks.jar writes it; and groups them into
 * {@link Run}s.
 *
 * <p>Implementation notes. Everything is read and checked before any command writes a byte, so a
 * bad input never leaves half a report. A run folder's results.json is preferred to its
 * results.csv: both hold the same trials when the launcher wrote them, and the JSON also says
 * which JVM ran them. The report/ folder inside a run is output, never input. Each trial is paired
 * with its entry in run.json (schema 2: same benchmark, parameters and threads), which names its
 * engine; a schema-1 run.json opens too, its trials' engines then unknown, as in a bare file.
 *
 * <p>Grouping. Results from different machines or JDKs are never pooled: each run keeps its own
 * label (profile · CPU ×cores · JDK, from run.json; a bare file is labelled by its name and, for
 * JSON, the JDK it names). Inputs are combined only when they are shards of one run: same label,
 * same profile, same shard count, different shard index. Anything ambiguous (two inputs claiming
 * the same shard, one trial in two shards) is an error rather than a guess. Labels that would
 * still collide get the folder names appended.
 */
public final class RunLoader {

    private RunLoader() {
    }

    public static RunInput load(Path path) {
        if (!Files.exists(path)) {
            throw InputException.of(path, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return loadFolder(path);
        }
        String name = path.getFileName().toString();
        if (name.equals(RunFolder.RUN_JSON)) {
            return loadFolder(path.toAbsolutePath().getParent());
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String text = readText(path);
        ResultFile results;
        if (lower.endsWith(".csv")) {
            results = JmhCsvReader.read(path, text);
        } else if (lower.endsWith(".json")) {
            results = JmhJsonReader.read(path, text);
        } else {
            results = sniff(path, text);
        }
        return new RunInput(path, name, null, results, List.of(), List.of(), List.of());
    }

    /** A result file with another extension (JMH's -rff takes any name): recognised by its first characters. */
    private static ResultFile sniff(Path path, String text) {
        String start = text.stripLeading();
        if (start.startsWith("[")) {
            return JmhJsonReader.read(path, text);
        }
        if (start.startsWith("\"Benchmark\",") || start.startsWith("Benchmark,")) {
            return JmhCsvReader.read(path, text);
        }
        String hint = start.startsWith("Benchmark ") ? " (this looks like JMH's -rf text, which is for people; rerun with -rf csv or -rf json)" : "";
        throw new InputException(path, 1, 1, "unknown format: expected JMH -rf csv or -rf json output, or a run folder with run.json" + hint);
    }

    private static RunInput loadFolder(Path dir) {
        Path runJson = dir.resolve(RunFolder.RUN_JSON);
        if (!Files.isRegularFile(runJson)) {
            throw InputException.of(dir, "not a run folder: no " + RunFolder.RUN_JSON
                    + " (pass a bare JMH result file by its own path)");
        }
        RunInfo info;
        try {
            info = RunJson.read(readText(runJson));
        } catch (RunFormatException e) {
            throw new InputException(runJson, e.line(), e.column(), e.getMessage());
        }
        Path json = dir.resolve(RunFolder.RESULTS_JSON);
        Path csv = dir.resolve(RunFolder.RESULTS_CSV);
        ResultFile results;
        if (Files.isRegularFile(json)) {
            results = JmhJsonReader.read(json, readText(json));
        } else if (Files.isRegularFile(csv)) {
            results = JmhCsvReader.read(csv, readText(csv));
        } else {
            throw InputException.of(dir, "run folder without " + RunFolder.RESULTS_JSON + " or " + RunFolder.RESULTS_CSV);
        }
        List<String> notes = new ArrayList<>();
        results = withRecords(results, info, notes);
        List<HlogFile> hlogs = new ArrayList<>();
        for (Path p : list(dir.resolve(RunFolder.HLOG_DIR), TrialFileNames.HLOG_EXTENSION)) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw InputException.of(p, "not readable: " + e.getMessage());
            }
            if (bytes.length == 0) {
                // the profiler claims a fork's file before writing it: an empty one is a fork that died
                notes.add(p + ": empty interval log ignored (a fork that wrote nothing)");
                continue;
            }
            hlogs.add(HlogReader.read(p, bytes));
        }
        List<PendingSeries> pending = new ArrayList<>();
        for (Path p : list(dir.resolve(RunFolder.PENDING_DIR), TrialFileNames.PENDING_EXTENSION)) {
            pending.add(PendingReader.read(p, readText(p)));
        }
        if (info.schema1()) {
            notes.add(runJson + ": schema " + RunInfo.SCHEMA_1 + " (an older lab): the engines' facts, canonical specs and "
                    + "the benchmarks' defaults are not recorded there, so they show as unknown");
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new RunInput(dir, name == null ? dir.toString() : name.toString(), info, results, hlogs, pending, notes);
    }

    /** Pairs each trial with run.json's entry for it (benchmark, parameters, threads). */
    private static ResultFile withRecords(ResultFile results, RunInfo info, List<String> notes) {
        if (info.schema1()) {
            return results;
        }
        Map<String, TrialRecord> byKey = new HashMap<>();
        for (TrialRecord r : info.trials()) {
            if (r.benchmark() != null) {
                byKey.put(r.benchmark() + "|" + r.params() + "|" + r.totalThreads(), r);
            }
        }
        Map<String, EngineFacts> facts = info.facts();
        List<TrialResult> paired = new ArrayList<>();
        int unmatched = 0;
        for (TrialResult t : results.trials()) {
            TrialRecord r = byKey.get(t.key().benchmark() + "|" + t.key().params() + "|" + t.key().threads());
            if (r == null) {
                unmatched++;
                paired.add(t);
            } else {
                paired.add(t.withRecord(r, r.engine() == null ? null : facts.get(r.engine().name())));
            }
        }
        if (unmatched > 0) {
            notes.add(results.path() + ": " + unmatched + " trial(s) not in run.json's trials: their engines' facts are unknown");
        }
        return new ResultFile(results.path(), results.format(), paired, results.jvm());
    }

    /** Regular files directly in {@code dir} with that suffix, sorted by name; none if no folder. */
    private static List<Path> list(Path dir, String suffix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + e.getMessage());
        }
    }

    public static String readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InputException.of(file, "not UTF-8 text (is this a result file?)");
        } catch (IOException e) {
            throw InputException.of(file, "not readable: " + e.getMessage());
        }
    }

    /** The label before any disambiguation: what identifies a machine, JDK and profile. */
    public static String baseLabel(RunInput input) {
        List<String> parts = new ArrayList<>();
        RunInfo info = input.info();
        RunInfo.Jvm jvm = info != null && info.jvm() != null && info.jvm().version() != null ? info.jvm() : input.results().jvm();
        String jdk = jvm == null ? null : jvm.version();
        if (info != null) {
            if (info.profile() != null) {
                parts.add(info.profile());
            }
            if (info.machineLine() != null) {
                parts.add(info.machineLine());
            }
        } else {
            parts.add(input.name());
        }
        if (jdk != null) {
            parts.add("JDK " + jdk);
        }
        return parts.isEmpty() ? input.name() : String.join(" · ", parts);
    }

    /** Groups inputs into runs, in argument order: shards of one run together, everything else apart. */
    public static List<Run> group(List<RunInput> inputs) {
        Map<String, List<RunInput>> groups = new LinkedHashMap<>();
        int solo = 0;
        for (RunInput input : inputs) {
            RunInfo info = input.info();
            String key = info != null && info.sharded()
                    ? "shards|" + baseLabel(input) + "|" + info.shardCount()
                    : "solo|" + solo++;
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(input);
        }
        List<Run> runs = new ArrayList<>();
        for (List<RunInput> group : groups.values()) {
            Map<Integer, RunInput> byIndex = new HashMap<>();
            for (RunInput input : group) {
                if (input.info() == null) {
                    continue;
                }
                RunInput other = byIndex.putIfAbsent(input.info().shardIndex(), input);
                if (other != null) {
                    throw InputException.usage(other.path() + " and " + input.path() + " are both shard "
                            + input.info().shardIndex() + " of " + input.info().shardCount() + " of '" + baseLabel(input)
                            + "'; pass the shards of one run at a time");
                }
            }
            List<RunInput> sorted = new ArrayList<>(group);
            sorted.sort((a, b) -> a.info() == null || b.info() == null ? 0
                    : Integer.compare(a.info().shardIndex(), b.info().shardIndex()));
            runs.add(new Run(baseLabel(sorted.get(0)), sorted, collectTrials(sorted)));
        }
        Map<String, Long> counts = runs.stream().collect(Collectors.groupingBy(Run::label, Collectors.counting()));
        List<Run> labelled = new ArrayList<>();
        for (Run run : runs) {
            labelled.add(counts.get(run.label()) > 1 ? new Run(run.label() + " · " + run.sources(), run.parts(), run.trials()) : run);
        }
        return labelled;
    }

    private static List<TrialResult> collectTrials(List<RunInput> parts) {
        Map<TrialKey, TrialResult> seen = new LinkedHashMap<>();
        for (RunInput part : parts) {
            for (TrialResult t : part.results().trials()) {
                TrialResult other = seen.putIfAbsent(t.key(), t);
                if (other != null && !Objects.equals(other.origin(), t.origin())) {
                    throw InputException.usage("trial " + t.key() + " appears twice in one run: "
                            + other.origin() + " and " + t.origin());
                }
            }
        }
        return List.copyOf(seen.values());
    }
}
