package org.smrlab.reports.analysis.review;

import static org.smrlab.run.review.TrialSelector.SCORE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.smrlab.reports.model.Numbers;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.SourceEvidence;
import org.smrlab.run.review.SubRun;

/**
 * The answers about the pool and the batch knob: R12 (pserialize_perform + pool_cache_put against
 * pool_cache_set_smr), R13 (how batches are chosen; memory against allocation latency), R15 (the
 * batch knob on a small machine), R16 (why the pool patch is large).
 */
final class PoolAnswers {
    private static final SubRun JDK17 = SubRun.DEFAULT_JVM;

    private PoolAnswers() {
    }

    // ------------------------------------------------------------------ R12

    static Section r12(Figures f) {
        SectionBuilder b = new SectionBuilder("R12", f);
        List<SubRun> both = List.of(JDK17, SubRun.MEMBARRIER_JVM);
        b.table(Common.metricTable(f, Prose.words("The same pool workload (the mixed workload at all threads) on pserialize, "
                + "blocking and asynchronous, gus and gus-lazy; each column a metric the catalogue names"), "R12.pool", both));
        b.table(Common.metricTable(f, Prose.words("NetBSD's own PR_PSERIALIZE pool_cache, modelled: objects reused within the "
                + "cache without a barrier, a cross-call only before a group of them leaves it"), "R12.prPserialize", both));
        b.answer().t("The drop-in replacement the review describes, measured: pserialize_perform before each pool_cache_put "
                + "makes the writer wait, where a pool set up with an SMR domain frees asynchronously. Against gus:");
        for (SubRun sub : both) {
            Selection pool = f.select("R12.pool", sub);
            Figure gusScore = pool.engine("gus").figure(SCORE);
            for (String spec : pool.isEmpty() ? List.<String>of() : Common.ordered(pool)) {
                if (spec.equals("gus")) {
                    continue;
                }
                Figure sc = pool.engine(spec).figure(SCORE);
                Figure ratio = f.ratio(spec + " time per op ÷ gus, " + sub.dir(), sc, gusScore);
                b.answer().c(spec).t(" on ").c(sub.dir() + "/").t(": ").f(ratio).t(" gus's time per operation (")
                        .t(CostAnswers.words(Claims.ofRatio(ratio))).t("), blocked ")
                        .f(pool.engine(spec).figure(Metrics.WAIT_NS_PER_RETIRE.name())).t(" per retire.");
            }
            if (pool.isEmpty()) {
                b.answer().t("On ").c(sub.dir() + "/").t(": ").f(pool.figure(SCORE)).t(".");
            }
        }
        b.answer().t("NetBSD's PR_PSERIALIZE pool itself is its own table: it reuses objects within the cache without a "
                + "barrier and pays a cross-call only before a group of them leaves the cache.");
        Common.smallMachine(b, "On few cores a blocked writer's wait includes waiting for the reader to be scheduled; a "
                + "cross-call on many CPUs costs more than membarrier on few. A many-core machine would show both grow.");
        Common.commands(b);
        return b.build();
    }

    // ------------------------------------------------------------------ R13

