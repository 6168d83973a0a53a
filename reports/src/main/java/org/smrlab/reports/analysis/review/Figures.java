package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.ReviewInput;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TrialSelector;

/**
 * Every figure of the review, looked up in the review's data: the one way the generator gets a
 * number. Each lookup returns a {@link Figure} (a value with its error, forks and provenance, or a
 * missing marker that says why) and is logged; the log ({@link #log()}) is written beside the review
 * and is what its tests trace every number of review.md back to.
 *
 * <p>Implementation notes. Trials are found through the question catalogue's selectors
 * (run-format's {@link Questions}, the same ones bench's review profiles are planned from) and
 * {@link TrialSelector#matches}, on the trials run.json records, then narrowed by engine spec,
 * parameter and thread count; a narrowing that leaves exactly one trial gives its figure. Values come
 * from {@link MetricValues} (JMH's score, a secondary result, or a percentile pooled from the trial's
 * interval logs). Why a figure is missing is told as precisely as the data allows, in this order: the
 * sub-run is absent (and review.json's reason), the quick review leaves the selector out, the review
 * skipped it, run.json has no such trial, the trial failed, it has no result, the result lacks the
 * metric, the metric is NaN. Derived figures (ratios, break-even rates) record their inputs.
 */
public final class Figures {
    private final ReviewInput review;
    private final List<Figure> log = new ArrayList<>();

    private Figures(ReviewInput review) {
        this.review = review;
    }

    public static Figures of(ReviewInput review) {
        return new Figures(review);
    }

    public ReviewInput review() {
        return review;
    }

    /** Every figure handed out, in order. */
    public List<Figure> log() {
        return Collections.unmodifiableList(log);
    }

    Figure logged(Figure f) {
        log.add(f);
        return f;
    }

    // ------------------------------------------------------------------ trials

    /** The trials of selector {@code id} on {@code subRun}: all of them, to narrow down. */
    public Selection select(String id, SubRun subRun) {
        TrialSelector selector = Questions.selector(id)
                .orElseThrow(() -> new IllegalArgumentException("no selector " + id + " in the question catalogue"));
        if (!selector.runsOn(subRun)) {
            throw new IllegalArgumentException(id + " does not run on " + subRun.dir() + "/");
        }
        Optional<Run> run = review.subRun(subRun);
        if (run.isEmpty()) {
            return Selection.none(this, selector, subRun, "no " + subRun.dir() + "/ sub-run");
        }
        ReviewInfo info = review.info();
        if (info.quick() && !selector.inQuick()) {
            return Selection.none(this, selector, subRun, id + " is not in the quick review (scripts/lab review runs it)");
        }
        Optional<ReviewInfo.Skipped> skipped = info.skipped().stream().filter(s -> s.selector().equals(id)).findFirst();
        RunInfo runInfo = run.get().info();
        List<String> specs = selector.engineSpecs(runInfo.catalogue() == null ? List.of() : runInfo.catalogue());
        int cores = cores(runInfo);
        org.smrlab.run.BenchmarkFacts facts = runInfo.benchmarks() == null ? null : runInfo.benchmarks().get(selector.qualifiedBenchmark());
        List<TrialRecord> records = runInfo.trials().stream().filter(t -> selector.matches(t, info.quick(), specs, cores, facts)).toList();
        if (records.isEmpty()) {
            return Selection.none(this, selector, subRun, skipped.map(s -> id + " skipped: " + s.why())
                    .orElse("not run: no trial of " + id + " in " + subRun.dir() + "/"));
        }
        return new Selection(this, selector, subRun, run.get(), records, null, cores, "");
    }

    static int cores(RunInfo info) {
        return info == null || info.machine() == null || info.machine().cores() == null ? 1 : info.machine().cores();
    }

