package org.smrlab.reports.analysis.review;

import static org.smrlab.run.review.TrialSelector.SCORE;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.smrlab.reports.analysis.Growth;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.review.SubRun;

/**
 * The answers about what each engine costs and buys: R1 (one API; which engines make the writer
 * wait), R5 (why GUS rather than QSBR, EBR, HP, pserialize or an rwlock), R14 (smr_enter against an
 * rwlock).
 */
final class CostAnswers {
    private static final SubRun JDK17 = SubRun.DEFAULT_JVM;

    private CostAnswers() {
    }

    /** The engine specs of these selections, in the order first seen, else the catalogue's safe engines. */
    static List<String> specs(Figures f, Selection... sels) {
        Set<String> s = new LinkedHashSet<>();
        for (Selection sel : sels) {
            s.addAll(sel.engines());
        }
        if (s.isEmpty()) {
            Common.catalogue(f).stream().filter(e -> !e.unsafeByDesign()).forEach(e -> s.add(e.name()));
        }
        return Common.ordered(f, s);
    }

    static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    // ------------------------------------------------------------------ R1

    static Section r1(Figures f) {
        SectionBuilder b = new SectionBuilder("R1", f);
        Selection retire = f.select("R1.retire", JDK17);
        Selection beside = f.select("R1.retireWithReader", JDK17);
        Selection mixed = f.select("R1.mixed", JDK17);
        Map<String, EngineFacts> facts = Common.facts(f);
        List<String> specs = specs(f, retire, beside, mixed);
        long safe = Common.catalogue(f).stream().filter(e -> !e.unsafeByDesign()).count();
        Figure count = Common.anyRun(f).isPresent() && !facts.isEmpty()
                ? f.fact("safe engines in the catalogue", safe, "", new Provenance(null, null, "catalogue (not unsafe by design)",
                Common.anyRun(f).get() == f.review().subRun(JDK17).orElse(null) ? JDK17.dir() + "/" + RunFolder.RUN_JSON
                        : SubRun.MEMBARRIER_JVM.dir() + "/" + RunFolder.RUN_JSON))
                : f.missing("safe engines in the catalogue", "no sub-run records the engine catalogue");
        b.answer().t("Yes: one contract (").c("Reclaimer").t(", ").c("Session").t(", and ").c("GracePeriods")
                .t(" for the engines with a write side) serves every one of the ").f(count)
                .t(" safe engines of this build, from the gus family to hazard pointers, pserialize and an rwlock; "
                        + "what differs is who waits. Measured here, beside a reader looping over read sections:");

        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("Who waits: the engines' facts (run.json's catalogue) and "
                + "the writer's blocked time, measured (").c("jdk17/").t(")"),
                "engine", "family", "retire may block (fact)", "retire, alone", "blocked per retire, alone",
                "retire beside a reader", "blocked per retire beside a reader", "mixed: blocked per op", "mixed: longest waits (p99)",
                "forks");
        List<String> async = new ArrayList<>();
        List<String> blocking = new ArrayList<>();
        List<Figure> blockedFigures = new ArrayList<>();
        List<String> disagree = new ArrayList<>();
        for (String spec : specs) {
            EngineFacts e = facts.get(Common.name(spec));
            Figure alone = retire.engine(spec).figure(SCORE);
            Figure aloneWait = retire.engine(spec).figure(Metrics.WAIT_NS_PER_RETIRE.name());
            Figure bes = beside.engine(spec).figure("score:retireWriter");
            Figure besWait = beside.engine(spec).figure(Metrics.WAIT_NS_PER_RETIRE.name());
            Figure mixWait = mixed.engine(spec).figure(Metrics.WAIT_NS_PER_OP.name());
            Figure mixP99 = mixed.engine(spec).figure(Metrics.WAIT_P99.name());
            t.row(Common.engine(beside.isEmpty() ? retire : beside, spec), e == null ? "unknown"
                            : f.factText("family of " + e.name(), e.family(), new Provenance(null, null, "catalogue[" + e.name() + "].family",
                            "run.json")),
                    e == null ? "unknown" : yesNo(e.retireBlocks()), alone, aloneWait, bes, besWait, mixWait, mixP99,
                    f.forks(bes.present() ? bes : alone));
            if (besWait.present()) {
                if (besWait.value() > 0) {
                    blocking.add(spec);
                    blockedFigures.add(besWait);
                } else {
                    async.add(spec);
                }
                if (e != null && e.retireBlocks() != (besWait.value() > 0)) {
                    disagree.add(spec);
                }
            }
        }
        b.table(t);
        if (async.isEmpty() && blocking.isEmpty()) {
            b.answer().t("The writer's blocked time is not in this run: ")
                    .f(beside.engine(specs.isEmpty() ? "gus" : specs.get(0)).figure(Metrics.WAIT_NS_PER_RETIRE.name()))
                    .t(". The catalogue's facts alone say which engines' retire may block (the table).");
        } else {
            Prose p = b.answer().t("Retire never blocked the writer of ").add(Common.codes(async))
                    .t(" (no time spent waiting for readers): they gather retired nodes in batches and free them later, "
                            + "asynchronously, as the review wishes. ");
            if (!blocking.isEmpty()) {
                p.t("It blocked the writer of ");
                for (int i = 0; i < blocking.size(); i++) {
                    p.t(i == 0 ? "" : i == blocking.size() - 1 ? " and " : ", ").c(blocking.get(i)).t(" (").f(blockedFigures.get(i))
                            .t(" per retire)");
                }
                p.t(": the synchronous wait the review names for pserialize_perform, psref_target_destroy and localcount_drain.");
            }
        }
        if (!disagree.isEmpty()) {
            b.answer().t("Measured and declared disagree for ").add(Common.codes(disagree))
                    .t(": the catalogue's retire-blocks fact says otherwise than the blocked time above.");
        }
        Common.smallMachine(b, "A blocked writer here also waits for the scheduler to run the reader it waits for; "
                + "on a machine with more cores than threads the blocked time is the readers' sections alone, and the "
                + "difference between waiting and not waiting shows at every thread count.");
        Common.commands(b);
        return b.build();
    }

    // ------------------------------------------------------------------ R5

    static Section r5(Figures f) {
        SectionBuilder b = new SectionBuilder("R5", f);
        Selection read = f.select("R5.read", JDK17);
        Selection readAll = f.select("R5.readAll", JDK17); // its own selector: R5.read plans one thread only
        Selection lookup = f.select("R5.lookup", JDK17);
        Selection write = f.select("R5.write", JDK17);
        Selection mixed = f.select("R5.mixed", JDK17);
        Selection stall = f.select("R5.stall", JDK17);
        Figure fence = f.select("R5.floorFence", JDK17).threads("1").figure(SCORE);
        Figure load = f.select("R5.floorLoad", JDK17).threads("1").figure(SCORE);
        Map<String, EngineFacts> facts = Common.facts(f);
        List<String> specs = specs(f, read, write, mixed, stall);

        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("The verdict table: every cell a figure of this run (")
                .c("jdk17/").t("); reads at one thread unless said; ×fence is the same run's store and full fence floor, ")
                .f(fence), "engine", "read (empty section)", "×fence", "read, all threads", "lookup", "retire",
                "retire→free p99", "pending peak", "stall: pending peak", "stall: pending slope", "stall: verdict", "usage constraints");
        Figure gusRead = null;
        List<Figure> reads = new ArrayList<>();
        List<String> unbounded = new ArrayList<>();
        List<String> bounded = new ArrayList<>();
        for (String spec : specs) {
            Figure r1 = read.engine(spec).threads("1").figure(SCORE);
            Figure rmax = readAll.engine(spec).threads("max").figure(SCORE);
            Figure st = stall.engine(spec).figure(Metrics.PENDING_PEAK.name());
            Selection stalled = stall.engine(spec);
            Figure slope = stalled.figure(Metrics.PENDING_SLOPE.name());
            // bounded or growing from the fitted slope of pending over the stall, not from the cap (issue 12: an
            // engine that climbs to just below the cap is growing); the same rule as the summary's stall verdicts
            Growth.Verdict verdict = stalled.result().map(tr -> Growth.of(stalled.run(), tr)).orElse(null);
            String verdictWords = verdict == null ? "missing (no stall trial)" : verdict.kind().words()
                    + (verdict.capped() ? " (to the cap)" : "");
            EngineFacts e = facts.get(Common.name(spec));
            t.row(Common.engine(read, spec), r1, f.ratio(spec + " read ÷ fence", r1, fence), rmax,
                    lookup.engine(spec).figure(SCORE), write.engine(spec).figure(SCORE),
                    mixed.engine(spec).figure(Metrics.R2F_P99.name()), mixed.engine(spec).figure(Metrics.PENDING_PEAK.name()),
                    st, slope, verdictWords, constraints(e));
            if (spec.equals("gus")) {
                gusRead = r1;
            }
            reads.add(r1);
            if (verdict != null && verdict.kind() != Growth.Kind.UNKNOWN) {
                (verdict.growing() ? unbounded : bounded).add(spec);
            }
        }
        t.note(Prose.words("Floors: store and full fence ").f(fence).t(", plain load ").f(load).t("."));
        b.table(t);

        Prose a = b.answer();
        Selection gusSel = read.engine("gus");
        if (gusRead != null && gusRead.present()) {
            a.t("Against qsbr and ebr, the engines the review names: ");
            for (String other : List.of("qsbr", "ebr")) {
                if (!specs.contains(other)) {
                    continue;
                }
                Figure o = read.engine(other).threads("1").figure(SCORE);
                Figure ratio = f.ratio("gus read ÷ " + other + " read", gusRead, o);
                a.t("gus's read side costs ").f(ratio).t(" ").c(other).t("'s (").t(words(Claims.ofRatio(ratio))).t("); ");
                Figure g = mixed.engine("gus").figure(Metrics.R2F_P99.name());
                Figure op = mixed.engine(other).figure(Metrics.R2F_P99.name());
                a.t("retire→free p99 ").f(g).t(" against ").f(op).t(" (").t(words(Claims.compare(g, op))).t("). ");
            }
        } else {
            a.t("gus's read side is not in this run: ").f(gusSel.threads("1").figure(SCORE)).t(". ");
        }
        a.t("What GUS buys over qsbr is a read side that needs no quiescent-state calls from every thread; over ebr, "
                + "a writer that polls a goal instead of waiting for an epoch to turn; over hp, one fence per section "
                + "instead of one per protected pointer. What it does not buy is bounded memory under a stalled reader: ");
        if (!unbounded.isEmpty() || !bounded.isEmpty()) {
            a.t("with one reader parked in a section, ");
            if (unbounded.isEmpty()) {
                a.t("no engine's pending nodes kept growing in this run (");
            } else {
                a.t("pending nodes kept growing for as long as the stall lasted (judged from the fitted slope of pending "
                        + "over the stall, not from the cap) for ").add(Common.codes(unbounded)).t(", and stayed bounded for ");
            }
            a.add(Common.codes(bounded)).t(unbounded.isEmpty() ? " stayed bounded: a stall longer than this run's would "
                    + "tell the bounded engines from the rest)." : ".");
        } else {
            a.t("the stall figures are not in this run (").f(stall.engine("gus").figure(Metrics.PENDING_SLOPE.name())).t(").");
        }

        Selection mb = f.select("R5.membarrier", SubRun.MEMBARRIER_JVM);
        Figure mbGus = mb.engine("gus").figure(SCORE);
        Prose m = b.answer().t("With membarrier(2) (").c(SubRun.MEMBARRIER_JVM.dir() + "/").t("), the read sides without a fence: ");
        for (String spec : List.of("gus-lazy", "pserialize")) {
            Figure v = mb.engine(spec).figure(SCORE);
            m.c(spec).t(" ").f(v).t(", ").f(f.ratio(spec + " read ÷ gus read (membarrier JVM)", v, mbGus)).t(" of gus's; ");
        }
        m.t("gus itself ").f(mbGus).t(".");
        Common.smallMachine(b, "Read costs at one thread carry over to other x86 machines as multiples of the fence floor; "
                + "retire→free latency and pending memory at all threads depend on how often a reader is descheduled "
                + "inside a section, which on few cores is often (see R15). A machine with more cores than threads, and "
                + "an arm64 machine, would show both.");
        Common.commands(b);
        return b.build();
    }

    /** The usage constraints the catalogue records, in words. */
    static String constraints(EngineFacts e) {
        if (e == null) {
            return "unknown (no catalogue)";
        }
        List<String> c = new ArrayList<>();
        c.add(e.sectionsNest() ? "sections nest" : "sections do not nest");
        if (e.retireBlocks()) {
            c.add("retire may block");
        }
        if (e.enterBlocks()) {
            c.add("enter may block behind a writer");
        }
        if (e.neverFrees()) {
            c.add("never frees");
        }
        return String.join("; ", c);
    }

    /** What a claim allows one to say, in words. */
    static String words(Claims c) {
        return switch (c) {
            case HIGHER -> "higher, beyond the error";
            case LOWER -> "lower, beyond the error";
            case SAME -> "the intervals overlap: no difference claimed";
            case UNKNOWN -> "no interval: no difference claimed";
            case MISSING -> "a figure is missing: no claim";
        };
    }

    // ------------------------------------------------------------------ R14

    static Section r14(Figures f) {
        SectionBuilder b = new SectionBuilder("R14", f);
        Selection read = f.select("R14.read", JDK17);
        Selection withWriter = f.select("R14.readWithWriter", JDK17);
        Selection write = f.select("R14.write", JDK17);
        Selection writeWithReader = f.select("R14.writeWithReader", JDK17);
        Selection floor = f.select("R14.floorRwLock", JDK17);
        String gus = "gus";
        String rw = "rwlock";
        SectionBuilder.Table t = new SectionBuilder.Table(Prose.words("smr_enter against an rwlock: ").c(gus).t(" and ").c(rw)
                .t(" on the same benchmarks (").c("jdk17/").t(")"), "what", "gus", "rwlock", "rwlock ÷ gus", "forks");
        List<Figure> ratios = new ArrayList<>();
        Object[][] rows = {
            {"read, empty section, one thread", read.threads("1"), SCORE},
            {"read, empty section, all threads", read.threads("max"), SCORE},
            {"read beside a writer (the reader)", withWriter, "score:emptyReader"},
            {"the writer beside that reader", withWriter, "score:emptyWriter"},
            {"retire, alone", write, SCORE},
            {"retire beside a reader (the writer)", writeWithReader, "score:retireWriter"},
        };
        for (Object[] row : rows) {
            Selection s = (Selection) row[1];
            String metric = (String) row[2];
            Figure g = s.engine(gus).figure(metric);
            Figure r = s.engine(rw).figure(metric);
            Figure ratio = f.ratio(row[0] + ": rwlock ÷ gus", r, g);
            ratios.add(ratio);
            t.row(row[0], g, r, ratio, f.forks(g.present() ? g : r));
        }
        Figure bare1 = floor.threads("1").figure(SCORE);
        Figure bareMax = floor.threads("max").figure(SCORE);
        t.note(Prose.words("A bare ReentrantReadWriteLock read lock and unlock, no engine: ").f(bare1).t(" at one thread, ")
                .f(bareMax).t(" at all threads."));
        b.table(t);
        Prose a = b.answer();
        a.t("At one thread an rwlock read costs ").f(ratios.get(0)).t(" gus's (").t(words(Claims.ofRatio(ratios.get(0))))
                .t("); at all threads ").f(ratios.get(1)).t(" (").t(words(Claims.ofRatio(ratios.get(1))))
                .t("), where every reader writes the lock's shared word. Beside a writer the reader pays ").f(ratios.get(2))
                .t(" gus's (").t(words(Claims.ofRatio(ratios.get(2)))).t("). On the write side an rwlock frees at once "
                        + "under its write lock, so it never holds memory back, but its retire costs ").f(ratios.get(4))
                .t(" gus's alone and ").f(ratios.get(5)).t(" beside a reader, whom it must wait for.");
        Common.smallMachine(b, "At all threads the readers share few cores with the benchmark's own threads; the rwlock's "
                + "shared counter costs more the more cores contend for it, which a machine with many cores would show.");
        Common.commands(b);
        return b.build();
    }
}
