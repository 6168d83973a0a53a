package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.PendingSeries;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRecord;

/**
 * Which trial of one run each figure of the {@link Summary} is read from. Never across runs.
 *
 * <ul>
 *   <li>Rows: the engines of the 1-thread ReadSideBench trials, checked mode aside, in the order of
 *       the run's engine catalogue (run.json), then the engines it does not know, by name. A run
 *       with no read side (a write or stall run) takes its rows from the other benchmarks of the
 *       summary instead. A row is an engine as its {@code engine} parameter was written.</li>
 *   <li>A column is filled from the trial of the row's engine at 1 thread, mode avgt (the summary
 *       speaks ns/op), at the engine's default batch: a {@code batch} parameter that is absent or
 *       {@value TrialRecord#DEFAULT_BATCH}, or the engine's default size given explicitly (run.json's
 *       catalogue says which it is; without it an explicit size is not taken for the default).
 *       Reclamation: also the other parameters at the benchmark's defaults (run.json's record of its
 *       {@code @Param}s); among those, the most threads, then a literal default batch. Stall: the
 *       longest stall (a value that is no duration, StallBench's whole-iteration stall, before any
 *       duration; durations as run.json's one grammar read them), then the most threads. The chosen
 *       parameters are stated under the table.</li>
 *   <li>{@code advance} only for engines with a write side (run.json's catalogue), or any engine
 *       when the catalogue is unknown and such a trial exists.</li>
 *   <li>{@code r2f p99} is read as {@code compare --metric smr.r2f.p99} reads it: pooled from the
 *       trial's .hlog intervals where the run has them, else JMH's figure ({@link MetricValues}).</li>
 *   <li>A figure that no trial gives is missing ("—"); it never fails the summary. What could not be
 *       chosen for lack of facts is said in a note.</li>
 * </ul>
 */
final class TrialChoice {
    static final String READ_SIDE = "ReadSideBench";
    static final String WRITE_SIDE = "WriteSideBench";
    static final String RECLAMATION = "ReclamationBench";
    static final String STALL = "StallBench";
    private static final String AVGT = "avgt";
    private static final String STALL_PARAM = "stall";

    final Run run;
    private final Set<String> notes = new LinkedHashSet<>();
    private final Map<String, EngineRef> engines = new HashMap<>();
    private final List<String> catalogueOrder;

    TrialChoice(Run run) {
        this.run = run;
        run.trials().forEach(t -> t.engineRef().ifPresent(e -> engines.putIfAbsent(e.label(), e)));
        this.catalogueOrder = List.copyOf(run.catalogue().keySet());
    }