    /** The figure of one trial (run.json's record {@code r}, its result {@code t} or null) for {@code metric}. */
    Figure measure(Selection s, TrialRecord r, TrialResult t, String metric, String what) {
        String file = s.subRun().dir() + "/" + RunFolder.RESULTS_JSON;
        if (r.status() == TrialRecord.Status.FAILED) {
            return missing(what, "trial failed: " + r.label() + " (" + s.subRun().dir() + "/)");
        }
        if (t == null) {
            return missing(what, "no result for " + r.label() + " in " + s.subRun().dir() + "/ (run.json lists it as "
                    + r.status().json() + ")");
        }
        Optional<Measurement> m;
        if (metric.equals(TrialSelector.SCORE)) {
            m = Optional.of(t.primary());
        } else if (metric.startsWith(TrialSelector.MEMBER_SCORE_PREFIX)) {
            m = Optional.ofNullable(t.secondary().get(metric.substring(TrialSelector.MEMBER_SCORE_PREFIX.length())));
        } else {
            m = MetricValues.of(s.run(), t, metric);
        }
        Optional<Metric> catalogued = Metrics.byName(metric);
        if (m.isEmpty() && catalogued.map(x -> Metrics.WAIT_LOG.equals(x.log())).orElse(false)) {
            // a wait's distribution has no sample where the engine never waited: say so, from the count of waits
            Optional<Measurement> waits = MetricValues.of(s.run(), t, Metrics.WAITS.name());
            if (waits.isPresent() && waits.get().score() == 0) {
                return factText(what, "no waits", new Provenance(s.subRun().dir(), r.label(), Metrics.WAITS.name(), file));
            }
        }
        if (m.isEmpty()) {
            return missing(what, "not reported by the trial (" + metric + ", " + s.subRun().dir() + "/)");
        }
        Measurement v = m.get();
        if (!Double.isFinite(v.score()) && catalogued.map(x -> Metrics.R2F_LOG.equals(x.log())).orElse(false)
                && neverFrees(s.run(), r)) {
            return factText(what, "never frees", new Provenance(s.subRun().dir(), r.label(), "catalogue: neverFrees",
                    s.subRun().dir() + "/" + RunFolder.RUN_JSON));
        }
        if (!Double.isFinite(v.score())) {
            return missing(what, metric + " has no value (" + Figure.format(v.score(), Double.NaN, Double.NaN, Double.NaN, "", false)
                    + ") for " + r.label());
        }
        if (v.source() == Measurement.Source.POOLED_HLOG) {
            file = s.subRun().dir() + "/" + RunFolder.HLOG_DIR;
        }
        int forks = !v.forks().isEmpty() ? v.forks().size() : r.length() == null ? 0 : r.length().forks();
        double low = Double.NaN;
        double high = Double.NaN;
        if (!v.errorKnown() && v.forks().size() > 1) {
            DoubleSummaryStatistics st = v.forks().stream().mapToDouble(Double::doubleValue).summaryStatistics();
            low = st.getMin();
            high = st.getMax();
        }
        boolean whole = isCount(v.unit());
        String text = Figure.format(v.score(), v.error(), low, high, v.unit(), whole);
        return logged(new Figure(Figure.Kind.MEASURED, what, v.score(), v.error(), low, high, v.unit(), forks, v.forks(),
                new Provenance(s.subRun().dir(), r.label(), metric, file), null, List.of(), text));
    }

    /** Whether run.json's catalogue says the trial's engine never frees (the garbage collector does). */
    private static boolean neverFrees(Run run, TrialRecord r) {
        return r.engine() != null && run.info() != null && run.info().facts(r.engine().name()).map(e -> e.neverFrees()).orElse(false);
    }

    private static boolean isCount(String unit) {
        return unit.equals("nodes") || unit.equals("count");
    }

    /**
     * The share (in %) of the values of interval log {@code log} (a metric catalogue log: {@code grace}) of the
     * selection's one trial that are at most {@code bound} (a figure, in the log's unit, ns), every interval of
     * every fork merged: "the bound holds for X% of grace periods".
     */
    public Figure shareAtOrBelow(Selection s, String log, Figure bound) {
        String what = s.selector().id() + " " + s.subRun().dir() + " share of " + log + " at or below " + bound.what();
        if (bound.missing()) {
            return missing(what, bound.why());
        }
        if (s.records().size() != 1) {
            return missing(what, s.isEmpty() ? s.why() : s.records().size() + " trials match (a generator defect)");
        }
        TrialRecord r = s.records().get(0);
        Optional<TrialResult> t = s.result();
        if (t.isEmpty()) {
            return missing(what, r.status() == TrialRecord.Status.FAILED ? "trial failed: " + r.label()
                    : "no result for " + r.label() + " in " + s.subRun().dir() + "/");
        }
        org.HdrHistogram.Histogram merged = new org.HdrHistogram.Histogram(3);
        java.util.Set<Integer> forks = new java.util.TreeSet<>();
        s.run().hlogs().stream().filter(h -> h.metric().equals(log) && h.belongsTo(t.get().key())).forEach(h -> {
            forks.add(h.fork());
            h.intervals().forEach(merged::add);
        });
        if (merged.getTotalCount() == 0) {
            return missing(what, "no " + log + " interval log for " + r.label() + " in " + s.subRun().dir() + "/" + RunFolder.HLOG_DIR);
        }
        double share = merged.getPercentileAtOrBelowValue((long) Math.floor(bound.value()));
        Figure total = fact(what + " (values)", merged.getTotalCount(), "", new Provenance(s.subRun().dir(), r.label(), log,
                s.subRun().dir() + "/" + RunFolder.HLOG_DIR));
        return logged(new Figure(Figure.Kind.DERIVED, what, share, Double.NaN, Double.NaN, Double.NaN, "%", forks.size(), List.of(),
                new Provenance(s.subRun().dir(), r.label(), log, s.subRun().dir() + "/" + RunFolder.HLOG_DIR), null,
                List.of(bound, total), Figure.format(share, Double.NaN, Double.NaN, Double.NaN, "%", false)));
    }

