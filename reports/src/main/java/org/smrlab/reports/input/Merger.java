package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;

/**
 * Combines the shards of one profile into one run folder, as if the lab had run it in one go.
 *
 * <p>Implementation notes. Shards must agree on what makes them one run (label: profile, CPU,
 * cores, JDK; and shard count), and all of 1..n must be there: merging a partial set would
 * produce a run that looks complete and is not. The result files are concatenated, not
 * re-measured: results.json as the arrays' elements, untouched; results.csv rewritten in JMH's
 * own layout with the union of the shards' parameter columns (a shard without a parameter gets
 * an empty cell, exactly what JMH writes for a benchmark without it), each cell's text kept as it
 * was. run.json (through run-format's one writer) is the first shard's, with {@code shard} set to
 * 1 of 1, the time span widened to cover all shards, the engine lists, benchmarks and trials joined,
 * and {@code mergedFrom} naming the shards. Interval logs and pending series are copied; the same
 * name in two shards with different content is an error (one trial measured twice).
 */
public final class Merger {

    /** JMH's CSV quotes its text columns (header, benchmark, mode, unit) always, the others only as needed. */
    private static final CSVFormat QUOTE_ALL = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.ALL).get();
    private static final CSVFormat AS_NEEDED = CSVFormat.DEFAULT.builder().setQuoteMode(QuoteMode.MINIMAL).get();

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Merger() {
    }

    /** Checks the shards and returns them in shard order; throws InputException if they are not one complete run. */
    public static List<RunInput> check(List<RunInput> inputs) {
        for (RunInput in : inputs) {
            if (!in.isFolder()) {
                throw InputException.of(in.path(), "merge takes run folders (with run.json); this is a bare result file");
            }
        }
        RunInput first = inputs.get(0);
        String label = RunLoader.baseLabel(first);
        int count = first.info().shardCount();
        for (RunInput in : inputs) {
            if (!RunLoader.baseLabel(in).equals(label) || in.info().shardCount() != count) {
                throw InputException.usage("not shards of one run: " + first.path() + " is '" + label + "', shard "
                        + first.info().shardIndex() + " of " + count + "; " + in.path() + " is '" + RunLoader.baseLabel(in)
                        + "', shard " + in.info().shardIndex() + " of " + in.info().shardCount());
            }
        }
        if (count == 1) {
            throw InputException.of(first.path(), "is not sharded (shard 1 of 1): nothing to merge");
        }
        List<Run> runs = RunLoader.group(inputs);   // rejects duplicate shard indexes and trials measured twice
        List<RunInput> shards = runs.get(0).parts();
        Set<Integer> present = new TreeSet<>();
        shards.forEach(s -> present.add(s.info().shardIndex()));
        List<Integer> missing = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            if (!present.contains(i)) {
                missing.add(i);
            }
        }
        if (!missing.isEmpty()) {
            throw InputException.usage("shard" + (missing.size() > 1 ? "s " : " ") + missing + " of " + count + " of '"
                    + label + "' missing; merge needs all of them");
        }
        return shards;
    }

    /** Writes the merged run into {@code dir}, an empty folder. */
    public static void write(List<RunInput> shards, Path dir) throws IOException {
        RunJson.write(dir.resolve(RunFolder.RUN_JSON), runJson(shards));
        boolean allJson = shards.stream().allMatch(s -> Files.isRegularFile(s.path().resolve(RunFolder.RESULTS_JSON)));
        boolean allCsv = shards.stream().allMatch(s -> Files.isRegularFile(s.path().resolve(RunFolder.RESULTS_CSV)));
        if (!allJson && !allCsv) {
            throw InputException.usage("the shards share no result format: each needs results.json, or each results.csv");
        }
        if (allJson) {
            ArrayNode all = MAPPER.createArrayNode();
            for (RunInput s : shards) {
                all.addAll((ArrayNode) MAPPER.readTree(s.path().resolve(RunFolder.RESULTS_JSON).toFile()));
            }
            Files.writeString(dir.resolve(RunFolder.RESULTS_JSON), MAPPER.writeValueAsString(all) + "\n");
        }
        if (allCsv) {
            Files.writeString(dir.resolve(RunFolder.RESULTS_CSV), mergeCsv(shards));
        }
        for (RunInput s : shards) {
            copyAll(s.path().resolve(RunFolder.HLOG_DIR), dir.resolve(RunFolder.HLOG_DIR));
            copyAll(s.path().resolve(RunFolder.PENDING_DIR), dir.resolve(RunFolder.PENDING_DIR));
        }
    }

    private static RunInfo runJson(List<RunInput> shards) {
        RunInfo first = shards.get(0).info();
        String started = null;
        String finished = null;
        Set<String> engines = new LinkedHashSet<>();
        TreeMap<String, BenchmarkFacts> benchmarks = first.benchmarks() == null ? null : new TreeMap<>();
        List<TrialRecord> trials = new ArrayList<>();
        List<RunInfo.MergedShard> from = new ArrayList<>();
        for (RunInput s : shards) {
            RunInfo info = s.info();
            if (info.startedAt() != null && (started == null || info.startedAt().compareTo(started) < 0)) {
                started = info.startedAt();
            }
            if (info.finishedAt() != null && (finished == null || info.finishedAt().compareTo(finished) > 0)) {
                finished = info.finishedAt();
            }
            engines.addAll(info.engines());
            if (benchmarks != null && info.benchmarks() != null) {
                benchmarks.putAll(info.benchmarks());
            }
            trials.addAll(info.trials());
            from.add(new RunInfo.MergedShard(s.name(), info.shard().index(), info.command()));
        }
        List<String> ordered = new ArrayList<>(engines);
        if (first.catalogue() != null) { // the catalogue's order
            List<String> names = first.catalogue().stream().map(EngineFacts::name).toList();
            ordered.sort(Comparator.comparingInt(e -> names.indexOf(e) < 0 ? names.size() : names.indexOf(e)));
        }
        return new RunInfo(first.schema(), first.profile(), new RunInfo.Shard(1, 1), first.command(), started, finished,
                first.jvm(), first.machine(), first.membarrier(), first.git(), ordered, first.catalogue(), benchmarks,
                trials, from);
    }

    static String mergeCsv(List<RunInput> shards) {
        List<JmhCsvReader.Table> tables = new ArrayList<>();
        for (RunInput s : shards) {
            Path file = s.path().resolve(RunFolder.RESULTS_CSV);
            tables.add(JmhCsvReader.readTable(file, RunLoader.readText(file)));
        }
        List<String> fixed = new ArrayList<>();
        Set<String> params = new TreeSet<>();
        for (String h : tables.get(0).header()) {
            if (!h.startsWith(JmhCsvReader.PARAM_PREFIX)) {
                fixed.add(h);
            }
        }
        tables.forEach(t -> t.header().stream().filter(h -> h.startsWith(JmhCsvReader.PARAM_PREFIX)).forEach(params::add));
        List<String> header = new ArrayList<>(fixed);
        header.addAll(params);
        StringBuilder out = new StringBuilder();
        out.append(QUOTE_ALL.format(header.toArray())).append("\r\n");
        for (JmhCsvReader.Table t : tables) {
            for (JmhCsvReader.Row row : t.rows()) {
                Map<String, String> byName = new LinkedHashMap<>();
                for (int i = 0; i < t.header().size(); i++) {
                    String h = t.header().get(i);
                    byName.put(h.startsWith(JmhCsvReader.ERROR_PREFIX) ? fixedErrorColumn(fixed) : h, row.cells().get(i));
                }
                List<String> cells = new ArrayList<>();
                for (String h : header) {
                    String v = byName.getOrDefault(h, "");
                    boolean quoted = h.equals(JmhCsvReader.BENCHMARK) || h.equals(JmhCsvReader.MODE) || h.equals(JmhCsvReader.UNIT);
                    cells.add(quoted ? QUOTE_ALL.format(v) : v.isEmpty() ? v : AS_NEEDED.format(v));
                }
                out.append(String.join(",", cells)).append("\r\n");
            }
        }
        return out.toString();
    }

    private static String fixedErrorColumn(List<String> fixed) {
        return fixed.stream().filter(h -> h.startsWith(JmhCsvReader.ERROR_PREFIX)).findFirst().orElseThrow();
    }

    private static void copyAll(Path from, Path to) throws IOException {
        if (!Files.isDirectory(from)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(from)) {
            files = list.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            Files.createDirectories(to);
            Path target = to.resolve(f.getFileName().toString());
            if (Files.exists(target)) {
                if (!Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(target))) {
                    throw InputException.of(f, "another shard has a different file of the same name (one trial measured twice?)");
                }
                continue;
            }
            Files.copy(f, target);
        }
    }
}
