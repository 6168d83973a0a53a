package org.smrlab.reports.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.Goal;
import org.smrlab.run.Goals;
import org.smrlab.run.JdkVersion;
import org.smrlab.run.RunInfo;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.TrialRef;

/**
 * Judges run-format's goal table ({@link Goals}) on one run: the same rows bench's {@code goals}
 * profile plans its trials from.
 *
 * <p><b>Finding a ratio's trials.</b> A {@link TrialRef} names a benchmark, an engine, parameter
 * values and a thread count; a trial matches when its engine has that name (checked mode aside;
 * where run.json does not name the engine, its parameter's text must equal the name), each named
 * parameter has that value, either as the JMH parameter or as the knob in effect in its engine
 * (so {@code batch=64} is met by {@code batch=default} on an engine whose default is 64, which
 * only run.json can say), and the batch is the engine's default where the ref does not set it.
 * Averages only (avgt). Among several matches the plainest spec (no knobs written) and a literal
 * default batch come first.
 *
 * <p><b>Verdicts.</b> A goal bounds ratios a ÷ b of two figures of one run. A ratio's interval is
 * [(a − ea) ÷ (b + eb), (a + ea) ÷ (b − eb)] from JMH's 99.9% errors ea and eb. The verdict is
 * "within error" when the bound lies inside that (closed) interval, else "met" or "not met" from the
 * ratio itself; with an error unknown there is no interval and the verdict is the ratio's, flagged
 * "error unknown". A goal over several ratios is not met if any is not met, n/a if a figure is
 * missing, within error if any is, else met.
 *
 * <p><b>Conditions.</b> A ratio that applies only where its numerator's engine runs with certain
 * knobs ({@link Goal.Ratio#appliesWhen()}: the membarrier goal's {@code barrier=membarrier}) is
 * judged per spec present, from the knobs in effect run.json records (the engine's own canonical
 * spec on the forks' JVM). Where the knobs are unknown (a bare file, a schema-1 run), a condition on
 * membarrier is decided by the JVM where it can be: no membarrier before JDK {@value JdkVersion#FFM}
 * or where run.json says it is unavailable; otherwise the ratio is n/a, its status unknown.
 */
final class GoalJudge {
    private static final String MEMBARRIER = "membarrier";

    private final Run run;
    private final TrialChoice choice;

    GoalJudge(Run run, TrialChoice choice) {
        this.run = run;
        this.choice = choice;
    }

    /** Every goal of the table, but a goal over each engine present (the profiler's overhead) when none is. */
    List<Summary.GoalResult> goals() {
        List<Summary.GoalResult> goals = new ArrayList<>();
        for (Goal g : Goals.all()) {
            List<Summary.Check> checks = new ArrayList<>();
            boolean eachEngine = false;
            for (Goal.Ratio r : g.ratios()) {
                if (r.numerator().eachEngine()) {
                    eachEngine = true;
                    checks.addAll(pairs(r, g.limit()));
                } else {
                    checks.addAll(fixed(r, g.limit()));
                }
            }
            if (eachEngine && checks.isEmpty()) {
                continue;
            }
            goals.add(verdict(g, checks));
        }
        return goals;
    }

    // ---------------------------------------------------------- matching

    private List<TrialResult> matches(TrialRef ref) {
        return choice.avgt(ref.benchmark(), t -> (ref.threads() == null || t.key().threads() == ref.threads())
                        && engineMatches(ref, t) && paramsMatch(ref, t))
                .stream()
                .sorted(Comparator.<TrialResult>comparingInt(t -> t.engine() == null || t.engine().written() == null
                                ? 0 : t.engine().written().size())
                        .thenComparing(t -> !TrialChoice.literalDefaultBatch(t)))
                .toList();
    }

    private static boolean engineMatches(TrialRef ref, TrialResult t) {
        if (!ref.hasEngine()) {
            return !t.hasEngine();
        }
        if (!t.hasEngine() || t.engine().isChecked()) {
            return false;
        }
        return ref.eachEngine() || t.engine().nameOrLabel().equals(ref.engine());
    }

    private static boolean paramsMatch(TrialRef ref, TrialResult t) {
        for (Map.Entry<String, String> p : ref.params().entrySet()) {
            boolean asParam = p.getValue().equals(t.key().params().get(p.getKey()));
            boolean asKnob = t.engine() != null && t.engine().knob(p.getKey()).map(p.getValue()::equals).orElse(false);
            if (!asParam && !asKnob) {
                return false;
            }
        }
        return ref.params().containsKey(TrialRecord.BATCH_PARAM) || TrialChoice.atDefaultBatch(t);
    }

