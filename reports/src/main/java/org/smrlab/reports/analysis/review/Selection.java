package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TrialSelector;

/**
 * Trials of one catalogue selector on one sub-run, as run.json records them, narrowed step by step
 * ({@link #engine}, {@link #param}, {@link #threads}) down to the one whose figure is wanted
 * ({@link #figure}). An empty selection remembers why it is empty, and every figure asked of it is
 * missing for that reason.
 */
public final class Selection {
    private final Figures figures;
    private final TrialSelector selector;
    private final SubRun subRun;
    private final Run run;
    private final List<TrialRecord> records;
    private final String why;
    private final int cores;
    private final String path;

    Selection(Figures figures, TrialSelector selector, SubRun subRun, Run run, List<TrialRecord> records, String why, int cores,
              String path) {
        this.figures = figures;
        this.selector = selector;
        this.subRun = subRun;
        this.run = run;
        this.records = List.copyOf(records);
        this.why = why;
        this.cores = cores;
        this.path = path;
    }

    static Selection none(Figures figures, TrialSelector selector, SubRun subRun, String why) {
        return new Selection(figures, selector, subRun, null, List.of(), why, 1, "");
    }

    /** What the selection is, whether or not the run has it: selector, sub-run, and each narrowing. */
    public String describe() {
        return selector.id() + " " + subRun.dir() + path;
    }

    /** The figures this selection belongs to. */
    Figures figuresOwner() {
        return figures;
    }

    public TrialSelector selector() {
        return selector;
    }

    public SubRun subRun() {
        return subRun;
    }

    Run run() {
        return run;
    }

    public List<TrialRecord> records() {
        return records;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Why this selection is empty; null when it is not. */
    public String why() {
        return records.isEmpty() ? why : null;
    }

    private Selection narrowed(List<TrialRecord> kept, String by) {
        if (records.isEmpty()) {
            return new Selection(figures, selector, subRun, run, records, why, cores, path + " " + by);
        }
        String reason = kept.isEmpty() ? "not run (" + by + ", " + subRun.dir() + "/)" : null;
        return new Selection(figures, selector, subRun, run, kept, reason, cores, path + " " + by);
    }

    /** The trials whose {@code engine} parameter is {@code spec} exactly. */
    public Selection engine(String spec) {
        return narrowed(records.stream().filter(r -> spec.equals(engineOf(r))).toList(), "engine=" + spec);
    }

    /** The trials whose parameter {@code name} is {@code value}. */
    public Selection param(String name, String value) {
        return narrowed(records.stream().filter(r -> r.params() != null && value.equals(r.params().get(name))).toList(),
                name + "=" + value);
    }

    /** The trials at this thread token ({@code 1}, {@code max}, {@code 1,1}), resolved with the sub-run's cores. */
    public Selection threads(String token) {
        List<Integer> t = TrialSelector.resolveThreads(token, cores);
        return narrowed(records.stream().filter(r -> t.equals(r.threads())).toList(), "threads=" + token);
    }

    /** The engine specs present, in the order run.json lists them. */
    public List<String> engines() {
        Set<String> s = new LinkedHashSet<>();
        records.forEach(r -> {
            if (engineOf(r) != null) {
                s.add(engineOf(r));
            }
        });
        return new ArrayList<>(s);
    }

    /** The values of parameter {@code name} present, in run.json's order. */
    public List<String> values(String name) {
        Set<String> s = new LinkedHashSet<>();
        records.forEach(r -> {
            if (r.params() != null && r.params().get(name) != null) {
                s.add(r.params().get(name));
            }
        });
        return new ArrayList<>(s);
    }

    /** The thread counts present, as run.json records them ({@code [1]}, {@code [2]}, {@code [1, 1]}). */
    public List<List<Integer>> threadCounts() {
        Set<List<Integer>> s = new LinkedHashSet<>();
        records.forEach(r -> s.add(r.threads()));
        return new ArrayList<>(s);
    }

    private static String engineOf(TrialRecord r) {
        return r.params() == null ? null : r.params().get(TrialRecord.ENGINE_PARAM);
    }

    /** The one trial's result; empty when none, or when several are left. */
    public Optional<TrialResult> result() {
        if (records.size() != 1 || run == null) {
            return Optional.empty();
        }
        return resultOf(records.get(0));
    }

    private Optional<TrialResult> resultOf(TrialRecord r) {
        return run.trials().stream().filter(t -> Objects.equals(r, t.record())).findFirst();
    }

    /** The one trial's run.json record; empty when none, or when several are left. */
    public Optional<TrialRecord> record() {
        return records.size() == 1 ? Optional.of(records.get(0)) : Optional.empty();
    }

    /**
     * The figure of the one trial left for {@code metric} ({@link TrialSelector#SCORE}, {@code score:<member>},
     * or a metric catalogue name); missing, with why, when none is left, when several are, or when the
     * trial lacks it.
     */
    public Figure figure(String metric) {
        String what = describe() + " " + metric;
        if (records.isEmpty()) {
            return figures.missing(what, why);
        }
        if (records.size() > 1) {
            return figures.missing(what, records.size() + " trials of " + selector.id() + " match; the review names one "
                    + "(a generator defect: " + String.join(", ", records.stream().map(TrialRecord::label).toList()) + ")");
        }
        TrialRecord r = records.get(0);
        return figures.measure(this, r, resultOf(r).orElse(null), metric, what);
    }
}
