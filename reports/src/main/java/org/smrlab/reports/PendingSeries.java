package org.smrlab.reports;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Pending nodes over time from a stall trial: {@code pending/<benchmark>@<params;threads=T>@fork<N>.csv}
 * as the bench's profiler writes it (or a {@code pending-<anything>.csv} at the top of the run
 * folder): optional header comments {@code #[benchmark ...]}, {@code #[params ...]},
 * {@code #[fork N]}, {@code #[threads T]} naming the trial exactly, then the columns
 * {@code t_ms,pending}, one sample per line.
 */
public record PendingSeries(Path path, String benchmark, SortedMap<String, String> params, Integer threads, int fork,
                            String fileStem, double[] timeMs, double[] pending) {

    public static PendingSeries read(Path file, String text) {
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected the columns t_ms,pending)");
        }
        String benchmark = null;
        SortedMap<String, String> params = null;
        Integer threads = null;
        Integer fork = null;
        List<double[]> points = new ArrayList<>();
        boolean header = false;
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (line.startsWith("#[") && line.endsWith("]")) {
                    String body = line.substring(2, line.length() - 1);
                    int space = body.indexOf(' ');
                    String key = space < 0 ? body : body.substring(0, space);
                    String value = space < 0 ? "" : body.substring(space + 1).trim();
                    switch (key) {
                        case "benchmark" -> benchmark = value;
                        case "params" -> params = HlogFile.parseParams(value);
                        case "threads" -> threads = HlogFile.headerNumber(file, i + 1, key, value);
                        case "fork" -> fork = HlogFile.headerNumber(file, i + 1, key, value);
                        default -> { }
                    }
                }
                continue;
            }
            String[] fields = line.split(",");
            if (!header) {
                if (fields.length != 2 || !fields[0].trim().equals("t_ms") || !fields[1].trim().equals("pending")) {
                    throw new InputException(file, i + 1, 1, "expected the header t_ms,pending, found '" + line + "'");
                }
                header = true;
                continue;
            }
            if (fields.length != 2) {
                throw new InputException(file, i + 1, 1, "expected 2 fields (t_ms,pending), found " + fields.length);
            }
            double[] point = new double[2];
            for (int f = 0; f < 2; f++) {
                try {
                    point[f] = Double.parseDouble(fields[f].trim());
                } catch (NumberFormatException e) {
                    throw new InputException(file, i + 1, f == 0 ? 1 : fields[0].length() + 2,
                            "field " + (f + 1) + ": '" + fields[f] + "' is not a number");
                }
            }
            points.add(point);
        }
        if (points.isEmpty()) {
            throw new InputException(file, lines.length, 1, "no samples after the header t_ms,pending");
        }
        String name = file.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        int at = stem.lastIndexOf("@fork");
        if (at > 0 && stem.substring(at + 5).matches("\\d+")) {
            fork = fork != null ? fork : Integer.parseInt(stem.substring(at + 5));
            stem = stem.substring(0, at);
        }
        return new PendingSeries(file, benchmark, params, threads, fork == null ? 1 : fork, stem,
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray());
    }

    /** Does this series belong to that trial? By header where it has one, else by file name. */
    public boolean belongsTo(TrialKey key) {
        if (benchmark != null && params != null) {
            return benchmark.equals(key.benchmark()) && params.equals(key.params())
                    && (threads == null || threads == key.threads());
        }
        return key.matchesFileStem(fileStem);
    }

    /** The engine parameter, from the header or the file name; null when neither says. */
    public String engine() {
        if (params != null) {
            return params.get(EngineSpec.PARAM);
        }
        for (String part : fileStem.split("[@;]")) {
            if (part.startsWith(EngineSpec.PARAM + "=")) {
                return part.substring(EngineSpec.PARAM.length() + 1);
            }
        }
        return null;
    }

    /** What the series shares with the other engines of its chart: benchmark, other parameters, threads. */
    public String chartGroup() {
        if (benchmark == null || params == null) {
            String engine = engine();
            return engine == null ? fileStem : fileStem.replace(EngineSpec.PARAM + "=" + TrialKey.sanitize(engine), EngineSpec.PARAM + "=*");
        }
        SortedMap<String, String> rest = new java.util.TreeMap<>(params);
        rest.remove(EngineSpec.PARAM);
        String shortName = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
        StringBuilder sb = new StringBuilder(shortName);
        if (threads != null) {
            sb.append(" · ").append(threads).append(threads == 1 ? " thread" : " threads");
        }
        rest.forEach((k, v) -> sb.append(" · ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** The legend entry: the engine (or the file name), and the fork after the first. */
    public String legend() {
        String engine = engine();
        return (engine == null ? path.getFileName().toString() : engine) + (fork > 1 ? " (fork " + fork + ")" : "");
    }
}