    /** "ReadSideBench.emptySection (gus)", "WriteSideBench.retire (gus, batch=64)": what a ref asks for. */
    private static String describe(TrialRef ref) {
        List<String> parts = new ArrayList<>();
        if (ref.hasEngine() && !ref.eachEngine()) {
            parts.add(ref.engine());
        }
        ref.params().forEach((k, v) -> parts.add(k + "=" + v));
        return ref.benchmark() + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    /** "batch=64", or "batch=default = 64" where the ref's value is the knob in effect rather than the parameter. */
    private static String paramWords(TrialRef ref, TrialResult t) {
        List<String> words = new ArrayList<>();
        ref.params().forEach((k, v) -> {
            String param = t.key().params().get(k);
            words.add(v.equals(param) ? k + "=" + v : k + "=" + param + " = " + v);
        });
        return String.join(", ", words);
    }

    private static Summary.Figure figure(TrialResult t) {
        return t == null ? null : new Summary.Figure(t, t.primary());
    }

    // ---------------------------------------------------------- ratios

    /** A ratio of named trials: one check, or one per spec present where the ratio has a condition. */
    private List<Summary.Check> fixed(Goal.Ratio r, double limit) {
        List<TrialResult> denominators = matches(r.denominator());
        Summary.Figure b = denominators.isEmpty() ? null : figure(denominators.get(0));
        List<TrialResult> numerators = matches(r.numerator());
        if (r.appliesWhen().isEmpty()) {
            TrialResult a = numerators.isEmpty() ? null : numerators.get(0);
            String label = r.label() + (a == null || r.numerator().params().isEmpty() ? "" : " (" + paramWords(r.numerator(), a) + ")");
            return List.of(check(label, figure(a), describe(r.numerator()), b, describe(r.denominator()), limit));
        }
        List<Summary.Check> checks = new ArrayList<>();
        Map<String, TrialResult> bySpec = new LinkedHashMap<>();
        numerators.forEach(t -> bySpec.putIfAbsent(t.engine().label(), t));
        if (bySpec.isEmpty()) {
            String fenced = noMembarrierHere(r);
            checks.add(fenced != null ? new Summary.Check(r.label(), null, Summary.Verdict.NA, fenced, Summary.Kind.NOT_APPLICABLE)
                    : check(r.label(), null, describe(r.numerator()), b, describe(r.denominator()), limit));
        }
        List<String> specs = new ArrayList<>(bySpec.keySet());
        specs.sort(choice.engineOrder());
        for (String spec : specs) {
            String why = whyNotApplying(r, bySpec.get(spec));
            checks.add(why != null ? new Summary.Check(spec, null, Summary.Verdict.NA, why, Summary.Kind.NOT_APPLICABLE)
                    : check(spec, figure(bySpec.get(spec)), describe(r.numerator()), b, describe(r.denominator()), limit));
        }
        return checks;
    }

    /** Why a conditional ratio does not apply to this trial's engine; null when it does. */
    private String whyNotApplying(Goal.Ratio r, TrialResult t) {
        EngineRef e = t.engine();
        if (e.knobs() == null) {
            String fenced = noMembarrierHere(r);
            return fenced != null ? fenced : "whether " + e.label() + " ran with " + words(r.appliesWhen())
                    + " is unknown (no engine knobs in run.json)";
        }
        for (Map.Entry<String, String> w : r.appliesWhen().entrySet()) {
            String inEffect = e.knob(w.getKey()).orElse("?");
            if (!inEffect.equals(w.getValue())) {
                return w.getKey() + "=" + inEffect + (e.writtenKnob(w.getKey()).isPresent() ? " in the spec" : " on this JVM");
            }
        }
        return null;
    }

    /** "barrier=fence on this JVM" where the condition asks for membarrier and the JVM cannot have it; else null. */
    private String noMembarrierHere(Goal.Ratio r) {
        boolean wantsMembarrier = r.appliesWhen().containsValue(MEMBARRIER);
        if (!wantsMembarrier) {
            return null;
        }
        RunInfo info = run.info();
        boolean none;
        if (info != null && info.membarrier() != null && info.membarrier().available() != null) {
            none = !info.membarrier().available();
        } else {
            none = JdkVersion.feature(run.jdkVersion()).stream().anyMatch(f -> f < JdkVersion.FFM);
        }
        if (none) {
            String knob = r.appliesWhen().entrySet().stream().filter(e -> e.getValue().equals(MEMBARRIER))
                    .map(Map.Entry::getKey).findFirst().orElseThrow();
            return knob + "=fence on this JVM";
        }
        return null;
    }

    private static String words(Map<String, String> knobs) {
        List<String> w = new ArrayList<>();
        knobs.forEach((k, v) -> w.add(k + "=" + v));
        return String.join(", ", w);
    }

    /** A ratio over each engine present: numerator and denominator paired by everything but the parameters the refs set. */
    private List<Summary.Check> pairs(Goal.Ratio r, double limit) {
        Set<String> named = new TreeSet<>(r.numerator().params().keySet());
        named.addAll(r.denominator().params().keySet());
        Map<String, TrialResult[]> pairs = new LinkedHashMap<>();
        Set<String> otherParams = new TreeSet<>();
        List<TrialResult> numerators = matches(r.numerator());
        List<TrialResult> denominators = matches(r.denominator());
        for (List<TrialResult> side : List.of(numerators, denominators)) {
            for (TrialResult t : side) {
                otherParams.add(TrialKey.joinParams(rest(t, named), " · "));
            }
        }
        for (int side = 0; side < 2; side++) {
            for (TrialResult t : side == 0 ? numerators : denominators) {
                Map<String, String> rest = rest(t, named);
                String label = t.engine().label() + " · " + t.key().threads() + (t.key().threads() == 1 ? " thread" : " threads")
                        + (otherParams.size() > 1 && !rest.isEmpty() ? " · " + TrialKey.joinParams(rest, " · ") : "");
                pairs.computeIfAbsent(label, l -> new TrialResult[2])[side] = t;
            }
        }
        List<String> labels = new ArrayList<>(pairs.keySet());
        labels.sort(Comparator.comparing((String l) -> l.substring(0, l.indexOf(" · ")), choice.engineOrder())
                .thenComparing(Numbers.NATURAL));
        List<Summary.Check> checks = new ArrayList<>();
        for (String label : labels) {
            TrialResult[] p = pairs.get(label);
            checks.add(check(label, figure(p[0]), describe(r.numerator()) + " " + label, figure(p[1]),
                    describe(r.denominator()) + " " + label, limit));
        }
        return checks;
    }

    private static Map<String, String> rest(TrialResult t, Set<String> named) {
        Map<String, String> rest = new TreeMap<>(t.key().params());
        rest.remove(TrialRecord.ENGINE_PARAM);
        named.forEach(rest::remove);
        return rest;
    }

    // ---------------------------------------------------------- verdicts

    static Summary.Check check(String label, Summary.Figure a, String aWhat, Summary.Figure b, String bWhat, double limit) {
        if (a == null || b == null) {
            return new Summary.Check(label, null, Summary.Verdict.NA, a == null ? aWhat : bWhat, Summary.Kind.MISSING);
        }
        Summary.Quotient r = Summary.Quotient.of(a.value(), b.value());
        if (r == null) {
            return new Summary.Check(label, null, Summary.Verdict.NA, aWhat + " (" + a.value().unit() + ") ÷ " + bWhat + " ("
                    + b.value().unit() + ")", Summary.Kind.MISSING);
        }
        return judge(label, r, limit);
    }

    static Summary.Check judge(String label, Summary.Quotient r, double limit) {
        if (!r.intervalKnown()) {
            return new Summary.Check(label, r, r.value() <= limit ? Summary.Verdict.MET : Summary.Verdict.NOT_MET, "error unknown",
                    Summary.Kind.MEASURED);
        }
        if (r.low() <= limit && limit <= r.high()) {
            return new Summary.Check(label, r, Summary.Verdict.WITHIN_ERROR, null, Summary.Kind.MEASURED);
        }
        return new Summary.Check(label, r, r.value() <= limit ? Summary.Verdict.MET : Summary.Verdict.NOT_MET, null,
                Summary.Kind.MEASURED);
    }

    static Summary.GoalResult verdict(Goal goal, List<Summary.Check> checks) {
        List<Summary.Check> applying = checks.stream().filter(Summary.Check::applies).toList();
        if (applying.isEmpty()) {
            return new Summary.GoalResult(goal, checks, Summary.Verdict.NA,
                    checks.stream().map(Summary.Check::reason).distinct().reduce((a, b) -> a + "; " + b).orElse("nothing to judge"));
        }
        Summary.Verdict v;
        String reason = null;
        if (applying.stream().anyMatch(c -> c.verdict() == Summary.Verdict.NOT_MET)) {
            v = Summary.Verdict.NOT_MET;
        } else if (applying.stream().anyMatch(c -> c.kind() == Summary.Kind.MISSING)) {
            v = Summary.Verdict.NA;
            reason = "not in this run: " + String.join(", ", applying.stream().filter(c -> c.kind() == Summary.Kind.MISSING)
                    .map(Summary.Check::reason).distinct().toList());
        } else if (applying.stream().anyMatch(c -> c.verdict() == Summary.Verdict.WITHIN_ERROR)) {
            v = Summary.Verdict.WITHIN_ERROR;
        } else {
            v = Summary.Verdict.MET;
        }
        return new Summary.GoalResult(goal, checks, v, reason);
    }
}
