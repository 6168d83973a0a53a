package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.smrlab.reports.input.InputException;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.TrialRecord;

/**
 * Engines side by side: for each benchmark and parameter set, one row per engine (and per floor),
 * one column per run, each cell a score ± error with its ratio to the baseline.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>A table is one benchmark method, mode, thread count and set of parameters other than
 *       {@code engine}. Where batch sizes are swept through a {@code batch=} knob written in the
 *       engine parameter (one engine appears with several; run.json says which knobs a parameter
 *       wrote), the knob counts as a parameter, so {@code gus:batch=64} and {@code ebr:batch=64}
 *       share a table with rows {@code gus} and {@code ebr}; elsewhere the parameter as written
 *       labels the row ({@code gus:batch=64} beside {@code ebr}).</li>
 *   <li>Floors are benchmarks without an {@code engine} parameter (a plain load, a store and full
 *       fence). They join every table of their class with the same mode and threads whose
 *       parameters include theirs, as rows named by method, so that "how many fences is one read
 *       section" can be read off. Floors with no such table get a table of their own.</li>
 *   <li>The ratio is score ÷ baseline score within one run: runs from different machines or JDKs
 *       are never divided into each other. The baseline is a row whose label (or floor method)
 *       equals {@code --baseline}, else whose engine name does (known from run.json; a bare file's
 *       rows have only their labels); if several rows match and none exactly, the ratio is left
 *       out rather than guessed.</li>
 *   <li>Marks: the 99.9% intervals score ± error of a row and of the baseline overlap ⇒ "≈", no
 *       difference claimed; either error unknown ⇒ "?", no claim either way. The intervals are
 *       closed: touching counts as overlapping.</li>
 * </ul>
 */
public final class Comparison {

    public static final String DEFAULT_BASELINE = "gus";

    /** What a table is about. {@code benchmark} is {@code package.Class.method}, or the class for floors alone. */
    public record TableKey(String benchmark, String title, String mode, int threads, SortedMap<String, String> params) {

        public TableKey {
            params = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(params));
        }

        public String describe() {
            StringBuilder sb = new StringBuilder(title).append(" · ").append(mode).append(" · ")
                    .append(threads).append(threads == 1 ? " thread" : " threads");
            params.forEach((k, v) -> sb.append(" · ").append(k).append('=').append(v));
            return sb.toString();
        }

