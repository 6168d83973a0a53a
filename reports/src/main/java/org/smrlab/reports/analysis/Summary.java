package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Goals;

/**
 * The README's results, per run: the figures a reader asks for first, each read from one trial,
 * and the project's goals judged on them. {@code reports summary} prints it; the HTML report
 * opens with it. This class holds what the summary says; {@link TrialChoice} chooses the trials,
 * {@link GoalJudge} judges the goals, {@code render.SummaryReport} renders it.
 *
 * <p><b>Why these columns.</b> Each answers one question of the lab, in the order a reader of the
 * README asks them: what a read section costs ({@code read}: ReadSideBench.emptySection, enter +
 * exit), what a read that touches a pointer costs ({@code protect}: where hazard pointers pay their
 * fence), what a real lookup costs ({@code lookup}), what the write side costs ({@code retire},
 * amortized over the engine's batch, and {@code advance}, the clock alone, for the engines that
 * have a write side), how long memory waits and how much of it ({@code r2f p99} and
 * {@code pending peak} under the mixed workload), and what a stalled reader does to memory
 * ({@code stall}). Times are also given as a multiple of a floor measured in the same run
 * ({@code ×floor}, by default the store + full fence the goals divide by), because absolute
 * nanoseconds differ from machine to machine while "so many fences" carries over. Checked mode
 * and the goals follow.
 *
 * <p><b>Facts, not guesses.</b> Which engines have a write side, their order, their default
 * batch, which benchmarks are floors and what they measure, the benchmarks' parameter defaults and
 * the goals all come from the run's run.json (run-format) and the goal table; a bare result file
 * or a schema-1 run lacks them, and the summary then says what it could not tell instead of
 * assuming.
 */
public final class Summary {

    /** The floor the ×floor columns divide by unless told otherwise: the one the goal table calls the fence floor. */
    public static final String DEFAULT_FLOOR = TrialChoice.method(Goals.FENCE_FLOOR);

    private Summary() {
    }

    // ------------------------------------------------------------------ the model

    /** One figure, read from one trial. The value may be NaN (r2f of an engine that never frees). */
    public record Figure(TrialResult trial, Measurement value) {
    }

    /**
     * a ÷ b, with the interval from both errors; {@code low} and {@code high} are NaN when an error
     * is unknown, {@code high} infinite when b's interval reaches 0.
     */
    public record Quotient(double value, double low, double high) {

        /** Null when there is no meaningful ratio: a missing or non-finite figure, b = 0, or units that differ. */
        public static Quotient of(Measurement a, Measurement b) {
            if (a == null || b == null || !Double.isFinite(a.score()) || !Double.isFinite(b.score()) || b.score() == 0
                    || !a.unit().equals(b.unit())) {
                return null;
            }
            double value = a.score() / b.score();
            if (!a.errorKnown() || !b.errorKnown()) {
                return new Quotient(value, Double.NaN, Double.NaN);
            }
            double low = Math.max(0, (a.score() - a.error()) / (b.score() + b.error()));
            double below = b.score() - b.error();
            double high = below > 0 ? (a.score() + a.error()) / below : Double.POSITIVE_INFINITY;
            return new Quotient(value, low, high);
        }

        public boolean intervalKnown() {
            return !Double.isNaN(low);
        }
    }

    public enum Verdict {
        MET("met"), NOT_MET("not met"), WITHIN_ERROR("within error"), NA("n/a");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Whether a check has a ratio, lacks a figure, or does not apply (the membarrier goal on a fenced read side). */
    public enum Kind { MEASURED, MISSING, NOT_APPLICABLE }

    /**
     * One ratio a goal is judged on; {@code ratio} is null unless MEASURED. {@code reason}: for a
     * measured ratio "error unknown" or null; for a missing one the figure that is missing; for one
     * that does not apply, why.
     */
    public record Check(String label, Quotient ratio, Verdict verdict, String reason, Kind kind) {

        public boolean applies() {
            return kind != Kind.NOT_APPLICABLE;
        }
    }

    /**
     * A goal of run-format's goal table as judged on one run: {@code ratio ≤ limit} for every check.
     * {@code reason} explains an n/a verdict.
     */
    public record GoalResult(org.smrlab.run.Goal goal, List<Check> checks, Verdict verdict, String reason) {

        public String id() {
            return goal.id();
        }

        public String text() {
            return goal.statement();
        }

        public double limit() {
            return goal.limit();
        }
    }

    /** One floor: its method, what it measures in words (null when the run does not say), its figure. */
    public record Floor(String method, String words, Figure figure) {

        /** The words, or the method when they are unknown. */
        public String name() {
            return words != null ? words : method;
        }
    }

    /** One engine's row; a null figure is missing. {@code mixed} and {@code stall} are the chosen trials. */
    public record EngineRow(String engine, Figure read, Figure protect, Figure lookup, Figure retire, Figure advance,
                            Figure r2f, Figure pendingPeak, Figure stallPeak, Figure stallUnbounded,
                            TrialResult mixed, TrialResult stall) {

        public boolean unbounded() {
            return stallUnbounded != null && stallUnbounded.value().score() >= 1;
        }
    }

    /** An engine read both plain and in checked mode. */
    public record CheckedRow(String engine, Figure plain, Figure checked) {

        public Quotient ratio() {
            return Quotient.of(checked.value(), plain.value());
        }
    }

    /**
     * Everything the summary says about one run. {@code floors} are the floors present, cheapest
     * first; {@code engineNotes} are the lines under the engine table (the chosen trials, sources);
     * {@code notes} are what the reader should know about choices that could not be made.
     */
    public record RunSummary(Run run, String floorMethod, List<Floor> floors, List<EngineRow> engines,
                             List<String> engineNotes, List<CheckedRow> checked, List<GoalResult> goals, List<String> notes) {

        /** The floor the ×floor columns divide by; null when this run lacks it. */
        public Floor floor() {
            return floors.stream().filter(f -> f.method().equals(floorMethod)).findFirst().orElse(null);
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
            new TrialChoice(run).floors().forEach(f -> names.add(f.method()));
        }
        return names;
    }

    public static List<RunSummary> of(List<Run> runs, String floorMethod) {
        return runs.stream().map(r -> of(r, floorMethod)).toList();
    }

    public static RunSummary of(Run run, String floorMethod) {
        TrialChoice choice = new TrialChoice(run);
        List<Floor> floors = choice.floors();
        List<EngineRow> rows = new ArrayList<>();
        for (String label : choice.engineLabels()) {
            rows.add(choice.row(label));
        }
        List<String> engineNotes = rows.isEmpty() ? List.of() : choice.choiceNotes(rows);
        List<GoalResult> goals = floors.isEmpty() && rows.isEmpty() ? List.of() : new GoalJudge(run, choice).goals();
        return new RunSummary(run, floorMethod, floors, rows, engineNotes, choice.checked(), goals, choice.notes());
    }
}
