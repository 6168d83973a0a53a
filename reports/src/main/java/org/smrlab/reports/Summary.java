package org.smrlab.reports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's results, per run: the figures a reader asks for first, each read from one trial,
 * and the project's goals judged on them. {@code reports summary} prints it; the HTML report
 * opens with it. Rendering is in {@link SummaryReport}; this class chooses trials and does the
 * arithmetic.
 *
 * <p><b>Why these columns.</b> Each answers one question of the lab, in the order a reader of the
 * README asks them: what a read section costs ({@code read}: ReadSideBench.emptySection, enter +
 * exit), what a read that touches a pointer costs ({@code protect}: where hazard pointers pay their
 * fence), what a real lookup costs ({@code lookup}), what the write side costs ({@code retire},
 * amortized over the engine's batch, and {@code advance}, the clock alone, for the engines that
 * have one), how long memory waits and how much of it ({@code r2f p99} and {@code pending peak}
 * under the mixed workload), and what a stalled reader does to memory ({@code stall}). Times are
 * also given as a multiple of a floor measured in the same run ({@code ×fence}: a store + full
 * fence, the price of a classic fenced read section), because absolute nanoseconds differ from
 * machine to machine while "so many fences" carries over. Checked mode and the goals follow.
 *
 * <p><b>How the trial is chosen.</b> Never across runs: every figure and ratio is from one run.
 * <ul>
 *   <li>Rows: the values of the {@code engine} parameter among the 1-thread ReadSideBench trials,
 *       without {@code checked=true} specs, in the order gus, gus-deferred, gus-lazy, qsbr, ebr, hp,
 *       pserialize, rwlock, none, then the others by name. A run with no read side (a write or
 *       stall run) takes its rows from the other benchmarks of the summary instead.</li>
 *   <li>A column is filled from the trial whose {@code engine} is exactly the row's spec.
 *       Read side, retire and advance: 1 thread, mode avgt (the summary speaks ns/op), batch the
 *       engine's default ({@code batch=default}, absent, or the engine's default size given
 *       explicitly). Reclamation: batch as before, {@code readRatio} 0.9 and {@code section=lookup}
 *       (the suite's defaults, or the parameter absent); among those, the most threads, then a
 *       literal {@code default} batch before an explicit one, then {@code keys=4096}. Stall:
 *       {@code stall=iteration}, else the longest stall present; then the most threads. The chosen
 *       parameters are stated under the table.</li>
 *   <li>{@code r2f p99} is read as {@code compare --metric smr.r2f.p99} reads it: pooled from the
 *       trial's .hlog intervals where the run has them, else JMH's figure ({@link Metrics}).</li>
 *   <li>A figure that no trial gives is missing ("—"); it never fails the summary.</li>
 * </ul>
 *
 * <p><b>Goals.</b> A goal is a bound on a ratio a ÷ b of two figures of one run. Its interval is
 * [(a − ea) ÷ (b + eb), (a + ea) ÷ (b − eb)] from JMH's 99.9% errors ea and eb. The verdict is
 * "within error" when the bound lies inside that (closed) interval, else "met" or "not met" from
 * the ratio itself; with an error unknown there is no interval and the verdict is the ratio's,
 * flagged "error unknown". A goal over several ratios is not met if any is not met, n/a if a
 * figure is missing, within error if any is, else met. The membarrier goal (gus-lazy and
 * pserialize at most half of gus) is n/a on a JVM where their read side falls back to a fence:
 * a spec's {@code barrier=} knob says so, else run.json's membarrier field (a bare JSON file from
 * a JDK before 22 has no FFM, hence no membarrier).
 */
public final class Summary {

    public static final String DEFAULT_FLOOR = "floorStoreFence";
    static final String PLAIN_LOAD = "floorPlainLoad";

    static final String READ_SIDE = "ReadSideBench";
    static final String WRITE_SIDE = "WriteSideBench";
    static final String RECLAMATION = "ReclamationBench";
    static final String STALL = "StallBench";
    static final String OVERHEAD = "ProfilerOverheadBench";

    static final String R2F_P99 = "smr.r2f.p99";
    static final String PENDING_PEAK = "smr.pending.peak";

    /** The floors of the read-side suite, in the README's order, with the words people use. */
    static final Map<String, String> FLOORS = new LinkedHashMap<>();

    static {
        FLOORS.put("floorPlainLoad", "plain load");
        FLOORS.put("floorStoreFence", "store + full fence");
        FLOORS.put("floorGetAndAdd", "getAndAdd");
        FLOORS.put("floorRwLockRead", "rwlock read");
        FLOORS.put("floorStampedOptimistic", "StampedLock optimistic");
    }

    static final List<String> ENGINE_ORDER = List.of("gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp",
            "hp-asym", "ibr", "he", "pserialize", "psref", "localcount", "rwlock", "none");

    /** Engines whose sessions are GracePeriods: the only ones WriteSideBench.advance runs. */
    static final Set<String> GRACE_PERIODS = Set.of("gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize");

    /** The suites' defaults for ReclamationBench.mixed (its @Param values). */
    static final Map<String, String> MIXED_DEFAULTS = Map.of("readRatio", "0.9", "section", "lookup", "keys", "4096");

    private static final String DEFAULT_BATCH = "default";

    private Summary() {
    }

    // ------------------------------------------------------------------ the model

    /** One figure, read from one trial. The value may be NaN (r2f of an engine that never frees). */
    public record Figure(Trial trial, Measurement value) {
    }

    /**
     * a ÷ b, with the interval from both errors; {@code low} and {@code high} are NaN when an error
     * is unknown, {@code high} infinite when b's interval reaches 0.
     */
    public record Ratio(double value, double low, double high) {

        /** Null when there is no meaningful ratio: a missing or non-finite figure, b = 0, or units that differ. */
        static Ratio of(Measurement a, Measurement b) {
            if (a == null || b == null || !Double.isFinite(a.score()) || !Double.isFinite(b.score()) || b.score() == 0
                    || !a.unit().equals(b.unit())) {
                return null;
            }
            double value = a.score() / b.score();
            if (!a.errorKnown() || !b.errorKnown()) {
                return new Ratio(value, Double.NaN, Double.NaN);
            }
            double low = Math.max(0, (a.score() - a.error()) / (b.score() + b.error()));
            double below = b.score() - b.error();
            double high = below > 0 ? (a.score() + a.error()) / below : Double.POSITIVE_INFINITY;
            return new Ratio(value, low, high);
        }

        public boolean intervalKnown() {
            return !Double.isNaN(low);
        }
    }

    public enum Verdict {
        MET("met"), NOT_MET("not met"), WITHIN_ERROR("within error"), NA("n/a");

        private final String words;

        Verdict(String words) { this.words = words; }

        public String words() { return words; }
    }

    /** Whether a check has a ratio, lacks a figure, or does not apply (the membarrier goal on a fenced read side). */
    public enum Kind { MEASURED, MISSING, NOT_APPLICABLE }

    /**
     * One ratio a goal is judged on; {@code ratio} is null unless MEASURED. {@code reason}: for a
     * measured ratio "error unknown" or null; for a missing one the figure that is missing; for one
     * that does not apply, why.
     */
    public record Check(String label, Ratio ratio, Verdict verdict, String reason, Kind kind) {

        public boolean applies() {
            return kind != Kind.NOT_APPLICABLE;
        }
    }

    /** A goal: {@code ratio ≤ limit} for every check. {@code reason} explains an n/a verdict. */
    public record Goal(String id, String text, double limit, List<Check> checks, Verdict verdict, String reason) {
    }

    /** One engine's row; a null figure is missing. {@code mixed} and {@code stall} are the chosen trials. */
    public record EngineRow(String engine, Figure read, Figure protect, Figure lookup, Figure retire, Figure advance,
                            Figure r2f, Figure pendingPeak, Figure stallPeak, Figure stallUnbounded,
                            Trial mixed, Trial stall) {

        public boolean unbounded() {
            return stallUnbounded != null && stallUnbounded.value().score() >= 1;
        }
    }

    /** An engine read both plain and with {@code checked=true}. */
    public record CheckedRow(String engine, Figure plain, Figure checked) {

        public Ratio ratio() {
            return Ratio.of(checked.value(), plain.value());
        }
    }

    /**
     * Everything the summary says about one run. {@code floors} maps floor methods to figures
     * (present ones only); {@code engineNotes} are the lines under the engine table (the chosen
     * trials, sources); {@code notes} are what the reader should know about missing choices.
     */
    public record RunSummary(Run run, String floorMethod, Map<String, Figure> floors, List<EngineRow> engines,
                             List<String> engineNotes, List<CheckedRow> checked, List<Goal> goals, List<String> notes) {

        /** The floor the ×floor columns divide by; null when this run lacks it. */
        public Figure floor() {
            return floors.get(floorMethod);
        }

        /** Whether any figure of the summary's benchmarks is in this run. */
        public boolean isEmpty() {
            return floors.isEmpty() && engines.isEmpty();
        }
    }

    // ------------------------------------------------------------------ building

    /** The floor methods present (1 thread, avgt) in any of these runs: what --floor may name. */
    public static Set<String> floorsIn(List<Run> runs) {
        Set<String> names = new TreeSet<>();
        for (Run run : runs) {
            names.addAll(new Reader(run).floors().keySet());
        }
        return names;
    }

    public static List<RunSummary> of(List<Run> runs, String floorMethod) {
        return runs.stream().map(r -> of(r, floorMethod)).toList();
    }

    public static RunSummary of(Run run, String floorMethod) {
        Reader r = new Reader(run);
        Map<String, Figure> floors = r.floors();
        List<EngineRow> rows = new ArrayList<>();
        for (String spec : r.engineSpecs()) {
            rows.add(r.row(spec));
        }
        List<String> engineNotes = new ArrayList<>();
        if (!rows.isEmpty()) {
            engineNotes.addAll(r.choiceNotes(rows));
        }
        List<Goal> goals = floors.isEmpty() && rows.isEmpty() ? List.of() : r.goals(floors);
        return new RunSummary(run, floorMethod, floors, rows, engineNotes, r.checked(), goals, List.copyOf(r.notes));
    }

    /** Reads the trials of one run; collects notes on what it could not choose. */
    private static final class Reader {
        final Run run;
        final Set<String> notes = new LinkedHashSet<>();

        Reader(Run run) {
            this.run = run;
        }

        // ---------------------------------------------------------- finding trials

        /** Trials of {@code Class.method} (any package) that pass {@code p}, in file order. */
        List<Trial> trials(String cls, String method, Predicate<Trial> p) {
            String name = cls + "." + method;
            return run.trials().stream().filter(t -> t.key().shortName().equals(name) && p.test(t)).toList();
        }

        /** Avgt trials only; a note if the benchmark ran in another mode alone. */
        List<Trial> avgt(String cls, String method, Predicate<Trial> p) {
            List<Trial> all = trials(cls, method, p);
            List<Trial> avgt = all.stream().filter(t -> t.key().mode().equals("avgt")).toList();
            if (avgt.isEmpty() && !all.isEmpty()) {
                notes.add(cls + "." + method + " ran in mode " + all.get(0).key().mode()
                        + " only; the summary reads average time (avgt, ns/op)");
            }
            return avgt;
        }

        /** The one trial of a benchmark for {@code spec} at 1 thread and the default batch. */
        Figure oneThread(String cls, String method, String spec) {
            List<Trial> found = avgt(cls, method, t -> t.key().threads() == 1 && spec.equals(t.key().params().get(EngineSpec.PARAM))
                    && defaultBatch(t.key()));
            found = found.stream().sorted(Comparator.comparing(t -> !literalDefaultBatch(t.key()))).toList();
            if (found.size() > 1 && !sameExceptBatch(found)) {
                notes.add(found.size() + " trials of " + cls + "." + method + " for " + spec + " at 1 thread; took "
                        + found.get(0).key());
            }
            return found.isEmpty() ? null : new Figure(found.get(0), found.get(0).primary());
        }

        private static boolean sameExceptBatch(List<Trial> trials) {
            return trials.stream().map(t -> {
                Map<String, String> p = new LinkedHashMap<>(t.key().params());
                p.remove(EngineSpec.BATCH);
                return p;
            }).distinct().count() == 1;
        }

        Figure secondary(Trial t, String label) {
            if (t == null) {
                return null;
            }
            return Metrics.of(run, t, label).map(m -> new Figure(t, m)).orElse(null);
        }

        // ---------------------------------------------------------- floors and rows

        Map<String, Figure> floors() {
            Map<String, Figure> floors = new LinkedHashMap<>();
            List<Trial> all = run.trials().stream().filter(t -> t.key().shortName().startsWith(READ_SIDE + ".")
                    && t.key().engine().isEmpty() && t.key().threads() == 1 && t.key().mode().equals("avgt")).toList();
            for (String method : FLOORS.keySet()) {
                all.stream().filter(t -> t.key().method().equals(method)).findFirst()
                        .ifPresent(t -> floors.put(method, new Figure(t, t.primary())));
            }
            all.stream().filter(t -> !floors.containsKey(t.key().method()))
                    .sorted(Comparator.comparing(t -> t.key().method()))
                    .forEach(t -> floors.putIfAbsent(t.key().method(), new Figure(t, t.primary())));
            return floors;
        }

        /** Row specs: 1-thread read-side engines, or, in a run without them, the other summarized benchmarks' engines. */
        List<String> engineSpecs() {
            Set<String> specs = new LinkedHashSet<>();
            run.trials().stream().filter(t -> t.key().shortName().startsWith(READ_SIDE + ".") && t.key().threads() == 1)
                    .forEach(t -> t.key().engine().filter(e -> !isChecked(e)).ifPresent(e -> specs.add(e.spec())));
            if (specs.isEmpty()) {
                for (String name : List.of(WRITE_SIDE + ".retire", WRITE_SIDE + ".advance", RECLAMATION + ".mixed", STALL + ".writer")) {
                    run.trials().stream().filter(t -> t.key().shortName().equals(name))
                            .forEach(t -> t.key().engine().filter(e -> !isChecked(e)).ifPresent(e -> specs.add(e.spec())));
                }
            }
            List<String> sorted = new ArrayList<>(specs);
            sorted.sort(ENGINES);
            return sorted;
        }

        EngineRow row(String spec) {
            String name = EngineSpec.parse(spec).name();
            Trial mixed = mixedTrial(spec);
            Trial stall = stallTrial(spec);
            return new EngineRow(spec,
                    oneThread(READ_SIDE, "emptySection", spec),
                    oneThread(READ_SIDE, "protectSection", spec),
                    oneThread(READ_SIDE, "lookupSection", spec),
                    oneThread(WRITE_SIDE, "retire", spec),
                    GRACE_PERIODS.contains(name) ? oneThread(WRITE_SIDE, "advance", spec) : null,
                    secondary(mixed, R2F_P99), secondary(mixed, PENDING_PEAK),
                    secondary(stall, PENDING_PEAK), secondary(stall, Alerts.UNBOUNDED), mixed, stall);
        }

        /** ReclamationBench.mixed at the default batch, readRatio and section; the most threads. */
        Trial mixedTrial(String spec) {
            List<Trial> ofEngine = trials(RECLAMATION, "mixed", t -> spec.equals(t.key().params().get(EngineSpec.PARAM)));
            List<Trial> found = ofEngine.stream()
                    .filter(t -> defaultBatch(t.key()) && atDefault(t.key(), "readRatio") && atDefault(t.key(), "section"))
                    .sorted(Comparator.<Trial>comparingInt(t -> -t.key().threads())
                            .thenComparing(t -> !literalDefaultBatch(t.key()))
                            .thenComparing(t -> !atDefault(t.key(), "keys"))
                            .thenComparing(t -> !t.key().mode().equals("avgt")))
                    .toList();
            if (found.isEmpty() && !ofEngine.isEmpty()) {
                notes.add(RECLAMATION + ".mixed ran " + spec + " only away from the default batch, readRatio 0.9 and "
                        + "section=lookup: no r2f p99 or pending peak");
            }
            return found.isEmpty() ? null : found.get(0);
        }

        /** StallBench.writer at the default batch: stall=iteration, else the longest stall; the most threads. */
        Trial stallTrial(String spec) {
            List<Trial> found = trials(STALL, "writer", t -> spec.equals(t.key().params().get(EngineSpec.PARAM))
                    && defaultBatch(t.key())).stream()
                    .sorted(Comparator.<Trial>comparingDouble(t -> -stallLength(t.key().params().get("stall")))
                            .thenComparingInt(t -> -t.key().threads())
                            .thenComparing(t -> !literalDefaultBatch(t.key()))
                            .thenComparing(t -> !t.key().mode().equals("avgt")))
                    .toList();
            return found.isEmpty() ? null : found.get(0);
        }

        /** The lines under the engine table: which trials the reclamation and stall columns read, and r2f's source. */
        List<String> choiceNotes(List<EngineRow> rows) {
            List<String> lines = new ArrayList<>();
            lines.add(describeChoice("r2f p99, pending peak", rows, EngineRow::mixed));
            lines.add(describeChoice("stall", rows, EngineRow::stall));
            Map<String, List<String>> sources = new LinkedHashMap<>();
            for (EngineRow row : rows) {
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
        String stallVerdicts(List<EngineRow> rows) {
            List<String> bounded = new ArrayList<>();
            List<String> growing = new ArrayList<>();
            for (EngineRow row : rows) {
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
        private static String describeChoice(String what, List<EngineRow> rows, java.util.function.Function<EngineRow, Trial> trial) {
            Map<String, Map<String, String>> parts = new LinkedHashMap<>();
            for (EngineRow row : rows) {
                Trial t = trial.apply(row);
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
                if (!p.equals(EngineSpec.PARAM)) {
                    parts.put(p, p + "=" + v);
                }
            });
            return parts;
        }

        // ---------------------------------------------------------- checked mode

        List<CheckedRow> checked() {
            List<CheckedRow> rows = new ArrayList<>();
            List<Trial> empty = avgt(READ_SIDE, "emptySection", t -> t.key().threads() == 1 && t.key().engine().isPresent());
            for (Trial t : empty) {
                EngineSpec spec = t.key().engine().orElseThrow();
                if (!isChecked(spec)) {
                    continue;
                }
                String plain = withoutChecked(spec);
                empty.stream().filter(p -> plain.equals(p.key().params().get(EngineSpec.PARAM))).findFirst()
                        .ifPresent(p -> rows.add(new CheckedRow(plain, new Figure(p, p.primary()), new Figure(t, t.primary()))));
            }
            rows.sort(Comparator.comparing(CheckedRow::engine, ENGINES));
            return rows;
        }

        // ---------------------------------------------------------- goals
        // bench's `goals` lab profile runs exactly the trials these divide (it cannot depend on this
        // module, nor this on it): a goal added here needs its trials added there.

        List<Goal> goals(Map<String, Figure> floors) {
            Figure fence = floors.get(DEFAULT_FLOOR);
            Figure load = floors.get(PLAIN_LOAD);
            List<Goal> goals = new ArrayList<>();
            goals.add(goal("fence", "gus and ebr empty section within 1.25× of the store + full fence floor", 1.25, List.of(
                    check("gus", read("gus"), "ReadSideBench.emptySection (gus)", fence, DEFAULT_FLOOR, 1.25),
                    check("ebr", read("ebr"), "ReadSideBench.emptySection (ebr)", fence, DEFAULT_FLOOR, 1.25))));
            goals.add(goal("hp", "hp protect section within 1.25× of the store + full fence floor", 1.25, List.of(
                    check("hp", oneThread(READ_SIDE, "protectSection", "hp"), "ReadSideBench.protectSection (hp)", fence,
                            DEFAULT_FLOOR, 1.25))));
            goals.add(goal("qsbr", "qsbr read side and quiescent state within 2× of a plain load", 2.0, List.of(
                    check("qsbr emptySection", read("qsbr"), "ReadSideBench.emptySection (qsbr)", load, PLAIN_LOAD, 2.0),
                    check("qsbr quiescentState", oneThread(READ_SIDE, "quiescentState", "qsbr"),
                            "ReadSideBench.quiescentState (qsbr)", load, PLAIN_LOAD, 2.0))));
            goals.add(membarrierGoal());
            goals.add(goal("retire", "amortized retire at batch 64 for gus and ebr within 2× of the store + full fence floor", 2.0,
                    List.of(retireCheck("gus", fence), retireCheck("ebr", fence))));
            Goal overhead = overheadGoal();
            if (overhead != null) {
                goals.add(overhead);
            }
            return goals;
        }

        Figure read(String spec) {
            return oneThread(READ_SIDE, "emptySection", spec);
        }

        static Check check(String label, Figure a, String aWhat, Figure b, String bWhat, double limit) {
            if (a == null || b == null) {
                return new Check(label, null, Verdict.NA, a == null ? aWhat : bWhat, Kind.MISSING);
            }
            Ratio r = Ratio.of(a.value(), b.value());
            if (r == null) {
                return new Check(label, null, Verdict.NA, aWhat + " (" + a.value().unit() + ") ÷ " + bWhat + " ("
                        + b.value().unit() + ")", Kind.MISSING);
            }
            return judge(label, r, limit);
        }

        static Check judge(String label, Ratio r, double limit) {
            if (!r.intervalKnown()) {
                return new Check(label, r, r.value() <= limit ? Verdict.MET : Verdict.NOT_MET, "error unknown", Kind.MEASURED);
            }
            if (r.low() <= limit && limit <= r.high()) {
                return new Check(label, r, Verdict.WITHIN_ERROR, null, Kind.MEASURED);
            }
            return new Check(label, r, r.value() <= limit ? Verdict.MET : Verdict.NOT_MET, null, Kind.MEASURED);
        }

        static Goal goal(String id, String text, double limit, List<Check> checks) {
            List<Check> applying = checks.stream().filter(Check::applies).toList();
            if (applying.isEmpty()) {
                return new Goal(id, text, limit, checks, Verdict.NA,
                        checks.stream().map(Check::reason).distinct().reduce((a, b) -> a + "; " + b).orElse("nothing to judge"));
            }
            Verdict v;
            String reason = null;
            if (applying.stream().anyMatch(c -> c.verdict() == Verdict.NOT_MET)) {
                v = Verdict.NOT_MET;
            } else if (applying.stream().anyMatch(c -> c.kind() == Kind.MISSING)) {
                v = Verdict.NA;
                reason = "not in this run: " + String.join(", ", applying.stream().filter(c -> c.kind() == Kind.MISSING)
                        .map(Check::reason).distinct().toList());
            } else if (applying.stream().anyMatch(c -> c.verdict() == Verdict.WITHIN_ERROR)) {
                v = Verdict.WITHIN_ERROR;
            } else {
                v = Verdict.MET;
            }
            return new Goal(id, text, limit, checks, v, reason);
        }

        /** gus-lazy and pserialize read sides at most half of gus's: only where they skip the fence (membarrier). */
        Goal membarrierGoal() {
            Figure gus = read("gus");
            List<Check> checks = new ArrayList<>();
            for (String name : List.of("gus-lazy", "pserialize")) {
                List<String> specs = avgt(READ_SIDE, "emptySection", t -> t.key().threads() == 1).stream()
                        .map(t -> t.key().engine()).filter(e -> e.isPresent() && e.get().name().equals(name) && !isChecked(e.get()))
                        .map(e -> e.get().spec()).distinct().sorted(ENGINES).toList();
                if (specs.isEmpty() && fencedJvm() != null) {
                    checks.add(new Check(name, null, Verdict.NA, fencedJvm(), Kind.NOT_APPLICABLE));
                } else if (specs.isEmpty()) {
                    checks.add(check(name, null, "ReadSideBench.emptySection (" + name + ")", gus, "", 0.5));
                }
                for (String spec : specs) {
                    String barrier = EngineSpec.parse(spec).knobs().getOrDefault("barrier", "auto");
                    String fenced = barrier.equals("fence") ? "barrier=fence in the spec"
                            : barrier.equals("membarrier") ? null : fencedJvm();
                    if (fenced != null) {
                        checks.add(new Check(spec, null, Verdict.NA, fenced, Kind.NOT_APPLICABLE));
                    } else {
                        checks.add(check(spec, read(spec), "ReadSideBench.emptySection (" + spec + ")", gus,
                                "ReadSideBench.emptySection (gus)", 0.5));
                    }
                }
            }
            return goal("membarrier", "gus-lazy and pserialize read sides at most half of gus's (with membarrier)", 0.5, checks);
        }

        /** Why an engine with barrier=auto has a fenced read side in this run, or null if it has membarrier. */
        String fencedJvm() {
            RunInfo info = run.info();
            if (info != null && info.membarrierAvailable() != null) {
                return info.membarrierAvailable() ? null : "barrier=fence on this JVM";
            }
            Integer major = jdkMajor(run.jdkVersion());
            if (major != null && major < 22) {
                return "barrier=fence on this JVM";
            }
            return "membarrier status unknown (no run.json)";
        }

        static Integer jdkMajor(String version) {
            if (version == null) {
                return null;
            }
            Matcher m = Pattern.compile("^(\\d+)(?:\\.(\\d+))?").matcher(version);
            if (!m.find()) {
                return null;
            }
            int first = Integer.parseInt(m.group(1));
            return first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first;
        }

        /** WriteSideBench.retire of {@code name} at an effective batch of 64 (a default of 64 counts), 1 thread. */
        Check retireCheck(String name, Figure fence) {
            List<Trial> found = avgt(WRITE_SIDE, "retire", t -> t.key().threads() == 1 && t.key().engine().isPresent()
                    && t.key().engine().get().withoutBatch().equals(name) && "64".equals(effectiveBatch(t.key()))).stream()
                    .sorted(Comparator.comparing(t -> !t.key().engine().get().spec().equals(name)))
                    .toList();
            Figure retire = found.isEmpty() ? null : new Figure(found.get(0), found.get(0).primary());
            String label = retire == null ? name : name + " (" + batchWords(retire.trial().key()) + ")";
            return check(label, retire, "WriteSideBench.retire (" + name + ", batch 64)", fence, DEFAULT_FLOOR, 2.0);
        }

        static String batchWords(TrialKey k) {
            String param = k.params().get(EngineSpec.BATCH);
            if (k.engine().flatMap(EngineSpec::batch).isPresent()) {
                return "batch=" + k.engine().get().batch().get();
            }
            return param == null || param.equals(DEFAULT_BATCH) ? "batch=default = " + effectiveBatch(k) : "batch=" + param;
        }

        /** ProfilerOverheadBench.mixed: instrumented=true ÷ false per engine, thread count and other parameters. */
        Goal overheadGoal() {
            List<Trial> all = avgt(OVERHEAD, "mixed", t -> t.key().params().containsKey("instrumented"));
            if (all.isEmpty()) {
                return null;
            }
            Map<String, Trial[]> pairs = new LinkedHashMap<>();
            Set<String> otherParams = new TreeSet<>();
            for (Trial t : all) {
                Map<String, String> rest = new java.util.TreeMap<>(t.key().params());
                rest.remove(EngineSpec.PARAM);
                rest.remove("instrumented");
                otherParams.add(TrialKey.joinParams(rest, " · "));
            }
            for (Trial t : all) {
                Map<String, String> rest = new java.util.TreeMap<>(t.key().params());
                String engine = rest.remove(EngineSpec.PARAM);
                boolean on = Boolean.parseBoolean(rest.remove("instrumented"));
                String label = (engine == null ? "(no engine)" : engine) + " · " + t.key().threads()
                        + (t.key().threads() == 1 ? " thread" : " threads")
                        + (otherParams.size() > 1 && !rest.isEmpty() ? " · " + TrialKey.joinParams(rest, " · ") : "");
                pairs.computeIfAbsent(label, l -> new Trial[2])[on ? 0 : 1] = t;
            }
            List<Check> checks = new ArrayList<>();
            List<String> labels = new ArrayList<>(pairs.keySet());
            labels.sort(Comparator.comparing((String l) -> l.substring(0, l.indexOf(" · ")), ENGINES).thenComparing(Numbers.NATURAL));
            for (String label : labels) {
                Trial[] p = pairs.get(label);
                checks.add(check(label, p[0] == null ? null : new Figure(p[0], p[0].primary()), "instrumented=true (" + label + ")",
                        p[1] == null ? null : new Figure(p[1], p[1].primary()), "instrumented=false (" + label + ")", 1.05));
            }
            return goal("overhead", "profiler overhead: instrumented=true ÷ false within 1.05", 1.05, checks);
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The order of the rows: the README's engines first, then the others; a spec after its bare engine. */
    static final Comparator<String> ENGINES = Comparator.<String>comparingInt(spec -> {
        int i = ENGINE_ORDER.indexOf(EngineSpec.parse(spec).name());
        return i < 0 ? ENGINE_ORDER.size() : i;
    }).thenComparing(spec -> EngineSpec.parse(spec).name(), Numbers.NATURAL).thenComparing(Numbers.NATURAL);

    static boolean isChecked(EngineSpec e) {
        return "true".equals(e.knobs().get("checked"));
    }

    /** The spec without its {@code checked} knob: the plain engine a checked row is compared with. */
    static String withoutChecked(EngineSpec e) {
        int colon = e.spec().indexOf(':');
        List<String> kept = new ArrayList<>();
        for (String knob : e.spec().substring(colon + 1).split(",")) {
            if (!knob.isBlank() && !knob.equals("checked=true")) {
                kept.add(knob);
            }
        }
        return kept.isEmpty() ? e.name() : e.name() + ":" + String.join(",", kept);
    }

    /**
     * The engines' own batch sizes (smr-impls' Engines catalogue: 64, but 1 for rwlock and broken).
     * Written out here because reports depends on no module of ours; null for an engine it does not know.
     */
    static String engineDefaultBatch(String engineName) {
        return switch (engineName) {
            case "rwlock", "broken" -> "1";
            case "gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref",
                 "localcount", "none" -> "64";
            default -> null;
        };
    }

    /** The batch a trial ran with: the parameter, else the spec's knob; {@code default} resolved where known. */
    static String effectiveBatch(TrialKey k) {
        String param = k.params().get(EngineSpec.BATCH);
        if (param != null && !param.equals(DEFAULT_BATCH)) {
            return param;
        }
        EngineSpec e = k.engine().orElse(null);
        if (e == null) {
            return null;
        }
        return e.batch().orElseGet(() -> engineDefaultBatch(e.name()));
    }

    /** The batch parameter is absent or "default". */
    static boolean literalDefaultBatch(TrialKey k) {
        String param = k.params().get(EngineSpec.BATCH);
        return param == null || param.equals(DEFAULT_BATCH);
    }

    /** The row's spec at its default batch: no batch parameter, "default", or the engine's default size given explicitly. */
    static boolean defaultBatch(TrialKey k) {
        if (literalDefaultBatch(k)) {
            return true;
        }
        return k.engine().map(e -> e.batch().isEmpty() && k.params().get(EngineSpec.BATCH).equals(engineDefaultBatch(e.name())))
                .orElse(false);
    }

    /** A ReclamationBench parameter absent or at the suite's default (numbers compared as numbers). */
    static boolean atDefault(TrialKey k, String param) {
        String v = k.params().get(param);
        String d = MIXED_DEFAULTS.get(param);
        if (v == null || v.equals(d)) {
            return true;
        }
        try {
            return Double.parseDouble(v) == Double.parseDouble(d);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|µs|ms|s)");

    /** A stall parameter's length in ns: "iteration" is the longest; unreadable values the shortest. */
    static double stallLength(String stall) {
        if (stall == null) {
            return -1;
        }
        if (stall.equals("iteration")) {
            return Double.POSITIVE_INFINITY;
        }
        Matcher m = DURATION.matcher(stall.trim());
        if (!m.matches()) {
            return -1;
        }
        double v = Double.parseDouble(m.group(1));
        return switch (m.group(2)) {
            case "ns" -> v;
            case "us", "µs" -> v * 1e3;
            case "ms" -> v * 1e6;
            default -> v * 1e9;
        };
    }
}