    // ------------------------------------------------------------------ facts and derived figures

    /**
     * How many forks stand behind a measured figure, as a figure of its own (from the results' per-fork data,
     * else run.json's planned length): for a table's forks column. Prose for a figure that is not a measurement.
     */
    public Prose forks(Figure of) {
        if (of.kind() != Figure.Kind.MEASURED || of.forks() <= 0) {
            return Prose.of();
        }
        Figure n = logged(new Figure(Figure.Kind.FACT, "forks of " + of.what(), of.forks(), Double.NaN, Double.NaN, Double.NaN, "",
                0, List.of(), of.source(), null, List.of(), Figure.format(of.forks(), Double.NaN, Double.NaN, Double.NaN, "", true)));
        return Prose.of().f(n);
    }

    /** A figure the run lacks, and why. */
    public Figure missing(String what, String why) {
        return logged(new Figure(Figure.Kind.MISSING, what, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", 0, List.of(),
                null, why, List.of(), "missing (" + why + ")"));
    }

    /** A number the run records (a count of evidence, a knob's value, a size), read from {@code source}. */
    public Figure fact(String what, double value, String unit, Provenance source) {
        return logged(new Figure(Figure.Kind.FACT, what, value, Double.NaN, Double.NaN, Double.NaN, unit, 0, List.of(), source,
                null, List.of(), Figure.format(value, Double.NaN, Double.NaN, Double.NaN, unit, true)));
    }

    /** A fact the run records as text with numbers in it (a JDK version, a date, a duration knob such as {@code 1ms}). */
    public Figure factText(String what, String text, Provenance source) {
        return logged(new Figure(Figure.Kind.FACT, what, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", 0, List.of(),
                source, null, List.of(), text));
    }

    /** The cores of a sub-run's machine, as its run.json records them. */
    public Figure cores(SubRun subRun) {
        return review.subRun(subRun).map(r -> r.info().machine() == null || r.info().machine().cores() == null
                        ? missing("cores of " + subRun.dir(), "run.json does not record the cores")
                        : fact("cores of " + subRun.dir(), r.info().machine().cores(), "",
                        new Provenance(subRun.dir(), null, "machine.cores", subRun.dir() + "/" + RunFolder.RUN_JSON)))
                .orElseGet(() -> missing("cores of " + subRun.dir(), "no " + subRun.dir() + "/ sub-run"));
    }

    /**
     * {@code a ÷ b}, with the interval from both errors (or both forks' ranges) where known; missing
     * when either is, naming it.
     */
    public Figure ratio(String what, Figure a, Figure b) {
        if (a.missing() || b.missing()) {
            Figure gone = a.missing() ? a : b;
            return missing(what, gone.why());
        }
        if (b.value() == 0) {
            return missing(what, "the divisor is 0 (" + b.what() + ")");
        }
        double v = a.value() / b.value();
        double[] ia = a.interval();
        double[] ib = b.interval();
        double low = Double.NaN;
        double high = Double.NaN;
        if (ia != null && ib != null) {
            low = Math.max(0, ia[0] / ib[1]);
            high = ib[0] > 0 ? ia[1] / ib[0] : Double.POSITIVE_INFINITY;
        }
        return derived(what, v, "×", low, high, List.of(a, b));
    }

    /** A value computed from {@code inputs} (a break-even rate, a share), with its interval where known. */
    public Figure derived(String what, double value, String unit, double low, double high, List<Figure> inputs) {
        for (Figure in : inputs) {
            if (in.missing()) {
                return missing(what, in.why());
            }
        }
        if (!Double.isFinite(value)) {
            return missing(what, "cannot be computed from its inputs (" + String.join("; ", inputs.stream().map(Figure::what).toList()) + ")");
        }
        return logged(new Figure(Figure.Kind.DERIVED, what, value, Double.NaN, low, high, unit, 0, List.of(), null, null, inputs,
                Figure.format(value, Double.NaN, low, high, unit, false)));
    }

    /** A share of a whole, as a percentage: {@code part} of {@code whole}. */
    public Figure share(String what, Figure part, Figure whole) {
        if (part.missing() || whole.missing()) {
            return missing(what, (part.missing() ? part : whole).why());
        }
        if (whole.value() == 0) {
            return missing(what, "nothing to take a share of (" + whole.what() + " is 0)");
        }
        return derived(what, 100.0 * part.value() / whole.value(), "%", Double.NaN, Double.NaN, List.of(part, whole));
    }

    /** The figures of a log, keyed by what they are: for tests and for the provenance file. */
    public static Map<String, Figure> byWhat(List<Figure> log) {
        Map<String, Figure> m = new java.util.LinkedHashMap<>();
        log.forEach(f -> m.putIfAbsent(f.what(), f));
        return m;
    }
}