    /** {@code floorStoreFence} of {@code ReadSideBench.floorStoreFence}. */
    static String method(String benchmark) {
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    List<String> notes() {
        return List.copyOf(notes);
    }

    // ---------------------------------------------------------- finding trials

    /** Trials of {@code Class.method} (any package) that pass {@code p}, in file order. */
    List<TrialResult> trials(String shortName, Predicate<TrialResult> p) {
        return run.trials().stream().filter(t -> t.key().shortName().equals(shortName) && p.test(t)).toList();
    }

    /** Avgt trials only; a note if the benchmark ran in another mode alone. */
    List<TrialResult> avgt(String shortName, Predicate<TrialResult> p) {
        List<TrialResult> all = trials(shortName, p);
        List<TrialResult> avgt = all.stream().filter(t -> t.key().mode().equals(AVGT)).toList();
        if (avgt.isEmpty() && !all.isEmpty()) {
            notes.add(shortName + " ran in mode " + all.get(0).key().mode()
                    + " only; the summary reads average time (avgt, ns/op)");
        }
        return avgt;
    }

    static boolean hasLabel(TrialResult t, String label) {
        return t.engine() != null && t.engine().label().equals(label);
    }

    /** The one trial of a benchmark for the engine labelled {@code label} at 1 thread and the default batch. */
    Summary.Figure oneThread(String shortName, String label) {
        List<TrialResult> found = avgt(shortName, t -> t.key().threads() == 1 && hasLabel(t, label) && atDefaultBatch(t));
        found = found.stream().sorted(Comparator.comparing(t -> !literalDefaultBatch(t))).toList();
        if (found.size() > 1 && !sameExceptBatch(found)) {
            notes.add(found.size() + " trials of " + shortName + " for " + label + " at 1 thread; took " + found.get(0).key());
        }
        return found.isEmpty() ? null : new Summary.Figure(found.get(0), found.get(0).primary());
    }

    private static boolean sameExceptBatch(List<TrialResult> trials) {
        return trials.stream().map(t -> {
            Map<String, String> p = new LinkedHashMap<>(t.key().params());
            p.remove(TrialRecord.BATCH_PARAM);
            return p;
        }).distinct().count() == 1;
    }

    Summary.Figure secondary(TrialResult t, Metric metric) {
        if (t == null) {
            return null;
        }
        return MetricValues.of(run, t, metric.name()).map(m -> new Summary.Figure(t, m)).orElse(null);
    }

    // ---------------------------------------------------------- batch and parameter defaults

    /** The batch parameter is absent or says "the engine's own", and the engine parameter wrote no batch. */
    static boolean literalDefaultBatch(TrialResult t) {
        String param = t.key().params().get(TrialRecord.BATCH_PARAM);
        boolean written = t.engine() != null && t.engine().writtenKnob(TrialRecord.BATCH_PARAM).isPresent();
        return !written && (param == null || param.equals(TrialRecord.DEFAULT_BATCH));
    }

    /** At the engine's default batch: literally, or the default size given explicitly where run.json's catalogue names it. */
    static boolean atDefaultBatch(TrialResult t) {
        if (literalDefaultBatch(t)) {
            return true;
        }
        EngineRef e = t.engine();
        if (e == null || e.facts() == null) {
            return false; // an explicit size, and no catalogue to say whether it is the default
        }
        String def = e.facts().defaultKnobs().get(TrialRecord.BATCH_PARAM);
        return def != null && def.equals(e.knob(TrialRecord.BATCH_PARAM).orElse(null));
    }

    /**
     * Parameter {@code param} absent or at the benchmark's default (run.json's record of its
     * {@code @Param}; numbers compared as numbers). Without that record, a value is taken only when
     * it is the only one the benchmark ran with, and a note says so.
     */
    boolean atDefault(TrialResult t, String param) {
        String v = t.key().params().get(param);
        if (v == null) {
            return true;
        }
        BenchmarkFacts b = run.benchmark(t.key().benchmark());
        if (b == null) {
            long values = run.trials().stream().filter(x -> x.key().benchmark().equals(t.key().benchmark()))
                    .map(x -> x.key().params().get(param)).distinct().count();
            notes.add(t.key().shortName() + ": the parameters' defaults are unknown (no run.json records them): "
                    + "a parameter is taken only where the run has one value of it");
            return values == 1;
        }
        String d = b.defaultOf(param);
        if (d == null || v.equals(d)) {
            return d != null;
        }
        try {
            return Double.parseDouble(v) == Double.parseDouble(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    // ---------------------------------------------------------- floors and rows

    /** The floors present at 1 thread, avgt, cheapest first: benchmarks run.json names as floors, or without an engine where it does not say. */
    List<Summary.Floor> floors() {
        Map<String, Summary.Floor> floors = new LinkedHashMap<>();
        for (TrialResult t : run.trials()) {
            if (t.hasEngine() || t.key().threads() != 1 || !t.key().mode().equals(AVGT)) {
                continue;
            }
            BenchmarkFacts b = run.benchmark(t.key().benchmark());
            if (b != null && b.floor() == null) {
                continue;
            }
            floors.putIfAbsent(t.key().method(), new Summary.Floor(t.key().method(), b == null ? null : b.floor(),
                    new Summary.Figure(t, t.primary())));
        }
        List<Summary.Floor> sorted = new ArrayList<>(floors.values());
        sorted.sort(Comparator.comparingDouble((Summary.Floor f) -> finiteOrMax(f.figure().value().score()))
                .thenComparing(Summary.Floor::method));
        return sorted;
    }

    private static double finiteOrMax(double v) {
        return Double.isFinite(v) ? v : Double.MAX_VALUE;
    }

    /** Row labels: 1-thread read-side engines, or, in a run without them, the other summarized benchmarks' engines. */
    List<String> engineLabels() {
        Set<String> labels = new LinkedHashSet<>();
        run.trials().stream().filter(t -> t.key().shortName().startsWith(READ_SIDE + ".") && t.key().threads() == 1)
                .forEach(t -> t.engineRef().filter(e -> !e.isChecked()).ifPresent(e -> labels.add(e.label())));
        if (labels.isEmpty()) {
            for (String name : List.of(WRITE_SIDE + ".retire", WRITE_SIDE + ".advance", RECLAMATION + ".mixed", STALL + ".writer")) {
                trials(name, t -> true).forEach(t -> t.engineRef().filter(e -> !e.isChecked()).ifPresent(e -> labels.add(e.label())));
            }
        }
        List<String> sorted = new ArrayList<>(labels);
        sorted.sort(engineOrder());
        return sorted;
    }

    /** The run's catalogue order, then engines it does not know, by name; a label after its bare engine. */
    Comparator<String> engineOrder() {
        Function<String, String> name = label -> Optional.ofNullable(engines.get(label)).map(EngineRef::nameOrLabel).orElse(label);
        return Comparator.<String>comparingInt(label -> {
            int i = catalogueOrder.indexOf(name.apply(label));
            return i < 0 ? catalogueOrder.size() : i;
        }).thenComparing(name, Numbers.NATURAL).thenComparing(Numbers.NATURAL);
    }

    Summary.EngineRow row(String label) {
        EngineRef engine = engines.get(label);
        TrialResult mixed = mixedTrial(label);
        TrialResult stall = stallTrial(label);
        boolean writeSide = engine == null || engine.facts() == null || engine.facts().hasWriteSide();
        return new Summary.EngineRow(label,
                oneThread(READ_SIDE + ".emptySection", label),
                oneThread(READ_SIDE + ".protectSection", label),
                oneThread(READ_SIDE + ".lookupSection", label),
                oneThread(WRITE_SIDE + ".retire", label),
                writeSide ? oneThread(WRITE_SIDE + ".advance", label) : null,
                secondary(mixed, Metrics.R2F_P99), secondary(mixed, Metrics.PENDING_PEAK),
                secondary(stall, Metrics.PENDING_PEAK), secondary(stall, Metrics.UNBOUNDED), mixed, stall,
                stall == null ? null : Growth.of(run, stall));
    }

    /** ReclamationBench.mixed at the default batch and the suite's other defaults; the most threads. */
    TrialResult mixedTrial(String label) {
        String name = RECLAMATION + ".mixed";
        List<TrialResult> ofEngine = trials(name, t -> hasLabel(t, label));
        List<TrialResult> found = ofEngine.stream()
                .filter(t -> atDefaultBatch(t) && t.key().params().keySet().stream()
                        .filter(p -> !p.equals(TrialRecord.ENGINE_PARAM) && !p.equals(TrialRecord.BATCH_PARAM))
                        .allMatch(p -> atDefault(t, p)))
                .sorted(Comparator.<TrialResult>comparingInt(t -> -t.key().threads())
                        .thenComparing(t -> !literalDefaultBatch(t))
                        .thenComparing(t -> !t.key().mode().equals(AVGT)))
                .toList();
        if (found.isEmpty() && !ofEngine.isEmpty()) {
            notes.add(name + " ran " + label + " only away from its default batch and parameters: no r2f p99 or pending peak");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** StallBench.writer at the default batch: the longest stall, then the most threads. */
    TrialResult stallTrial(String label) {
        List<TrialResult> found = trials(STALL + ".writer", t -> hasLabel(t, label) && atDefaultBatch(t));
        if (found.stream().map(t -> t.key().params().get(STALL_PARAM)).distinct().count() > 1
                && found.stream().anyMatch(t -> t.record() == null)) {
            notes.add("stall: " + label + " ran several stalls, and their lengths are unknown (no run.json records them): "
                    + "no stall figure");
            return null;
        }
        return found.stream()
                .sorted(Comparator.<TrialResult>comparingLong(t -> t.durationNanos(STALL_PARAM).map(n -> -n).orElse(Long.MIN_VALUE))
                        .thenComparingInt(t -> -t.key().threads())
                        .thenComparing(t -> !literalDefaultBatch(t))
                        .thenComparing(t -> !t.key().mode().equals(AVGT)))
                .findFirst().orElse(null);
    }

    /** The lines under the engine table: which trials the reclamation and stall columns read, and r2f's source. */
    List<String> choiceNotes(List<Summary.EngineRow> rows) {
        List<String> lines = new ArrayList<>();
        lines.add(describeChoice("r2f p99, pending peak", rows, Summary.EngineRow::mixed));
        lines.add(describeChoice("stall", rows, Summary.EngineRow::stall));
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (Summary.EngineRow row : rows) {
            if (row.r2f() != null && Double.isFinite(row.r2f().value().score())) {
                Measurement m = row.r2f().value();
                String source = m.source() == Measurement.Source.POOLED_HLOG
                        ? "pooled from the trial's .hlog intervals (all intervals of all forks in one histogram)"
                        : "JMH's aggregate as the profiler reported it (" + m.source().words() + "; no .hlog for the trial)";
                sources.computeIfAbsent(source, s -> new ArrayList<>()).add(row.engine());
            }
        }
        sources.forEach((source, engines) -> lines.add("r2f p99 source: " + source
                + (sources.size() == 1 ? "" : ", for " + String.join(", ", engines))));
        lines.add(stallVerdicts(rows));
        lines.removeIf(String::isEmpty);
        return lines;
    }

    /**
     * "behind the stalled reader: stayed bounded: hp, he; kept growing: gus, ebr": each stall trial's verdict by
     * {@link StallGrowth}'s rule, from its pending series (every fork), or from the cap where it was hit.
     */
    String stallVerdicts(List<Summary.EngineRow> rows) {
        List<String> bounded = new ArrayList<>();
        List<String> growing = new ArrayList<>();
        for (Summary.EngineRow row : rows) {
            if (row.stall() == null) {
                continue;
            }
            List<PendingSeries> series = run.pending().stream().filter(p -> p.belongsTo(row.stall().key())).toList();
            if (row.unbounded() || series.stream().anyMatch(StallGrowth::grows)) {
                growing.add(row.engine());
            } else if (series.stream().anyMatch(StallGrowth::judgeable)) {
                bounded.add(row.engine());
            }
        }
        if (bounded.isEmpty() && growing.isEmpty()) {
            return "";
        }
        return "behind the stalled reader (pending over time, each stalled iteration: growing = its last quarter peaks above "
                + StallGrowth.FACTOR + "x its first half + " + (long) StallGrowth.SLACK + " nodes, or the cap was hit): "
                + "stayed bounded: " + (bounded.isEmpty() ? "none" : String.join(", ", bounded))
                + "; kept growing: " + (growing.isEmpty() ? "none" : String.join(", ", growing));
    }

    /**
     * "stall: StallBench.writer · 1 thread · batch=default; stall=iteration for gus; stall=10ms for hp": what all
     * the chosen trials share, then what differs and for which engines.
     */
    private static String describeChoice(String what, List<Summary.EngineRow> rows, Function<Summary.EngineRow, TrialResult> trial) {
        Map<String, Map<String, String>> parts = new LinkedHashMap<>();
        for (Summary.EngineRow row : rows) {
            TrialResult t = trial.apply(row);
            if (t != null) {
                parts.put(row.engine(), describeTrial(t.key()));
            }
        }
        if (parts.isEmpty()) {
            return "";
        }
        Map<String, String> common = new LinkedHashMap<>(parts.values().iterator().next());
        parts.values().forEach(p -> common.entrySet().removeIf(e -> !e.getValue().equals(p.get(e.getKey()))));
        Map<String, List<String>> differing = new LinkedHashMap<>();
        parts.forEach((engine, p) -> {
            List<String> rest = p.entrySet().stream().filter(e -> !common.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
            if (!rest.isEmpty()) {
                differing.computeIfAbsent(String.join(" · ", rest), k -> new ArrayList<>()).add(engine);
            }
        });
        StringBuilder sb = new StringBuilder(what).append(": ").append(String.join(" · ", common.values()));
        differing.forEach((rest, engines) -> sb.append("; ").append(rest).append(" for ").append(String.join(", ", engines)));
        return sb.toString();
    }

    /** The benchmark, the threads and every parameter but the engine, in that order, keyed for comparison. */
    static Map<String, String> describeTrial(TrialKey k) {
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put(" benchmark", k.shortName());
        parts.put(" threads", k.threads() + (k.threads() == 1 ? " thread" : " threads"));
        k.params().forEach((p, v) -> {
            if (!p.equals(TrialRecord.ENGINE_PARAM)) {
                parts.put(p, p + "=" + v);
            }
        });
        return parts;
    }

    // ---------------------------------------------------------- checked mode

    /**
     * Engines read plain and in checked mode (ReadSideBench.emptySection, 1 thread): a checked trial
     * and the plain one of the same engine whose knobs in effect are the checked one's but for the
     * checked knob. Needs run.json's canonical knobs; without them there is no pairing.
     */
    List<Summary.CheckedRow> checked() {
        List<Summary.CheckedRow> rows = new ArrayList<>();
        List<TrialResult> empty = avgt(READ_SIDE + ".emptySection", t -> t.key().threads() == 1 && t.hasEngine());
        for (TrialResult t : empty) {
            EngineRef c = t.engine();
            if (!c.isChecked() || c.knobs() == null) {
                continue;
            }
            empty.stream().filter(p -> !p.engine().isChecked() && p.engine().knobs() != null
                            && p.engine().nameOrLabel().equals(c.nameOrLabel())
                            && p.engine().knobs().size() == c.knobs().size() - 1
                            && c.knobs().entrySet().containsAll(p.engine().knobs().entrySet()))
                    .findFirst()
                    .ifPresent(p -> rows.add(new Summary.CheckedRow(p.engine().label(), new Summary.Figure(p, p.primary()),
                            new Summary.Figure(t, t.primary()))));
        }
        rows.sort(Comparator.comparing(Summary.CheckedRow::engine, engineOrder()));
        return rows;
    }
}