        static final Comparator<TableKey> ORDER = Comparator.comparing(TableKey::benchmark)
                .thenComparing(TableKey::mode)
                .thenComparingInt(TableKey::threads)
                .thenComparing(k -> TrialKey.joinParams(k.params(), ";"), Numbers.NATURAL);
    }

    /**
     * A row: an engine (its label, without a swept batch knob) or a floor (method name).
     *
     * @param engineName the engine's name where run.json gives it, else the label
     */
    public record Row(String label, boolean floor, String engineName) {

        static Row floor(String method) {
            return new Row(method, true, method);
        }
    }

    public enum Mark {
        BASE("base", "base"),
        OVERLAP("≈", "overlap"),
        UNKNOWN("?", "unknown"),
        DIFFERS("", "differs"),
        NO_BASELINE("", "none");

        private final String symbol;
        private final String word;

        Mark(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        public String symbol() { return symbol; }
        public String word() { return word; }
    }

    /** One run's figure for one row; ratio is NaN when there is no baseline or it is zero. */
    public record Cell(Measurement value, double ratio, Mark mark) {
    }

    /**
     * One table; {@code baselineNotes} says why a run's column has no ratios, where it has none;
     * {@code floorWords} what each floor row measures, where a run's run.json says.
     */
    public record Table(TableKey key, String metric, List<Row> rows, List<Run> runs,
                        Map<Row, Map<Run, Cell>> cells, Map<Run, String> baselineNotes, Map<Row, String> floorWords) {

        /** A floor row by what it measures, or by its method where no run.json says. */
        public String floorName(Row row) {
            return floorWords.getOrDefault(row, row.label());
        }

        public Optional<Cell> cell(Row row, Run run) {
            return Optional.ofNullable(cells.getOrDefault(row, Map.of()).get(run));
        }

        /** The unit when all cells agree, else null (then each cell shows its own). */
        public String unit() {
            TreeSet<String> units = new TreeSet<>();
            cells.values().forEach(m -> m.values().forEach(c -> units.add(c.value().unit())));
            return units.size() == 1 ? units.first() : null;
        }

        public boolean hasPooled() {
            return cells.values().stream().flatMap(m -> m.values().stream())
                    .anyMatch(c -> c.value().source() == Measurement.Source.POOLED_HLOG);
        }
    }

    private Comparison() {
    }

    public static List<Table> build(List<Run> runs, String metric, String baseline) {
        Map<TableKey, Map<Row, Map<Run, TrialResult>>> tables = new TreeMap<>(TableKey.ORDER);
        for (Run run : runs) {
            place(run, metric, tables);
        }
        List<Table> out = new ArrayList<>();
        for (Map.Entry<TableKey, Map<Row, Map<Run, TrialResult>>> e : tables.entrySet()) {
            out.add(table(e.getKey(), e.getValue(), runs, metric, baseline));
        }
        return out;
    }

    /** What each floor row measures, from the first run whose run.json says. */
    private static Map<Row, String> floorWords(Map<Row, Map<Run, TrialResult>> trials) {
        Map<Row, String> words = new LinkedHashMap<>();
        trials.forEach((row, byRun) -> {
            if (row.floor()) {
                byRun.forEach((run, t) -> {
                    BenchmarkFacts b = run.benchmark(t.key().benchmark());
                    if (b != null && b.floor() != null) {
                        words.putIfAbsent(row, b.floor());
                    }
                });
            }
        });
        return words;
    }

    /** Every row label a baseline could name: engine names, full engine labels, floor methods. */
    public static Set<String> baselineCandidates(List<Table> tables) {
        Set<String> names = new TreeSet<>(Numbers.NATURAL);
        for (Table t : tables) {
            for (Row r : t.rows()) {
                names.add(r.label());
                if (!r.floor()) {
                    names.add(r.engineName());
                }
            }
        }
        return names;
    }

    private static void place(Run run, String metric, Map<TableKey, Map<Row, Map<Run, TrialResult>>> tables) {
        Map<TableKey, Map<Row, TrialResult>> mine = new TreeMap<>(TableKey.ORDER);
        List<TrialResult> floors = new ArrayList<>();
        List<TrialResult> engines = new ArrayList<>();
        for (TrialResult t : run.trials()) {
            if (MetricValues.of(run, t, metric).isPresent()) {
                (t.hasEngine() ? engines : floors).add(t);
            }
        }
        Set<String> swept = sweptGroups(engines);
        for (TrialResult t : engines) {
            EngineRef engine = t.engine();
            TreeMap<String, String> params = new TreeMap<>(t.key().params());
            params.remove(TrialRecord.ENGINE_PARAM);
            String label = engine.label();
            Optional<String> batch = engine.writtenKnob(TrialRecord.BATCH_PARAM);
            if (swept.contains(group(t)) && batch.isPresent() && !params.containsKey(TrialRecord.BATCH_PARAM)) {
                params.put(TrialRecord.BATCH_PARAM, batch.get());
                label = engine.labelWithout(TrialRecord.BATCH_PARAM);
            }
            TableKey key = new TableKey(t.key().benchmark(), t.key().shortName(), t.key().mode(), t.key().threads(), params);
            put(mine, key, new Row(label, false, engine.nameOrLabel()), t);
        }
        for (TrialResult floor : floors) {
            TrialKey k = floor.key();
            List<TableKey> homes = mine.keySet().stream()
                    .filter(t -> isEngineTable(t) && classOf(t.benchmark()).equals(k.benchmarkClass())
                            && t.mode().equals(k.mode()) && t.threads() == k.threads()
                            && t.params().entrySet().containsAll(k.params().entrySet()))
                    .toList();
            Row row = Row.floor(k.method());
            if (homes.isEmpty()) {
                String cls = k.benchmarkClass();
                TableKey own = new TableKey(cls, cls.substring(cls.lastIndexOf('.') + 1) + " (no engine parameter)",
                        k.mode(), k.threads(), k.params());
                put(mine, own, row, floor);
            } else {
                for (TableKey home : homes) {
                    put(mine, home, row, floor);
                }
            }
        }
        mine.forEach((key, rows) -> rows.forEach((row, trial) -> tables
                .computeIfAbsent(key, x -> new LinkedHashMap<>())
                .computeIfAbsent(row, x -> new LinkedHashMap<>())
                .put(run, trial)));
    }

    /**
     * Groups (benchmark, mode, threads, parameters but engine) in which some engine runs with
     * several {@code batch=} knobs: there the knob is a swept parameter and becomes a table
     * parameter; elsewhere it is just part of the engine's label.
     */
    private static Set<String> sweptGroups(List<TrialResult> engines) {
        Map<String, Map<String, Set<String>>> batches = new LinkedHashMap<>();
        for (TrialResult t : engines) {
            EngineRef e = t.engine();
            e.writtenKnob(TrialRecord.BATCH_PARAM).ifPresent(b -> batches.computeIfAbsent(group(t), g -> new LinkedHashMap<>())
                    .computeIfAbsent(e.labelWithout(TrialRecord.BATCH_PARAM), x -> new TreeSet<>()).add(b));
        }
        Set<String> swept = new TreeSet<>();
        batches.forEach((g, byEngine) -> {
            if (byEngine.values().stream().anyMatch(set -> set.size() > 1)) {
                swept.add(g);
            }
        });
        return swept;
    }

    private static String group(TrialResult t) {
        TreeMap<String, String> params = new TreeMap<>(t.key().params());
        params.remove(TrialRecord.ENGINE_PARAM);
        return t.key().benchmark() + "|" + t.key().mode() + "|" + t.key().threads() + "|" + TrialKey.joinParams(params, ";");
    }

    private static boolean isEngineTable(TableKey key) {
        return !key.title().endsWith("(no engine parameter)");
    }

    private static String classOf(String benchmark) {
        int dot = benchmark.lastIndexOf('.');
        return dot < 0 ? "" : benchmark.substring(0, dot);
    }

    private static void put(Map<TableKey, Map<Row, TrialResult>> tables, TableKey key, Row row, TrialResult trial) {
        TrialResult other = tables.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(row, trial);
        if (other != null && other != trial) {
            throw InputException.usage("two trials land in one row '" + row.label() + "' of " + key.describe()
                    + ": " + other.origin() + " and " + trial.origin()
                    + " (an engine spec's batch knob and a batch parameter that disagree?)");
        }
    }

    private static Table table(TableKey key, Map<Row, Map<Run, TrialResult>> trials, List<Run> runs, String metric,
                               String baseline) {
        Map<Row, Map<Run, Cell>> cells = new LinkedHashMap<>();
        Map<Run, String> notes = new LinkedHashMap<>();
        for (Run run : runs) {
            Map<Row, Measurement> values = new LinkedHashMap<>();
            trials.forEach((row, byRun) -> {
                TrialResult t = byRun.get(run);
                if (t != null) {
                    values.put(row, MetricValues.of(run, t, metric).orElseThrow());
                }
            });
            if (values.isEmpty()) {
                continue;
            }
            List<Row> matches = values.keySet().stream().filter(r -> r.label().equals(baseline)).toList();
            if (matches.isEmpty()) {
                matches = values.keySet().stream().filter(r -> !r.floor() && r.engineName().equals(baseline)).toList();
            }
            Row base = matches.size() == 1 ? matches.get(0) : null;
            if (matches.isEmpty()) {
                notes.put(run, "no row '" + baseline + "' here: no ratios");
            } else if (matches.size() > 1) {
                notes.put(run, "'" + baseline + "' matches " + matches.stream().map(Row::label).sorted(Numbers.NATURAL).toList()
                        + ": name one with --baseline");
            }
            Measurement b = base == null ? null : values.get(base);
            values.forEach((row, m) -> cells.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(run, cell(row, m, base, b)));
        }
        List<Row> rows = new ArrayList<>(trials.keySet());
        rows.sort(rowOrder(baseline));
        Map<Row, Map<Run, Cell>> ordered = new LinkedHashMap<>();
        rows.forEach(r -> ordered.put(r, cells.getOrDefault(r, Map.of())));
        return new Table(key, metric, rows, runs.stream().filter(r -> cellsOf(ordered, r)).toList(), ordered, notes,
                floorWords(trials));
    }

    private static boolean cellsOf(Map<Row, Map<Run, Cell>> cells, Run run) {
        return cells.values().stream().anyMatch(m -> m.containsKey(run));
    }

    /** The baseline cell's arithmetic: ratio and mark. */
    static Cell cell(Row row, Measurement m, Row baseRow, Measurement base) {
        if (base == null) {
            return new Cell(m, Double.NaN, Mark.NO_BASELINE);
        }
        double ratio = base.score() == 0 ? Double.NaN : m.score() / base.score();
        if (row.equals(baseRow)) {
            return new Cell(m, ratio, Mark.BASE);
        }
        if (!m.errorKnown() || !base.errorKnown()) {
            return new Cell(m, ratio, Mark.UNKNOWN);
        }
        return new Cell(m, ratio, m.overlaps(base) ? Mark.OVERLAP : Mark.DIFFERS);
    }

    /** Baseline first, then engines, then floors; natural order within each. */
    private static Comparator<Row> rowOrder(String baseline) {
        return Comparator.<Row>comparingInt(r -> r.label().equals(baseline) ? 0 : !r.floor() && r.engineName().equals(baseline) ? 1 : 2)
                .thenComparing(Row::floor)
                .thenComparing(Row::label, Numbers.NATURAL);
    }

    /** Distinct runs, in order, for which any table has a cell. */
    static List<Run> runsIn(List<Table> tables) {
        Set<Run> runs = new LinkedHashSet<>();
        tables.forEach(t -> runs.addAll(t.runs()));
        return new ArrayList<>(runs);
    }
}
