package org.smrlab.reports.analysis.review;

import static org.smrlab.run.review.TrialSelector.SCORE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.CitedTests;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.run.review.LitmusEvidence;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TestsEvidence;
import org.smrlab.run.review.TortureEvidence;

/**
 * The answers about rules for usage: R2 (when to vary the parameters), R3 (how to prove correct use),
 * R4 (how to detect mistakes at run time), R9 (the four operations of each barrier pair), R10 (examples),
 * R11 (the IPL questions and blocking in a section).
 */
final class UsageAnswers {
    private static final SubRun JDK17 = SubRun.DEFAULT_JVM;

    private UsageAnswers() {
    }

    static String file(EvidenceKind k) {
        return RunFolder.EVIDENCE_DIR + "/" + k.file();
    }

    /** A count read from an evidence file. */
    static Figure count(Figures f, String what, long n, EvidenceKind k, String field) {
        return f.fact(what, n, "", new Provenance(null, null, field, file(k)));
    }

    /** Text an evidence file holds (a rule's statement, a pair's operation), shown as it is and logged as read there. */
    static Figure text(Figures f, String what, String text, EvidenceKind k, String field) {
        return f.factText(what, text == null ? "none" : text, new Provenance(null, null, field, file(k)));
    }

    /** A parameter value of the run (a batch size), as a fact of run.json. */
    static Figure param(Selection s, String name, String value) {
        return s.figuresOwner().factText(name + "=" + value + " (" + s.selector().id() + ")", value,
                new Provenance(s.subRun().dir(), null, "params." + name, s.subRun().dir() + "/" + RunFolder.RUN_JSON));
    }

    // ------------------------------------------------------------------ R2

    /** One knob swept for one engine: the trials at each of its values, lowest first. */
    private record Sweep(String knob, String engine, List<String> labels, List<Selection> points, List<Figure> values) {
    }

    static Section r2(Figures f) {
        SectionBuilder b = new SectionBuilder("R2", f);
        Selection batch = f.select("R2.batch", JDK17);
        Selection limit = f.select("R2.limit", JDK17);
        Selection tick = f.select("R2.tick", JDK17);
        List<Sweep> sweeps = new ArrayList<>();
        for (String engine : Common.ordered(batch)) {
            Selection e = batch.engine(engine);
            List<String> values = e.values(TrialRecord.BATCH_PARAM);
            values.sort(org.smrlab.reports.model.Numbers.NATURAL);
            sweeps.add(new Sweep("batch", engine, values, values.stream().map(v -> e.param(TrialRecord.BATCH_PARAM, v)).toList(),
                    values.stream().map(v -> param(e, TrialRecord.BATCH_PARAM, v)).toList()));
        }
        for (Selection knob : List.of(limit, tick)) {
            List<String> specs = Common.ordered(knob);
            if (!specs.isEmpty()) {
                String name = Common.name(specs.get(0));
                sweeps.add(new Sweep(knob.selector().id().substring(knob.selector().id().indexOf('.') + 1), name, specs,
                        specs.stream().map(knob::engine).toList(), List.of()));
            }
        }
        String[] metrics = {Metrics.R2F_P50.name(), Metrics.R2F_P99.name(), Metrics.PENDING_PEAK.name(), SCORE};
        Map<String, List<ChartSpec.Series>> charts = new LinkedHashMap<>();
        for (Sweep s : sweeps) {
            SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The ").c(s.knob()).t(" knob of ").c(s.engine())
                    .t(": the mixed workload at all threads (").c(JDK17.dir() + "/").t(")"),
                    s.knob(), "retire→free p50", "retire→free p99", "pending peak", "pool footprint", "time per op", "forks");
            List<ChartSpec.Point> points = new ArrayList<>();
            for (int i = 0; i < s.points().size(); i++) {
                Selection p = s.points().get(i);
                Figure p50 = p.figure(metrics[0]);
                Figure p99 = p.figure(metrics[1]);
                Figure peak = p.figure(metrics[2]);
                Figure score = p.figure(SCORE);
                t.row(s.values().isEmpty() ? new SectionBuilder.Code(s.labels().get(i)) : s.values().get(i), p50, p99, peak,
                        p.figure(Metrics.FOOTPRINT_PEAK.name()), score, f.forks(p50.present() ? p50 : score));
                String label = s.values().isEmpty() ? s.labels().get(i).substring(s.labels().get(i).indexOf(':') + 1)
                        : "b=" + s.labels().get(i);
                points.add(new ChartSpec.Point(label, peak, p99));
            }
            b.table(t);
            charts.computeIfAbsent(s.knob(), k -> new ArrayList<>()).add(new ChartSpec.Series(s.engine(), s.engine(), points));
        }
        charts.forEach((knob, series) -> b.chart(new ChartSpec.Curves("r2-" + knob, "The " + knob + " knob: retire→free p99 "
                + "against peak pending nodes", "peak pending nodes", "retire→free p99 (ns)", true, true,
                Prose.words("One line per engine, one point per value of the knob (labelled), the mixed workload at all "
                        + "threads. Down is faster reclamation, left is less memory; both axes logarithmic. Each point pools "
                        + "every fork of its trial."), series)));
        if (sweeps.isEmpty()) {
            b.answer().t("The knob sweeps are not in this run: ").f(batch.figure(Metrics.R2F_P50.name())).t(".");
        }