    static Section r13(Figures f) {
        SectionBuilder b = new SectionBuilder("R13", f);
        Selection grid = f.select("R13.grid", JDK17);
        Optional<FactsEvidence> facts = f.review().evidence(FactsEvidence.class);
        if (facts.isPresent() && !facts.get().policies().isEmpty()) {
            SectionBuilder.Table p = new SectionBuilder.Table(Prose.words("How the pool chooses its batches: its policy, "
                    + "from the code (").c(UsageAnswers.file(EvidenceKind.FACTS)).t(")"), "name", "value", "meaning", "defined in");
            for (FactsEvidence.NamedValue v : facts.get().policies()) {
                p.row(new SectionBuilder.Code(v.name()), f.factText("policy " + v.name(), v.value() + (v.unit() == null ? "" : " " + v.unit()),
                        new Provenance(null, null, "policies[" + v.name() + "]", UsageAnswers.file(EvidenceKind.FACTS))),
                        UsageAnswers.text(f, "policy " + v.name() + " meaning", v.meaning(), EvidenceKind.FACTS,
                                "policies[" + v.name() + "].meaning"), new SectionBuilder.Code(v.source()));
            }
            b.table(p);
        } else {
            b.answer().t("The pool's batch policy: ").f(f.missing("pool policy", facts.isPresent() ? "facts.json lists no policy"
                    : f.review().missing().get(EvidenceKind.FACTS))).t(".");
        }
        List<String> ratios = grid.values("readRatio");
        List<String> batches = grid.values(TrialRecord.BATCH_PARAM);
        batches.sort(Numbers.NATURAL);
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("Pool footprint and allocation slow path against batch "
                + "size and retire rate (the update share of the mixed workload: each remove retires a node), ").c("gus")
                .t(" at all threads"), "read ratio", "batch", "footprint", "slow gets", "slow get p50", "slow get p99",
                "pending mean", "time per op", "forks");
        List<Prose> growth = new ArrayList<>();
        boolean capCalled = false;
        for (String ratio : ratios) {
            Selection r = grid.param("readRatio", ratio);
            for (String batch : batches) {
                Selection one = r.param(TrialRecord.BATCH_PARAM, batch);
                Figure fp = one.figure(Metrics.FOOTPRINT_PEAK.name());
                t.row(UsageAnswers.param(one, "readRatio", ratio), UsageAnswers.param(one, TrialRecord.BATCH_PARAM, batch), fp,
                        one.figure(Metrics.GET_SLOW_RATE.name()), one.figure(Metrics.GET_SLOW_P50.name()),
                        one.figure(Metrics.GET_SLOW_P99.name()), one.figure(Metrics.PENDING_MEAN.name()), one.figure(SCORE),
                        f.forks(fp));
            }
            if (batches.size() > 1) {
                Selection lo = r.param(TrialRecord.BATCH_PARAM, batches.get(0));
                Selection hi = r.param(TrialRecord.BATCH_PARAM, batches.get(batches.size() - 1));
                Figure fpRatio = f.ratio("footprint, batch highest ÷ lowest, readRatio " + ratio,
                        hi.figure(Metrics.FOOTPRINT_PEAK.name()), lo.figure(Metrics.FOOTPRINT_PEAK.name()));
                Figure slowRatio = f.ratio("slow get p99, batch highest ÷ lowest, readRatio " + ratio,
                        hi.figure(Metrics.GET_SLOW_P99.name()), lo.figure(Metrics.GET_SLOW_P99.name()));
                Claims c = Claims.ofRatio(fpRatio);
                capCalled |= c == Claims.HIGHER;
                growth.add(Prose.of().t("At read ratio ").f(UsageAnswers.param(r, "readRatio", ratio)).t(", batch ")
                        .f(UsageAnswers.param(lo, TrialRecord.BATCH_PARAM, batches.get(0))).t(" to ")
                        .f(UsageAnswers.param(hi, TrialRecord.BATCH_PARAM, batches.get(batches.size() - 1)))
                        .t(" moves the footprint by ").f(fpRatio).t(" (").t(CostAnswers.words(c)).t(") and the slow get's p99 by ")
                        .f(slowRatio).t(" (").t(CostAnswers.words(Claims.ofRatio(slowRatio))).t(")."));
            }
        }
        b.table(t);
        if (grid.isEmpty()) {
            b.answer().t("The grid is not in this run: ").f(grid.figure(Metrics.FOOTPRINT_PEAK.name())).t(".");
        }
        growth.forEach(b::answer);
        b.answer().t(capCalled ? "The data call for a knob: memory held grows with the batch, and a cap on cached memory "
                + "(flush a partial batch, or allocate, once the cache holds that much) would bound it at the cost of more "
                + "slow gets." : "The data do not call for a cap here: no growth of the footprint with the batch is claimed on "
                + "this machine.");
        Common.smallMachine(b, "The retire rate here is what the update share of a two-thread workload gives; a many-core "
                + "machine retires faster and holds more per batch in flight, which is where a cap would matter most.");
        Common.commands(b);
        return b.build();
    }

    // ------------------------------------------------------------------ R15

    static Section r15(Figures f) {
        SectionBuilder b = new SectionBuilder("R15", f);
        Selection curve = f.select("R15.curve", JDK17);
        List<String> batches = curve.values(TrialRecord.BATCH_PARAM);
        batches.sort(Numbers.NATURAL);
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The batch knob with fewer runnable threads than cores "
                + "(one) and with as many as cores (all), and the share of read sections that spanned a descheduling"),
                "engine", "threads", "batch", "pending mean", "pending peak", "retire→free p50", "retire→free p99",
                "sections descheduled", "forks");
        List<ChartSpec.Series> series = new ArrayList<>();
        for (String spec : curve.isEmpty() ? List.of("gus", "ebr") : Common.ordered(curve)) {
            for (String threads : List.of("1", "max")) {
                Selection s = curve.engine(spec).threads(threads);
                List<ChartSpec.Point> points = new ArrayList<>();
                Figure tf = threadsFact(f, s, threads);
                for (String batch : batches) {
                    Selection one = s.param(TrialRecord.BATCH_PARAM, batch);
                    Figure mean = one.figure(Metrics.PENDING_MEAN.name());
                    Figure p50 = one.figure(Metrics.R2F_P50.name());
                    t.row(Common.engine(curve, spec), tf, UsageAnswers.param(one, TrialRecord.BATCH_PARAM, batch), mean,
                            one.figure(Metrics.PENDING_PEAK.name()), p50, one.figure(Metrics.R2F_P99.name()),
                            one.figure(Metrics.SECTION_LONG_SHARE.name()), f.forks(p50));
                    points.add(new ChartSpec.Point("b=" + batch, mean, p50));
                }
                series.add(new ChartSpec.Series(spec + " · " + (threads.equals("1") ? "1 thread" : "all threads"), spec, points));
                if (batches.size() > 1) {
                    Figure lo = s.param(TrialRecord.BATCH_PARAM, batches.get(0)).figure(Metrics.R2F_P50.name());
                    Figure hi = s.param(TrialRecord.BATCH_PARAM, batches.get(batches.size() - 1)).figure(Metrics.R2F_P50.name());
                    Figure ratio = f.ratio(spec + " p50 batch highest ÷ lowest at " + threads, hi, lo);
                    b.answer().c(spec).t(" (threads: ").f(tf).t("): raising the batch from ")
                            .f(UsageAnswers.param(s, TrialRecord.BATCH_PARAM, batches.get(0))).t(" to ")
                            .f(UsageAnswers.param(s, TrialRecord.BATCH_PARAM, batches.get(batches.size() - 1)))
                            .t(" moves retire→free p50 by ").f(ratio).t(" (").t(CostAnswers.words(Claims.ofRatio(ratio)))
                            .t("); sections descheduled at the smallest batch: ")
                            .f(s.param(TrialRecord.BATCH_PARAM, batches.get(0)).figure(Metrics.SECTION_LONG_SHARE.name())).t(".");
                }
            }
        }
        b.table(t);
        if (!series.isEmpty() && !batches.isEmpty()) {
            b.chart(new ChartSpec.Curves("r15-batch-by-threads", "The batch knob at one thread and at all threads: "
                    + "retire→free p50 against mean pending nodes", "mean pending nodes", "retire→free p50 (ns)", true, true,
                    Prose.words("One line per engine and thread count, one point per batch size (labelled). Where the line "
                            + "for one thread climbs with the batch and the line for all threads does not, what hides the "
                            + "knob is a reader descheduled inside its section."), series));
        }
        if (curve.isEmpty()) {
            b.answer().t("The curves are not in this run: ").f(curve.figure(Metrics.R2F_P50.name())).t(".");
        }
        Common.smallMachine(b, "This is the question a small machine asks: with as many runnable threads as cores, a reader "
                + "descheduled inside a section holds back every grace period for a time slice, and the batch knob "
                + "disappears under it. A machine with more cores than threads shows the knob at every thread count.");
        Common.commands(b);
        return b.build();
    }

    private static Figure threadsFact(Figures f, Selection s, String token) {
        List<List<Integer>> counts = s.threadCounts();
        if (counts.isEmpty()) {
            return f.missing("threads " + token + " of " + s.selector().id(), s.why());
        }
        return f.factText("threads " + token + " of " + s.selector().id() + " (" + s.subRun().dir() + ")",
                String.valueOf(counts.get(0).get(0)), new Provenance(s.subRun().dir(), null, "threads",
                        s.subRun().dir() + "/" + org.smrlab.run.RunFolder.RUN_JSON));
    }

    // ------------------------------------------------------------------ R16

    static Section r16(Figures f) {
        SectionBuilder b = new SectionBuilder("R16", f);
        Optional<SourceEvidence> source = f.review().evidence(SourceEvidence.class);
        String file = UsageAnswers.file(EvidenceKind.SOURCE);
        if (source.isEmpty()) {
            b.answer().t("The pool's mechanisms: ").f(f.missing("pool mechanisms", f.review().missing().get(EvidenceKind.SOURCE)))
                    .t(".");
        } else {
            SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The lab's SMR pool, mechanism by mechanism, sized "
                    + "from this checkout (").c(file).t(")"), "mechanism", "only for SMR", "what it is for", "lines", "code lines");
            long smrCode = 0;
            long allCode = 0;
            for (SourceEvidence.Mechanism m : source.get().mechanisms()) {
                t.row(new SectionBuilder.Code(m.id()), CostAnswers.yesNo(m.smrOnly()),
                        UsageAnswers.text(f, "mechanism " + m.id() + " purpose", m.purpose(), EvidenceKind.SOURCE,
                                "mechanisms[" + m.id() + "].purpose"),
                        UsageAnswers.count(f, "mechanism " + m.id() + " lines", m.lines(), EvidenceKind.SOURCE, "mechanisms[" + m.id() + "].lines"),
                        UsageAnswers.count(f, "mechanism " + m.id() + " code lines", m.codeLines(), EvidenceKind.SOURCE,
                                "mechanisms[" + m.id() + "].codeLines"));
                allCode += m.codeLines();
                if (m.smrOnly()) {
                    smrCode += m.codeLines();
                }
            }
            b.table(t);
            b.answer().t("Of the pool's marked code, ").f(UsageAnswers.count(f, "SMR-only code lines", smrCode, EvidenceKind.SOURCE,
                            "mechanisms[smrOnly].codeLines")).t(" of ").f(UsageAnswers.count(f, "marked code lines", allCode,
                            EvidenceKind.SOURCE, "mechanisms[].codeLines"))
                    .t(" code lines exist only because frees are deferred: a pool that hands an object out again must know "
                            + "it is safe, so it carries what deferral needs.");
        }
        Selection mech = f.select("R16.mechanisms", JDK17);
        List<String> without = mech.values("without");
        Figure full = mech.param("without", without.isEmpty() ? "nothing" : without.get(0)).figure(SCORE);
        SectionBuilder.Table cost = new SectionBuilder.Table(Prose.words("What each mechanism costs: a pool get and put with it "
                + "turned off (").c(JDK17.dir() + "/").t(")"), "turned off", "get + put", "÷ all on", "forks");
        for (String w : without) {
            Figure v = mech.param("without", w).figure(SCORE);
            cost.row(new SectionBuilder.Code(w), v, f.ratio("pool get+put without " + w + " ÷ all on", v, full),
                    f.forks(v));
        }
        if (without.isEmpty()) {
            cost.row("all on", full, "", "");
        }
        b.table(cost);
        b.limit().t("What the lab cannot tell: the size of NetBSD's patch to subr_pool.c itself, which is not in this "
                + "checkout, nor what a kernel pool's per-CPU caches and its interrupt-level constraints add; the lab's pool "
                + "shows which mechanisms deferral needs and what they cost, on ").add(Common.machine(f, JDK17)).t(".");
        Common.commands(b);
        return b.build();
    }
}
