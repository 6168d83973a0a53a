package org.smrlab.reports.analysis.review;

import static org.smrlab.run.review.TrialSelector.SCORE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.SubRun;

/**
 * The answers about gus-lazy: R6 (what "lazy" means and why choose it), R7 (which part of the write
 * side it makes cheaper), R8 (whether "bounded by 2 clock ticks" holds).
 */
final class LazyAnswers {
    private static final String GUS = "gus";
    private static final String LAZY = "gus-lazy";

    private LazyAnswers() {
    }

    /** The sub-runs a selector runs on, default JVM first. */
    private static List<SubRun> both() {
        return List.of(SubRun.DEFAULT_JVM, SubRun.MEMBARRIER_JVM);
    }

    // ------------------------------------------------------------------ R6

    static Section r6(Figures f) {
        SectionBuilder b = new SectionBuilder("R6", f);
        EngineFacts lazyFacts = Common.facts(f).get(LAZY);
        Figure models = lazyFacts == null ? f.missing("what gus-lazy models", "no engine catalogue in run.json")
                : f.factText("what gus-lazy models", lazyFacts.models(), new Provenance(null, null, "catalogue[gus-lazy].models",
                SubRun.DEFAULT_JVM.dir() + "/" + RunFolder.RUN_JSON));
        b.answer().t("\"Lazy\" is FreeBSD's word, not the port's: SMR_LAZY is a flag of FreeBSD's smr(9), in the source this "
                + "engine models (").f(models).t("). A lazy domain's write clock is not advanced by writers: it follows a "
                + "tick, so a writer's advance costs no shared write, and readers need no full fence on entry because the "
                + "clock's owner, once per tick, makes every thread's last store visible (the lab does it with membarrier(2) "
                + "where the JVM can call it). The price: a goal waits for ticks to pass (R8 measures how many), and each tick "
                + "costs a barrier on every CPU while goals wait.");

        SectionBuilder.Table read = new SectionBuilder.Table(Prose.words("The read side: an empty section, one thread, on "
                + "each JVM; ×fence and ×load divide by the same JVM's store + full fence and plain load floors (an unfenced "
                + "read side is bounded below by the load)"), "JVM", "engine", "read", "×fence", "×load", "÷ gus", "forks");
        Figure lazyReadMb = null;
        Figure gusReadMb = null;
        for (SubRun sub : both()) {
            Selection r = f.select("R6.read", sub);
            Figure fence = f.select("R6.floorFence", sub).figure(SCORE);
            Figure load = f.select("R6.floorLoad", sub).figure(SCORE);
            Figure gus = r.engine(GUS).figure(SCORE);
            for (String spec : List.of(GUS, LAZY)) {
                Figure v = r.engine(spec).figure(SCORE);
                read.row(new SectionBuilder.Code(sub.dir()), Common.engine(r, spec), v, f.ratio(spec + " read ÷ fence, " + sub.dir(), v, fence),
                        f.ratio(spec + " read ÷ load, " + sub.dir(), v, load),
                        spec.equals(GUS) ? Prose.words("") : Prose.of().f(f.ratio("gus-lazy read ÷ gus read, " + sub.dir(), v, gus)),
                        f.forks(v));
                if (sub == SubRun.MEMBARRIER_JVM) {
                    if (spec.equals(LAZY)) {
                        lazyReadMb = v;
                    } else {
                        gusReadMb = v;
                    }
                }
            }
        }
        b.table(read);

        SubRun mb = SubRun.MEMBARRIER_JVM;
        Figure barrier = f.select("R6.membarrier", mb).figure("score:barrier");
        Figure alone = f.select("R6.membarrierAlone", mb).figure(SCORE);
        SectionBuilder.Table tick = new SectionBuilder.Table(Prose.words("What a tick costs: one membarrier(2), and what a "
                + "bystander thread loses"), "what", "JVM", "gus", "gus-lazy", "gus-lazy ÷ gus");
        tick.row("membarrier(2) with another thread running", new SectionBuilder.Code(mb.dir()), "", barrier, "");
        tick.row("membarrier(2) with no other thread running", new SectionBuilder.Code(mb.dir()), "", alone, "");
        for (SubRun sub : both()) {
            for (String[] by : new String[][] {{"R6.bystanderIdle", "score:idleBystander", "a bystander's loop beside an idle writer"},
                {"R6.bystanderRetiring", "score:retiringBystander", "a bystander's loop beside a retiring writer"}}) {
                Selection s = f.select(by[0], sub);
                Figure g = s.engine(GUS).figure(by[1]);
                Figure l = s.engine(LAZY).figure(by[1]);
                tick.row(by[2], new SectionBuilder.Code(sub.dir()), g, l, f.ratio(by[2] + " lazy ÷ gus, " + sub.dir(), l, g));
            }
            Selection adv = f.select("R6.advance", sub);
            Figure ga = adv.engine(GUS).figure(SCORE);
            Figure la = adv.engine(LAZY).figure(SCORE);
            tick.row("one advance", new SectionBuilder.Code(sub.dir()), ga, la, f.ratio("advance lazy ÷ gus, " + sub.dir(), la, ga));
        }
        b.table(tick);

        SectionBuilder.Table sync = new SectionBuilder.Table(Prose.words("Synchronize latency against the tick"),
                "JVM", "engine", "synchronize", "tick", "in ticks", "membarriers per synchronize");
        for (SubRun sub : both()) {
            Selection s = f.select("R6.synchronizeTick", sub);
            for (String spec : s.isEmpty() ? List.of(GUS) : Common.ordered(s)) {
                Figure v = s.engine(spec).figure(SCORE);
                boolean lazy = Common.name(spec).equals(LAZY);
                Figure t = lazy ? Common.knobNanos(s, spec, "tick") : null;
                sync.row(new SectionBuilder.Code(sub.dir()), Common.engine(s, spec), v, t == null ? Prose.words("no tick") : Prose.of().f(t),
                        t == null ? Prose.words("") : Prose.of().f(f.ratio(spec + " synchronize in ticks, " + sub.dir(), v, t)),
                        s.engine(spec).figure(Metrics.MEMBARRIERS.name()));
            }
        }
        b.table(sync);

        // Break-even: gus pays one advance per batch of retires, lazy one membarrier per tick while goals wait.
        Selection adv = f.select("R6.advance", mb);
        Figure advance = adv.engine(GUS).figure(SCORE);
        Figure batch = knobNumber(f, adv, GUS, TrialRecord.BATCH_PARAM);
        Figure tickNs = Common.knobNanos(f.select("R6.read", mb), LAZY, "tick");
        Figure breakEven = advance.missing() || batch.missing() || barrier.missing() || tickNs.missing()
                ? f.derived("break-even retire rate", Double.NaN, "retires/s", Double.NaN, Double.NaN, List.of(batch, barrier, advance, tickNs))
                : f.derived("break-even retire rate", batch.value() * barrier.value() / (advance.value() * tickNs.value()) * 1e9,
                "retires/s", Double.NaN, Double.NaN, List.of(batch, barrier, advance, tickNs));
        Prose why = b.answer().t("Why choose lazy: its read side. With membarrier, gus-lazy's empty section costs ")
                .f(lazyReadMb == null ? f.missing("gus-lazy read (membarrier JVM)", "no membarrier sub-run") : lazyReadMb).t(" against gus's ")
                .f(gusReadMb == null ? f.missing("gus read (membarrier JVM)", "no membarrier sub-run") : gusReadMb)
                .t("; without it (the default JVM) its read side is the fenced fallback and buys nothing. On the write side, "
                        + "gus pays one advance (").f(advance).t(") per batch of ").f(batch).t(" retires, lazy one membarrier (")
                .f(barrier).t(") per tick of ").f(tickNs).t(" while goals wait: they cost the same at ").f(breakEven)
                .t("; above that rate lazy's ticks are the cheaper write side, below it gus's advances are.");
        b.answer().t("Why not: a goal waits for ticks to pass, so retire-to-free latency and the memory held grow with the "
                + "tick (R8, R2), and every tick interrupts every CPU the process runs on (the bystander rows).");
        b.limit().t("This machine: ").add(Common.machine(f, SubRun.DEFAULT_JVM)).t(". A membarrier's cost grows with the CPUs "
                + "it must interrupt; with few cores it is near its floor, so the break-even rate here is a lower bound "
                + "for larger machines. A many-core machine, and an arm64 one (where the fenced read side is dearer), would "
                + "move it.");
        Common.commands(b);
        return b.build();
    }