        SectionBuilder.Table vary = new SectionBuilder.Table(Prose.words("Vary X when Y: from the lowest to the highest value "
                + "of each knob, the ratio of each figure (its interval from the forks; a difference only where the intervals "
                + "do not overlap)"), "knob", "engine", "from", "to", "retire→free p50", "pending peak", "time per op",
                "so vary it when");
        for (Sweep s : sweeps) {
            if (s.points().size() < 2) {
                continue;
            }
            Selection lo = s.points().get(0);
            Selection hi = s.points().get(s.points().size() - 1);
            Figure latency = f.ratio(s.engine() + " " + s.knob() + " p50 highest ÷ lowest", hi.figure(metrics[0]), lo.figure(metrics[0]));
            Figure memory = f.ratio(s.engine() + " " + s.knob() + " pending highest ÷ lowest", hi.figure(metrics[2]),
                    lo.figure(metrics[2]));
            Figure cost = f.ratio(s.engine() + " " + s.knob() + " time per op highest ÷ lowest", hi.figure(SCORE), lo.figure(SCORE));
            Object from = s.values().isEmpty() ? new SectionBuilder.Code(s.labels().get(0)) : s.values().get(0);
            Object to = s.values().isEmpty() ? new SectionBuilder.Code(s.labels().get(s.labels().size() - 1))
                    : s.values().get(s.values().size() - 1);
            vary.row(new SectionBuilder.Code(s.knob()), new SectionBuilder.Code(s.engine()), from, to, latency, memory, cost,
                    when(Claims.ofRatio(latency), Claims.ofRatio(memory), Claims.ofRatio(cost)));
            Prose p = b.answer().t("Raising ").c(s.knob()).t(" of ").c(s.engine()).t(" from ").add(SectionBuilder.Table.cell(from))
                    .t(" to ").add(SectionBuilder.Table.cell(to)).t(" ");
            Claims lc = Claims.ofRatio(latency);
            if (lc.differs()) {
                p.t("moves retire→free p50 by ").f(latency).t(", ");
            } else {
                p.t("moves retire→free p50 by ").f(latency).t(" (").t(CostAnswers.words(lc)).t("), ");
            }
            p.t("peak pending by ").f(memory).t(" (").t(CostAnswers.words(Claims.ofRatio(memory))).t(") and the time per "
                    + "operation by ").f(cost).t(" (").t(CostAnswers.words(Claims.ofRatio(cost))).t(").");
        }
        if (!vary.isEmpty()) {
            b.table(vary);
        }
        Common.smallMachine(b, "On few cores a reader descheduled inside a section holds every grace period back for a "
                + "scheduler quantum, milliseconds, whatever the knobs say; that can hide the knobs of the grace-period "
                + "engines (R15 measures how often it happens). A machine with more cores than threads would show each "
                + "knob's own effect.");
        Common.commands(b);
        return b.build();
    }

    /** The advice a knob's measured effect supports. */
    static String when(Claims latency, Claims memory, Claims cost) {
        boolean costs = latency == Claims.HIGHER || memory == Claims.HIGHER;
        if (cost == Claims.LOWER && costs) {
            return "raise it when write cost matters more than memory and latency";
        }
        if (cost == Claims.LOWER) {
            return "raise it: cheaper writes at no measured cost in memory or latency here";
        }
        if (costs) {
            return "keep it low: raising it costs memory or latency and buys no measured write cost here";
        }
        if (cost == Claims.HIGHER) {
            return "keep it low: raising it made operations slower here";
        }
        if (latency == Claims.LOWER || memory == Claims.LOWER) {
            return "raise it: less latency or memory at no measured cost here";
        }
        return "no effect shown on this machine: leave the default";
    }

    // ------------------------------------------------------------------ R3

    static Section r3(Figures f) {
        SectionBuilder b = new SectionBuilder("R3", f);
        Optional<LitmusEvidence> litmus = f.review().evidence(LitmusEvidence.class);
        Optional<TortureEvidence> torture = f.review().evidence(TortureEvidence.class);
        Optional<TestsEvidence> tests = f.review().evidence(TestsEvidence.class);
        Prose a = b.answer();
        a.t("With three kinds of evidence, each from this build. ");
        litmusSummary(f, b, a, litmus);
        tortureTable(f, b, a, torture);
        Question q = Questions.byId("R3").orElseThrow();
        Set<String> cited = new LinkedHashSet<>();
        q.tests().forEach(c -> cited.add(c.className()));
        testsTable(f, b, a, tests, c -> cited.contains(c.className()), "The usage rules and the defects found, as tests "
                + "of this build");
        Prose not = b.limit().t("Not proven: there is no formal model of any engine; the litmus tests sample interleavings, the "
                + "torture harness samples schedules, and the tests check the cases they name. ");
        if (Common.x86(f)) {
            not.t("On this machine (").add(Common.machine(f, JDK17)).t(") loads are not reordered with older loads nor "
                    + "stores with older stores, so a missing release or acquire on that side cannot show: the tests the "
                    + "litmus suite marks unobserved describe such reorderings and pass here whatever the code does. An "
                    + "arm64 or POWER machine would exercise them.");
        } else {
            not.t("This machine (").add(Common.machine(f, JDK17)).t(") is not recorded as x86; the unobserved tests' "
                    + "outcomes below say what it did show.");
        }
        b.command("scripts/litmus");
        b.command("scripts/torture");
        Common.commands(b);
        return b.build();
    }

    private static void litmusSummary(Figures f, SectionBuilder b, Prose a, Optional<LitmusEvidence> litmus) {
        if (litmus.isEmpty()) {
            a.t("Litmus tests: ").f(f.missing("litmus results", f.review().missing().get(EvidenceKind.LITMUS))).t(". ");
            return;
        }
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("Litmus tests (jcstress) of this build, per JVM and "
                + "engine: pairs that must hold, counterexamples that must fail, reorderings not observable here"),
                "JVM", "engine", "pairs held", "pairs", "counterexamples failed as required", "counterexamples",
                "unobserved, not seen", "unobserved", "skipped", "not acceptable");
        for (LitmusEvidence.Run run : litmus.get().runs()) {
            if (run.status() != org.smrlab.run.review.Evidence.Status.DONE) {
                t.row(new SectionBuilder.Code(run.subRun().dir()), "all", f.missing("litmus on " + run.subRun().dir(),
                        run.status().name().toLowerCase(java.util.Locale.ROOT) + (run.note() == null ? "" : ": " + run.note())),
                        "", "", "", "", "", "", "");
                continue;
            }
            Map<String, List<LitmusEvidence.Test>> byEngine = new LinkedHashMap<>();
            run.tests().forEach(x -> byEngine.computeIfAbsent(x.engine(), k -> new ArrayList<>()).add(x));
            long held = 0;
            long holds = 0;
            long bad = 0;
            for (Map.Entry<String, List<LitmusEvidence.Test>> e : byEngine.entrySet()) {
                List<LitmusEvidence.Test> l = e.getValue();
                String field = "runs[" + run.subRun().dir() + "].tests[engine=" + e.getKey() + "]";
                long h = l.stream().filter(x -> x.verdict() == LitmusEvidence.Verdict.HELD).count();
                long hs = l.stream().filter(x -> x.expected() == LitmusEvidence.Expectation.HOLDS).count();
                long fr = l.stream().filter(x -> x.verdict() == LitmusEvidence.Verdict.FAILED_AS_REQUIRED).count();
                long mf = l.stream().filter(x -> x.expected() == LitmusEvidence.Expectation.MUST_FAIL).count();
                long no = l.stream().filter(x -> x.verdict() == LitmusEvidence.Verdict.NOT_OBSERVED).count();
                long un = l.stream().filter(x -> x.expected() == LitmusEvidence.Expectation.UNOBSERVED).count();
                long sk = l.stream().filter(x -> x.verdict() == LitmusEvidence.Verdict.SKIPPED).count();
                long na = l.stream().filter(x -> !x.verdict().acceptable()).count();
                t.row(new SectionBuilder.Code(run.subRun().dir()), new SectionBuilder.Code(e.getKey()),
                        count(f, field + " held", h, EvidenceKind.LITMUS, field + ".verdict=HELD"),
                        count(f, field + " holds", hs, EvidenceKind.LITMUS, field + ".expected=HOLDS"),
                        count(f, field + " failed as required", fr, EvidenceKind.LITMUS, field + ".verdict=FAILED_AS_REQUIRED"),
                        count(f, field + " must fail", mf, EvidenceKind.LITMUS, field + ".expected=MUST_FAIL"),
                        count(f, field + " not observed", no, EvidenceKind.LITMUS, field + ".verdict=NOT_OBSERVED"),
                        count(f, field + " unobserved", un, EvidenceKind.LITMUS, field + ".expected=UNOBSERVED"),
                        count(f, field + " skipped", sk, EvidenceKind.LITMUS, field + ".verdict=SKIPPED"),
                        count(f, field + " not acceptable", na, EvidenceKind.LITMUS, field + ".verdict not acceptable"));
                held += h;
                holds += hs;
                bad += na;
            }
            String field = "runs[" + run.subRun().dir() + "]";
            a.t("Litmus on ").c(run.subRun().dir() + "/").t(": ").f(count(f, field + " pairs held", held, EvidenceKind.LITMUS,
                    field + ".tests.verdict=HELD")).t(" of ").f(count(f, field + " pairs", holds, EvidenceKind.LITMUS,
                    field + ".tests.expected=HOLDS")).t(" promised pairs held, and ").f(count(f, field + " unacceptable", bad,
                    EvidenceKind.LITMUS, field + ".tests.verdict not acceptable")).t(" tests ended otherwise than they must. ");
        }
        b.table(t);
    }

    private static void tortureTable(Figures f, SectionBuilder b, Prose a, Optional<TortureEvidence> torture) {
        if (torture.isEmpty()) {
            a.t("Torture: ").f(f.missing("torture results", f.review().missing().get(EvidenceKind.TORTURE))).t(". ");
            return;
        }
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The torture harness (readers, writers, thread churn, "
                + "stalled readers) per JVM and engine"), "JVM", "engine", "seconds", "operations", "use-after-free", "lost",
                "double frees", "peak pending", "verdict");
        for (TortureEvidence.Run run : torture.get().runs()) {
            if (run.status() != org.smrlab.run.review.Evidence.Status.DONE) {
                t.row(new SectionBuilder.Code(run.subRun().dir()), "all", f.missing("torture on " + run.subRun().dir(),
                        run.status().name().toLowerCase(java.util.Locale.ROOT) + (run.note() == null ? "" : ": " + run.note())),
                        "", "", "", "", "", "");
                continue;
            }
            long clean = 0;
            for (TortureEvidence.Result r : run.engines()) {
                String field = "runs[" + run.subRun().dir() + "].engines[" + r.spec() + "]";
                t.row(new SectionBuilder.Code(run.subRun().dir()), new SectionBuilder.Code(r.canonical() == null ? r.spec() : r.canonical()),
                        f.fact(field + ".seconds", r.seconds(), "s", new Provenance(null, null, field + ".seconds", file(EvidenceKind.TORTURE))),
                        count(f, field + ".ops", r.ops(), EvidenceKind.TORTURE, field + ".ops"),
                        count(f, field + ".uaf", r.uaf(), EvidenceKind.TORTURE, field + ".uaf"),
                        count(f, field + ".lost", r.lost(), EvidenceKind.TORTURE, field + ".lost"),
                        count(f, field + ".doubleFrees", r.doubleFrees(), EvidenceKind.TORTURE, field + ".doubleFrees"),
                        count(f, field + ".peakPending", r.peakPending(), EvidenceKind.TORTURE, field + ".peakPending"),
                        r.verdict().name().toLowerCase(java.util.Locale.ROOT));
                if (r.verdict().acceptable()) {
                    clean++;
                }
            }
            String field = "runs[" + run.subRun().dir() + "].engines";
            a.t("Torture on ").c(run.subRun().dir() + "/").t(": ").f(count(f, field + " acceptable", clean, EvidenceKind.TORTURE,
                    field + ".verdict acceptable")).t(" of ").f(count(f, field + " engines", run.engines().size(),
                    EvidenceKind.TORTURE, field)).t(" engines ended as they must (safe ones clean, the broken one caught). ");
        }
        b.table(t);
    }

    /** The cited tests that pass {@code which}, per JVM: a table, and a sentence of counts. */
    static void testsTable(Figures f, SectionBuilder b, Prose a, Optional<TestsEvidence> tests, Predicate<TestsEvidence.TestCase> which,
                           String caption) {
        if (tests.isEmpty()) {
            a.t("Tests: ").f(f.missing("cited tests", f.review().missing().get(EvidenceKind.TESTS))).t(". ");
            return;
        }
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words(caption), "JVM", "test", "cited for", "result", "seconds");
        for (TestsEvidence.Run run : tests.get().runs()) {
            if (run.status() != org.smrlab.run.review.Evidence.Status.DONE) {
                t.row(new SectionBuilder.Code(run.subRun().dir()), "all", "", f.missing("tests on " + run.subRun().dir(),
                        run.status().name().toLowerCase(java.util.Locale.ROOT) + (run.note() == null ? "" : ": " + run.note())), "");
                continue;
            }
            List<TestsEvidence.TestCase> cases = run.tests().stream().filter(which).toList();
            long passed = cases.stream().filter(c -> c.result() == TestsEvidence.Result.PASSED).count();
            for (TestsEvidence.TestCase c : cases) {
                String field = "runs[" + run.subRun().dir() + "].tests[" + c.className() + "#" + c.method() + "]";
                t.row(new SectionBuilder.Code(run.subRun().dir()), new SectionBuilder.Code(simple(c.className()) + "." + c.method()),
                        citedFor(c), c.result().name().toLowerCase(java.util.Locale.ROOT),
                        f.fact(field + ".seconds", c.seconds(), "s", new Provenance(null, null, field + ".seconds", file(EvidenceKind.TESTS))));
            }
            String field = "runs[" + run.subRun().dir() + "].tests";
            a.t("Tests on ").c(run.subRun().dir() + "/").t(": ").f(count(f, field + " passed (" + caption + ")", passed,
                    EvidenceKind.TESTS, field + ".result=PASSED")).t(" of ").f(count(f, field + " (" + caption + ")", cases.size(),
                    EvidenceKind.TESTS, field)).t(" passed. ");
        }
        b.table(t);
    }

    static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static Prose citedFor(TestsEvidence.TestCase c) {
        if (c.rule() != null) {
            return Prose.words("trips ").c(c.rule());
        }
        if (c.section() != null) {
            return Prose.words("runs the example of ").c(c.section());
        }
        return Prose.words(c.citation() == CitedTests.Citation.DEFECT ? "guards a defect found and fixed"
                : c.citation() == CitedTests.Citation.RULE ? "correct use passes" : "an example");
    }

    // ------------------------------------------------------------------ R4

    static Section r4(Figures f) {
        SectionBuilder b = new SectionBuilder("R4", f);
        Optional<FactsEvidence> facts = f.review().evidence(FactsEvidence.class);
        Optional<TestsEvidence> tests = f.review().evidence(TestsEvidence.class);
        Prose a = b.answer().t("Checked mode (").c("checked=true").t(" on any spec) turns each rule of use into a check at the "
                + "faulty call, which throws naming the rule, the engine and the call. ");
        rulesTable(f, b, a, facts, tests, r -> true);
        checkedCost(f, b, "R4.plain", "R4.checked", JDK17, "an empty read section");
        checkedCost(f, b, "R4.lookupPlain", "R4.lookupChecked", JDK17, "a hash-set lookup in a read section");
        Common.smallMachine(b, "The checks are per-thread state and branches; their cost in nanoseconds moves with the "
                + "machine, their ratio to the plain section less so.");
        Common.commands(b);
        return b.build();
    }

    /** The rules of facts.json that pass {@code which}, with the tests of this build that trip each. */
    static void rulesTable(Figures f, SectionBuilder b, Prose a, Optional<FactsEvidence> facts, Optional<TestsEvidence> tests,
                           Predicate<FactsEvidence.RuleFact> which) {
        if (facts.isEmpty()) {
            a.t("The rules: ").f(f.missing("checked-mode rules", f.review().missing().get(EvidenceKind.FACTS))).t(". ");
            return;
        }
        List<String> headings = new ArrayList<>(List.of("rule", "what a correct program does", "where it comes from"));
        List<TestsEvidence.Run> runs = tests.map(TestsEvidence::runs).orElse(List.of()).stream()
                .filter(r -> r.status() == org.smrlab.run.review.Evidence.Status.DONE).toList();
        runs.forEach(r -> {
            headings.add("tests tripping it, " + r.subRun().dir());
            headings.add("passed, " + r.subRun().dir());
        });
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("Checked mode's rules (").c(file(EvidenceKind.FACTS))
                .t(") and the tests of this build that trip each (").c(file(EvidenceKind.TESTS)).t(")"), headings);
        long rules = 0;
        long covered = 0;
        for (FactsEvidence.RuleFact r : facts.get().rules()) {
            if (!which.test(r)) {
                continue;
            }
            rules++;
            List<Object> row = new ArrayList<>(List.of(new SectionBuilder.Code(r.rule()),
                    text(f, "rule " + r.rule() + " statement", r.statement(), EvidenceKind.FACTS, "rules[" + r.rule() + "].statement"),
                    text(f, "rule " + r.rule() + " origin", r.origin(), EvidenceKind.FACTS, "rules[" + r.rule() + "].origin")));
            boolean allPass = !runs.isEmpty();
            for (TestsEvidence.Run run : runs) {
                List<TestsEvidence.TestCase> tripping = run.tests().stream().filter(c -> r.rule().equals(c.rule())).toList();
                long passed = tripping.stream().filter(c -> c.result() == TestsEvidence.Result.PASSED).count();
                String field = "runs[" + run.subRun().dir() + "].tests[rule=" + r.rule() + "]";
                row.add(count(f, field, tripping.size(), EvidenceKind.TESTS, field));
                row.add(count(f, field + " passed", passed, EvidenceKind.TESTS, field + ".result=PASSED"));
                allPass &= !tripping.isEmpty() && passed == tripping.size();
            }
            if (allPass) {
                covered++;
            }
            t.row(row);
        }
        if (tests.isEmpty()) {
            t.note(Prose.words("The tests: ").f(f.missing("cited tests", f.review().missing().get(EvidenceKind.TESTS))));
        }
        b.table(t);
        a.t("Rules in the table: ").f(count(f, "rules shown", rules, EvidenceKind.FACTS, "rules")).t("; tripped by a test that "
                + "passed, on every JVM the tests ran on: ")
                .f(count(f, "rules tripped by a passing test on every JVM", covered, EvidenceKind.TESTS, "tests[rule].result=PASSED"))
                .t(" (")
                .add(Common.codes(runs.stream().map(r -> r.subRun().dir() + "/").toList())).t("). ");
    }

    /** Plain against checked mode, per engine: a table, and the range of ratios in a sentence. */
    static void checkedCost(Figures f, SectionBuilder b, String plainId, String checkedId, SubRun sub, String what) {
        Selection plain = f.select(plainId, sub);
        Selection checked = f.select(checkedId, sub);
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("What checked mode costs: " + what + " (").c(sub.dir() + "/")
                .t(")"), "engine", "plain", "checked", "checked ÷ plain", "forks");
        List<String> specs = Common.ordered(checked).stream().filter(c -> checked.engine(c).records().stream()
                .anyMatch(r -> r.engine() != null && r.engine().checked())).toList();
        for (String c : specs) {
            String p = plainOf(checked, c);
            Figure pf = plain.engine(p).figure(SCORE);
            Figure cf = checked.engine(c).figure(SCORE);
            t.row(Common.engine(plain.isEmpty() ? checked : plain, p), pf, cf, f.ratio(c + " ÷ " + p, cf, pf),
                    f.forks(cf));
        }
        if (specs.isEmpty()) {
            t.row("any", plain.figure(SCORE), checked.figure(SCORE), f.missing("checked ÷ plain", checked.isEmpty()
                    ? checked.why() : "no checked trial"), "");
        }
        b.table(t);
    }

    /** The plain spec a checked spec sits beside: its engine with the same written knobs, less {@code checked}. */
    static String plainOf(Selection checked, String spec) {
        Optional<TrialRecord> r = checked.engine(spec).records().stream().findFirst();
        if (r.isEmpty() || r.get().engine() == null) {
            return Common.name(spec);
        }
        List<String> knobs = new ArrayList<>();
        r.get().engine().written().forEach((k, v) -> {
            if (!k.equals("checked")) {
                knobs.add(k + "=" + v);
            }
        });
        return r.get().engine().name() + (knobs.isEmpty() ? "" : ":" + String.join(",", knobs));
    }

    // ------------------------------------------------------------------ R9

    static Section r9(Figures f) {
        SectionBuilder b = new SectionBuilder("R9", f);
        Optional<LitmusEvidence> litmus = f.review().evidence(LitmusEvidence.class);
        Optional<FactsEvidence> facts = f.review().evidence(FactsEvidence.class);
        Prose a = b.answer().t("Each pair, in the review's form: if thread B's barrier-type operation observes thread A's, A's "
                + "access happens before B's access. ");
        if (litmus.isEmpty()) {
            a.f(f.missing("litmus pairs", f.review().missing().get(EvidenceKind.LITMUS))).t(". ");
        } else {
            List<LitmusEvidence.Run> runs = litmus.get().runs();
            List<String> headings = new ArrayList<>(List.of("engine", "test", "A: access", "A: barrier", "B: barrier", "B: access",
                    "must"));
            runs.forEach(r -> headings.add("verdict, " + r.subRun().dir()));
            runs.forEach(r -> headings.add("forbidden / samples, " + r.subRun().dir()));
            SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The pairs each engine promises, with their litmus "
                    + "results (").c(file(EvidenceKind.LITMUS)).t(")"), headings);
            Map<String, LitmusEvidence.Test> tests = new LinkedHashMap<>();
            runs.forEach(r -> r.tests().forEach(x -> tests.putIfAbsent(x.test(), x)));
            long held = 0;
            for (LitmusEvidence.Test x : tests.values()) {
                LitmusEvidence.Pair p = x.pair();
                String pf = "tests[" + x.test() + "].pair";
                List<Object> row = new ArrayList<>(List.of(new SectionBuilder.Code(x.engine()), new SectionBuilder.Code(simple(x.test())),
                        p == null ? "" : text(f, pf + ".aAccess", p.aAccess(), EvidenceKind.LITMUS, pf + ".aAccess"),
                        p == null ? "" : text(f, pf + ".aBarrier", p.aBarrier(), EvidenceKind.LITMUS, pf + ".aBarrier"),
                        p == null ? "" : text(f, pf + ".bBarrier", p.bBarrier(), EvidenceKind.LITMUS, pf + ".bBarrier"),
                        p == null ? "" : text(f, pf + ".bAccess", p.bAccess(), EvidenceKind.LITMUS, pf + ".bAccess"),
                        x.expected().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
                boolean heldEverywhere = x.expected() == LitmusEvidence.Expectation.HOLDS;
                for (LitmusEvidence.Run r : runs) {
                    Optional<LitmusEvidence.Test> here = r.tests().stream().filter(y -> y.test().equals(x.test())).findFirst();
                    row.add(here.map(y -> y.verdict().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')).orElse("not run"));
                    heldEverywhere &= here.map(y -> y.verdict() == LitmusEvidence.Verdict.HELD).orElse(false);
                }
                for (LitmusEvidence.Run r : runs) {
                    Optional<LitmusEvidence.Test> here = r.tests().stream().filter(y -> y.test().equals(x.test())).findFirst();
                    String field = "runs[" + r.subRun().dir() + "].tests[" + x.test() + "]";
                    row.add(here.map(y -> Prose.of().f(count(f, field + ".forbidden", y.forbidden(), EvidenceKind.LITMUS, field + ".forbidden"))
                            .t(" / ").f(count(f, field + ".samples", y.samples(), EvidenceKind.LITMUS, field + ".samples")))
                            .orElse(Prose.words("not run")));
                }
                if (heldEverywhere) {
                    held++;
                }
                t.row(row);
            }
            b.table(t);
            a.f(count(f, "pairs held on every JVM", held, EvidenceKind.LITMUS, "tests held on every run"))
                    .t(" pairs held on every JVM of this review; the table gives each pair's four operations and its counts.");
        }
        if (facts.isEmpty()) {
            b.answer().t("The access modes: ").f(f.missing("access modes", f.review().missing().get(EvidenceKind.FACTS))).t(".");
        } else {
            SectionBuilder.Table modes = new SectionBuilder.Table(Prose.words("Each Java access mode the engines use, and "
                    + "NetBSD's operation with the same ordering (").c(file(EvidenceKind.FACTS)).t(")"),
                    "Java", "NetBSD atomic", "NetBSD barrier", "orders", "used by");
            facts.get().accessModes().forEach(m -> modes.row(new SectionBuilder.Code(m.java()),
                    m.netbsd() == null ? Prose.words("none") : Prose.of().c(m.netbsd()),
                    m.membar() == null ? Prose.words("none") : Prose.of().c(m.membar()),
                    text(f, "access mode " + m.java() + " orders", m.orders(), EvidenceKind.FACTS, "accessModes[" + m.java() + "].orders"),
                    text(f, "access mode " + m.java() + " used by", m.usedBy(), EvidenceKind.FACTS, "accessModes[" + m.java() + "].usedBy")));
            b.table(modes);
            Prose d = b.answer().t("None of these is ");
            List<FactsEvidence.DeprecatedBarrier> dep = facts.get().deprecated();
            for (int i = 0; i < dep.size(); i++) {
                FactsEvidence.DeprecatedBarrier x = dep.get(i);
                d.t(i == 0 ? "" : ", nor ").c(x.name()).t(" (deprecated since ").f(f.factText("deprecated since of " + x.name(),
                        x.since(), new Provenance(null, null, "deprecated[" + x.name() + "].since", file(EvidenceKind.FACTS))))
                        .t("; write ").f(text(f, "replacement of " + x.name(), x.replacement(), EvidenceKind.FACTS,
                                "deprecated[" + x.name() + "].replacement")).t(")");
            }
            d.t(dep.isEmpty() ? "a deprecated barrier." : ".");
        }
        b.limit().t("On ").add(Common.machine(f, JDK17)).t(" a missing acquire or release that only matters for loads "
                + "reordered with loads or stores with stores cannot be observed (R3); the pairs above that hold here hold "
                + "by the x86 memory model as much as by the code. An arm64 machine would test them.");
        b.command("scripts/litmus");
        Common.commands(b);
        return b.build();
    }

    // ------------------------------------------------------------------ R10

    static Section r10(Figures f) {
        SectionBuilder b = new SectionBuilder("R10", f);
        Prose a = b.answer().t("docs/usage.md shows advance, poll, await and synchronize in runnable examples and "
                + "counterexamples; each is run, as written, by a test of this build: ");
        testsTable(f, b, a, f.review().evidence(TestsEvidence.class), c -> c.citation() == CitedTests.Citation.USAGE,
                "The examples of docs/usage.md and the tests that run them");
        b.limit().t("Nothing here depends on the machine: the examples are tests of behaviour, run on each JVM of the review.");
        Common.commands(b);
        return b.build();
    }

    // ------------------------------------------------------------------ R11

    /** Names in capitals the review's words use (ASSERT_SLEEPABLE, IPL_SOFTNET): what R11's rules are found by. */
    private static final Pattern KERNEL_NAME = Pattern.compile("\\b[A-Z][A-Z_]{3,}\\b");

    static Section r11(Figures f) {
        SectionBuilder b = new SectionBuilder("R11", f);
        Question q = Questions.byId("R11").orElseThrow();
        Set<String> names = new LinkedHashSet<>();
        for (Question.Quote quote : q.quotes()) {
            Matcher m = KERNEL_NAME.matcher(quote.text());
            while (m.find()) {
                names.add(m.group());
            }
        }
        Prose a = b.answer().t("What a JVM lab can show: the rules that mirror the kernel assertions the review names (")
                .add(Common.codes(List.copyOf(names))).t("), checked at run time, with the tests that trip them. ");
        rulesTable(f, b, a, f.review().evidence(FactsEvidence.class), f.review().evidence(TestsEvidence.class),
                r -> names.stream().anyMatch(n -> r.origin() != null && r.origin().contains(n)));
        checkedCost(f, b, "R11.checked", "R11.checked", JDK17, "an empty read section, the sleep-in-section check included");
        b.answer().t("An interrupt priority level in the descriptor, and detecting too high a level at enter, are kernel "
                + "matters: a JVM thread has no IPL, so the lab can neither show the spl dance the review describes nor "
                + "measure it.");
        b.limit().t("No JVM shows interrupt priority levels; a NetBSD kernel with the patch, with DIAGNOSTIC and LOCKDEBUG, "
                + "would: there ASSERT_SLEEPABLE and the spin-mutex IPL rules the review describes run for real.");
        Common.commands(b);
        return b.build();
    }
}
