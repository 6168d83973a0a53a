package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.smrlab.bench.SmrProfiler;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.smr.Engines;

/**
 * The CI check of a smoke run's results.csv: {@code scripts/lab check-smoke PATH} (or
 * {@code scripts/check-smoke PATH}), where PATH is the CSV, a run folder, or an {@code --out}
 * folder (its newest complete {@code smoke-*} run is checked).
 *
 * <p>It fails (exit 1, naming each problem) unless: every safe engine appears; every engine
 * carries every SMR profiler label (docs/architecture.md) on some row; and every {@code smr.uaf}
 * row is 0, except for the {@code broken} engine, which exists to make the detectors fire.
 * A missing or unreadable file exits 2.
 */
public final class SmokeCheck {
    private SmokeCheck() {
    }

    /** Runs the check; returns the exit status. */
    public static int main(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: scripts/lab check-smoke RUN_DIR | OUT_DIR | results.csv");
            return 2;
        }
        Path csv;
        String text;
        try {
            csv = locate(Paths.get(args[0]));
            text = Files.readString(csv, StandardCharsets.UTF_8);
        } catch (IOException | IllegalArgumentException e) {
            err.println("check-smoke: " + e.getMessage());
            return 2;
        }
        List<String> problems;
        try {
            problems = check(text, Engines.safeNames(), SmrProfiler.LABELS);
        } catch (IllegalArgumentException e) {
            err.println("check-smoke: " + csv + ": " + e.getMessage());
            return 2;
        }
        if (problems.isEmpty()) {
            out.println("check-smoke: OK: " + csv + ": every engine present, every SMR metric present, no use-after-free");
            return 0;
        }
        err.println("check-smoke: FAILED: " + csv);
        problems.forEach(p -> err.println("  - " + p));
        return 1;
    }

    /** The CSV to check for {@code path}: itself, the run folder's results.csv, or the newest smoke run's. */
    static Path locate(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException(path + ": no such file or directory");
        }
        Path direct = path.resolve("results.csv");
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        try (Stream<Path> s = Files.list(path)) {
            Optional<Path> newest = s.filter(p -> p.getFileName().toString().startsWith("smoke-"))
                    .filter(p -> Files.isRegularFile(p.resolve("results.csv")))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
            return newest.map(p -> p.resolve("results.csv")).orElseThrow(() ->
                    new IllegalArgumentException(path + ": no results.csv, and no complete smoke-* run folder in it"));
        }
    }

    /** Every problem found in the CSV text; empty when the smoke run passes. */
    public static List<String> check(String text, List<String> engines, List<String> labels) {
        List<List<String>> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("empty CSV");
        }
        List<String> header = rows.get(0);
        int bench = header.indexOf("Benchmark");
        int score = header.indexOf("Score");
        int engine = header.indexOf("Param: engine");
        if (bench < 0 || score < 0) {
            throw new IllegalArgumentException("not a JMH CSV: the header lacks \"Benchmark\" or \"Score\": " + header);
        }
        List<String> problems = new ArrayList<>();
        if (engine < 0) {
            problems.add("no \"Param: engine\" column: no engine ran");
            return problems;
        }
        Set<String> seen = new LinkedHashSet<>();
        Map<String, Set<String>> labelsByEngine = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() <= Math.max(bench, Math.max(score, engine))) {
                problems.add("line " + (r + 1) + ": " + row.size() + " fields, fewer than the header's " + header.size());
                continue;
            }
            String spec = row.get(engine);
            if (spec.isEmpty()) {
                continue; // a floor
            }
            String name = EngineParam.name(spec);
            seen.add(name);
            String b = row.get(bench);
            int colon = b.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String label = b.substring(colon + 1);
            labelsByEngine.computeIfAbsent(name, k -> new TreeSet<>()).add(label);
            if (label.equals(SmrProfiler.UAF) && !name.equals("broken")) {
                double v = number(row.get(score));
                if (!(v == 0)) {
                    problems.add("line " + (r + 1) + ": " + b + " engine=" + spec + ": smr.uaf = " + row.get(score)
                            + " (use-after-free detected; must be 0)");
                }
            }
        }
        for (String e : engines) {
            if (!seen.contains(e)) {
                problems.add("engine " + e + " is missing (no row has engine=" + e + ")");
                continue;
            }
            Set<String> have = labelsByEngine.getOrDefault(e, Set.of());
            List<String> missing = new ArrayList<>();
            for (String l : labels) {
                if (!have.contains(l)) {
                    missing.add(l);
                }
            }
            if (!missing.isEmpty()) {
                problems.add("engine " + e + " lacks SMR profiler metrics " + missing + " (was the run made with -prof "
                        + SmrProfiler.class.getName() + "?)");
            }
        }
        return problems;
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