    /** A knob of {@code spec}'s trial that is a number ({@code batch=64}), as a fact of run.json. */
    static Figure knobNumber(Figures f, Selection s, String spec, String knob) {
        Optional<TrialRecord> r = s.engine(spec).records().stream().findFirst();
        String what = knob + " of " + spec + " (" + s.subRun().dir() + ")";
        if (r.isEmpty() || r.get().engine() == null || r.get().engine().knobs().get(knob) == null) {
            return f.missing(what, r.isEmpty() ? s.engine(spec).why() : "run.json does not record " + knob + " of " + spec);
        }
        try {
            return f.fact(what, Double.parseDouble(r.get().engine().knobs().get(knob)), "",
                    new Provenance(s.subRun().dir(), r.get().label(), "engine.knobs." + knob, s.subRun().dir() + "/" + RunFolder.RUN_JSON));
        } catch (NumberFormatException e) {
            return f.missing(what, knob + "=" + r.get().engine().knobs().get(knob) + " is not a number");
        }
    }

    // ------------------------------------------------------------------ R7

    static Section r7(Figures f) {
        SectionBuilder b = new SectionBuilder("R7", f);
        SubRun sub = SubRun.DEFAULT_JVM;
        Selection publish = f.select("R7.publish", sub);
        Selection publishAdvance = f.select("R7.publishAdvance", sub);
        Selection publishRetire = f.select("R7.publishRetire", sub);
        Selection advance = f.select("R7.advance", sub);
        List<String> specs = CostAnswers.specs(f, publish, advance);
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("Publishing and reclaiming apart: the unlink store under "
                + "the writer's lock alone, then with an advance, then with a retire (").c(sub.dir() + "/").t(")"),
                "engine", "writers", "publish", "publish + advance", "publish + retire", "advance alone", "forks");
        List<Prose> sentences = new ArrayList<>();
        for (String threads : List.of("1", "2")) {
            Figure gusPublish = publish.engine(GUS).threads(threads).figure(SCORE);
            for (String spec : specs) {
                Figure p = publish.engine(spec).threads(threads).figure(SCORE);
                Figure a = advance.engine(spec).threads(threads).figure(SCORE);
                t.row(Common.engine(publish, spec), param(f, publish, threads), p, publishAdvance.engine(spec).threads(threads).figure(SCORE),
                        publishRetire.engine(spec).threads(threads).figure(SCORE), a, f.forks(p));
                if (!spec.equals(GUS)) {
                    Figure pr = f.ratio(spec + " publish ÷ gus publish at " + threads, p, gusPublish);
                    Figure ar = f.ratio(spec + " advance ÷ gus advance at " + threads, a, advance.engine(GUS).threads(threads).figure(SCORE));
                    sentences.add(Prose.of().c(spec).t(" at ").add(Prose.of().f(param(f, publish, threads))).t(" writers: publishing costs ")
                            .f(pr).t(" gus's (").t(CostAnswers.words(Claims.ofRatio(pr))).t("), advancing ").f(ar)
                            .t(" (").t(CostAnswers.words(Claims.ofRatio(ar))).t(")."));
                }
            }
        }
        b.table(t);
        b.answer().t("Yes, reclamation: the unlink store a writer publishes is the same in every engine of the family; what "
                + "lazy changes is the advance that starts a grace period, which no longer writes the shared clock. Measured:");
        sentences.forEach(b::answer);
        b.limit().t("This machine: ").add(Common.machine(f, SubRun.DEFAULT_JVM)).t(". Two writers on few cores contend for "
                + "the writer's lock as much as for the clock; a machine with many cores would show the shared clock's "
                + "cache-line traffic at many writers, where gus pays most and lazy least.");
        Common.commands(b);
        return b.build();
    }

    /** A thread count the trials ran at, as the selection's records give it. */
    private static Figure param(Figures f, Selection s, String threads) {
        return f.factText("writers " + threads + " (" + s.selector().id() + ")", String.valueOf(
                org.smrlab.run.review.TrialSelector.resolveThreads(threads, Figures.cores(s.run() == null ? null : s.run().info()))
                        .get(0)), new Provenance(s.subRun().dir(), null, "threads", s.subRun().dir() + "/" + RunFolder.RUN_JSON));
    }

    // ------------------------------------------------------------------ R8

    private static final Pattern TICKS_CLAIMED = Pattern.compile("bounded by (\\d+) clock ticks");

    static Section r8(Figures f) {
        SectionBuilder b = new SectionBuilder("R8", f);
        Question q = Questions.byId("R8").orElseThrow();
        Figure claimed = f.missing("ticks claimed", "the review's words name no bound");
        for (Question.Quote quote : q.quotes()) {
            Matcher m = TICKS_CLAIMED.matcher(quote.text());
            if (m.find()) {
                claimed = f.fact("ticks claimed (the man page, as R8 quotes it)", Double.parseDouble(m.group(1)), "",
                        new Provenance(null, null, "R8 quote", "the question catalogue (run-format Questions)"));
            }
        }
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("gus-lazy's grace periods (advance to the first poll that "
                + "succeeds), batch-fill time apart, against the tick"), "JVM", "engine", "tick", "grace p50", "grace p99",
                "grace max", "p99 in ticks", "within the claimed ticks", "batch fill p50", "forks");
        List<Prose> holds = new ArrayList<>();
        for (SubRun sub : both()) {
            Selection s = f.select("R8.grace", sub);
            for (String spec : s.isEmpty() ? List.of(LAZY) : Common.ordered(s)) {
                Selection one = s.engine(spec);
                Figure tick = Common.knobNanos(s, spec, "tick");
                Figure p50 = one.figure(Metrics.GRACE_P50.name());
                Figure p99 = one.figure(Metrics.GRACE_P99.name());
                Figure bound = tick.missing() || claimed.missing()
                        ? f.derived("claimed bound of " + spec, Double.NaN, "ns", Double.NaN, Double.NaN, List.of(claimed, tick))
                        : f.derived("claimed bound of " + spec + " (" + sub.dir() + ")", claimed.value() * tick.value(), "ns",
                        Double.NaN, Double.NaN, List.of(claimed, tick));
                Figure share = f.shareAtOrBelow(one, Metrics.GRACE_LOG, bound);
                Figure inTicks = f.ratio(spec + " grace p99 in ticks, " + sub.dir(), p99, tick);
                t.row(new SectionBuilder.Code(sub.dir()), Common.engine(s, spec), tick, p50, p99, one.figure(Metrics.GRACE_MAX.name()),
                        inTicks, share, one.figure(Metrics.BATCH_FILL_P50.name()), f.forks(p99));
                holds.add(Prose.of().c(spec).t(" on ").c(sub.dir() + "/").t(": ").f(share).t(" of grace periods ended within ")
                        .f(claimed).t(" ticks (").f(bound).t("); p99 ").f(p99).t(", that is ").f(inTicks).t(" ticks."));
            }
        }
        b.table(t);
        b.answer().t("Measured, not assumed: the bound holds for the share of grace periods below, per tick and JVM. A "
                + "grace period here runs from the advance to the first poll of its goal that succeeds; the time a retired "
                + "node waits for its batch to fill comes before it and is in its own column.");
        holds.forEach(b::answer);
        b.limit().t("This machine: ").add(Common.machine(f, SubRun.DEFAULT_JVM)).t(". The ticker is a thread, not a clock "
                + "interrupt: when the machine is busy it runs late, and the grace period with it. A kernel's tick is an "
                + "interrupt and would keep time better; so would a machine with an idle core for the ticker.");
        Common.commands(b);
        return b.build();
    }
}
