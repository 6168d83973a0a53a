package org.smrlab.bench.lab;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.smr.Engines;

/**
 * Expands a profile into its trials, narrows them to {@code --engines}, and splits them into shards.
 *
 * <h2>Implementation notes</h2>
 * A trial pins every parameter of its benchmark: the entry's values, else the annotation's (a
 * parameter whose annotation lists several values expands into several trials, exactly as JMH
 * would). Trials are deduplicated by {@link PlannedTrial#key()} (the first entry wins) and sorted by it;
 * shard {@code i} of {@code n} takes every trial whose index in that order is {@code i-1} modulo
 * {@code n}. Sorting first makes the split independent of the table's order and the same on every
 * machine; round-robin spreads each benchmark's trials over all shards, so shards take about the
 * same time.
 */
public final class Plan {
    private Plan() {
    }

    /**
     * Every trial of {@code profile}, sorted.
     *
     * @param selection {@code --engines}, or null for the profile's own engines
     * @param cores     what {@code max} means
     */
    public static List<PlannedTrial> expand(Profile profile, EngineSelection selection, int cores, JmhBenchmarks benchmarks) {
        Map<String, PlannedTrial> trials = new LinkedHashMap<>();
        for (Entry e : profile.entries()) {
            for (PlannedTrial t : expand(e, selection, cores, benchmarks)) {
                trials.putIfAbsent(t.key(), t);
            }
        }
        List<PlannedTrial> sorted = new ArrayList<>(trials.values());
        sorted.sort(Comparator.comparing(PlannedTrial::key));
        return sorted;
    }

    static List<PlannedTrial> expand(Entry e, EngineSelection selection, int cores, JmhBenchmarks benchmarks) {
        JmhBenchmarks.Benchmark b = benchmarks.get(e.qualifiedName());
        Map<String, List<String>> values = new TreeMap<>();
        List<String> engines = engines(e, selection);
        boolean hasEngine = b.params().containsKey(EngineParam.ENGINE);
        if (e.engineSet() == EngineSet.NONE) {
            if (hasEngine) {
                throw new IllegalStateException(e.benchmark() + " has an engine parameter; its entry must name engines");
            }
        } else {
            if (!hasEngine) {
                throw new IllegalStateException(e.benchmark() + " has no engine parameter; its entry must say noEngine()");
            }
            if (engines.isEmpty()) {
                return List.of();
            }
            values.put(EngineParam.ENGINE, engines);
        }
        for (Map.Entry<String, List<String>> p : e.params().entrySet()) {
            if (!b.params().containsKey(p.getKey())) {
                throw new IllegalStateException(e.benchmark() + " has no parameter '" + p.getKey() + "'; it has "
                        + b.params().keySet());
            }
            values.put(p.getKey(), p.getValue());
        }
        b.params().forEach(values::putIfAbsent);

        List<List<Integer>> threadCounts = new ArrayList<>();
        for (String token : e.threads()) {
            List<Integer> t = threads(token, cores);
            if ((t.size() > 1) != b.group()) {
                throw new IllegalStateException(e.benchmark() + ": thread token '" + token + "' "
                        + (b.group() ? "must list one count per group member (e.g. 1,1)" : "must be one count (it is not a @Group)"));
            }
            if (!threadCounts.contains(t)) {
                threadCounts.add(t);
            }
        }

        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new TreeMap<>());
        for (Map.Entry<String, List<String>> p : values.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : p.getValue()) {
                    Map<String, String> m = new TreeMap<>(c);
                    m.put(p.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        List<PlannedTrial> out = new ArrayList<>();
        for (Map<String, String> c : combos) {
            for (List<Integer> t : threadCounts) {
                out.add(new PlannedTrial(e.qualifiedName(), new TreeMap<>(c), t, e.run(), e.profiled()));
            }
        }
        return out;
    }

    private static List<String> engines(Entry e, EngineSelection selection) {
        switch (e.engineSet()) {
            case NONE:
                return List.of();
            case SAFE:
                return selection == null ? Engines.safeNames() : selection.specs();
            case WRITE_SIDE: {
                List<String> from = selection == null ? Engines.safeNames() : selection.specs();
                List<String> out = new ArrayList<>();
                for (String s : from) {
                    if (Engines.type(EngineParam.name(s)).hasWriteSide()) {
                        out.add(s);
                    }
                }
                return out;
            }
            case EXPLICIT: {
                if (selection == null) {
                    return e.engineSpecs();
                }
                Set<String> names = selection.names();
                List<String> out = new ArrayList<>();
                for (String s : e.engineSpecs()) {
                    if (names.contains(EngineParam.name(s))) {
                        out.add(s);
                    }
                }
                return out;
            }
            default:
                throw new IllegalStateException(e.engineSet().toString());
        }
    }

    /** Resolves a thread token ({@code 2}, {@code max}, {@code 2max}, {@code max-1,1}). */
    static List<Integer> threads(String token, int cores) {
        List<Integer> out = new ArrayList<>();
        for (String part : token.split(",")) {
            String p = part.strip();
            int n;
            switch (p) {
                case "max":
                    n = cores;
                    break;
                case "2max":
                    n = 2 * cores;
                    break;
                case "max-1":
                    n = Math.max(1, cores - 1);
                    break;
                default:
                    try {
                        n = Integer.parseInt(p);
                    } catch (NumberFormatException ex) {
                        throw new IllegalStateException("thread token '" + token + "': '" + p + "' is not a number, max, 2max or max-1");
                    }
            }
            if (n < 1) {
                throw new IllegalStateException("thread token '" + token + "' gives " + n + " threads");
            }
            out.add(n);
        }
        return out;
    }

    /** Shard {@code index} (1-based) of {@code count}: round-robin over the sorted trials. */
    public static List<PlannedTrial> shard(List<PlannedTrial> sorted, int index, int count) {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " is not valid: need 1 <= i <= n");
        }
        List<PlannedTrial> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            if (k % count == index - 1) {
                out.add(sorted.get(k));
            }
        }
        return out;
    }

    /** Total estimated seconds. */
    public static double estimateSeconds(List<PlannedTrial> trials) {
        double s = 0;
        for (PlannedTrial t : trials) {
            s += t.estimateSeconds();
        }
        return s;
    }
}
