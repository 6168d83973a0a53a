package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.smrlab.reports.model.ReviewInput;
import org.smrlab.reports.model.Run;
import org.smrlab.run.RunFolder;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * Builds the review of a review folder: a header that says which run it is (profile, dates, commit,
 * each sub-run's JVM and machine), then one section per question of run-format's catalogue, in its
 * order, each from its answer builder here. A question of the catalogue without a builder is a build
 * error of this class (a test checks every question has one), never a silent gap.
 */
public final class ReviewBuilder {

    private static final Map<String, Function<Figures, Section>> ANSWERS = new LinkedHashMap<>();

    static {
        ANSWERS.put("R1", CostAnswers::r1);
        ANSWERS.put("R2", UsageAnswers::r2);
        ANSWERS.put("R3", UsageAnswers::r3);
        ANSWERS.put("R4", UsageAnswers::r4);
        ANSWERS.put("R5", CostAnswers::r5);
        ANSWERS.put("R6", LazyAnswers::r6);
        ANSWERS.put("R7", LazyAnswers::r7);
        ANSWERS.put("R8", LazyAnswers::r8);
        ANSWERS.put("R9", UsageAnswers::r9);
        ANSWERS.put("R10", UsageAnswers::r10);
        ANSWERS.put("R11", UsageAnswers::r11);
        ANSWERS.put("R12", PoolAnswers::r12);
        ANSWERS.put("R13", PoolAnswers::r13);
        ANSWERS.put("R14", CostAnswers::r14);
        ANSWERS.put("R15", PoolAnswers::r15);
        ANSWERS.put("R16", PoolAnswers::r16);
    }

    private ReviewBuilder() {
    }

    /** The ids that have an answer builder. */
    public static List<String> answered() {
        return List.copyOf(ANSWERS.keySet());
    }

    public static Review build(ReviewInput input) {
        Figures f = Figures.of(input);
        List<Prose> header = header(f);
        List<Section> sections = new ArrayList<>();
        for (Question q : Questions.all()) {
            Function<Figures, Section> answer = ANSWERS.get(q.id());
            if (answer == null) {
                throw new IllegalStateException("question " + q.id() + " of the catalogue has no answer in the review generator");
            }
            sections.add(answer.apply(f));
        }
        return new Review(input, header, sections, f.log());
    }

    /** Which run this is: profile, start and end, commit, each sub-run's JVM and machine, or why it is absent. */
    static List<Prose> header(Figures f) {
        ReviewInput in = f.review();
        ReviewInfo info = in.info();
        String reviewJson = RunFolder.REVIEW_JSON;
        List<Prose> h = new ArrayList<>();
        Prose run = Prose.words("The review folder ").c(in.name()).t(" (profile ")
                .c(info.profile()).t("), started ").f(f.factText("started", when(info.startedAt()), new Provenance(null, null,
                        "startedAt", reviewJson)));
        if (info.finishedAt() != null) {
            run.t(", finished ").f(f.factText("finished", when(info.finishedAt()), new Provenance(null, null, "finishedAt", reviewJson)));
        }
        if (info.git() != null && info.git().commit() != null) {
            run.t(", built from commit ").f(f.factText("commit", info.git().commit(), new Provenance(null, null, "git.commit", reviewJson)))
                    .t(Boolean.TRUE.equals(info.git().dirty()) ? " with uncommitted changes" : "");
        }
        run.t(". Every figure below is looked up in that folder; a figure it lacks is shown as missing, with why.");
        h.add(run);
        for (SubRun s : SubRun.values()) {
            Prose p = Prose.of().c(s.dir() + "/").t(" (").f(f.factText("role of " + s.dir(), s.words(),
                    new Provenance(null, null, "SubRun." + s.name(), "run-format (the review's layout)"))).t("): ");
            if (in.subRun(s).isEmpty()) {
                p.t("absent: ").f(f.missing("sub-run " + s.dir(), in.absent().get(s)));
            } else {
                Run r = in.subRun(s).get();
                RunInfo ri = r.info();
                Provenance jvm = new Provenance(s.dir(), null, "jvm", s.dir() + "/" + RunFolder.RUN_JSON);
                p.t("JDK ").f(f.factText("JDK of " + s.dir(), ri.jvm() == null ? "unknown" : ri.jvm().version(), jvm));
                if (ri.jvm() != null && ri.jvm().vendor() != null) {
                    p.t(" (").f(f.factText("JVM vendor of " + s.dir(), ri.jvm().vendor(), jvm)).t(")");
                }
                p.t(" on ");
                if (ri.machine() != null && ri.machine().cpu() != null) {
                    p.f(f.factText("CPU of " + s.dir(), ri.machine().cpu(), new Provenance(s.dir(), null, "machine.cpu",
                            s.dir() + "/" + RunFolder.RUN_JSON))).t(", ");
                }
                p.add(Common.machine(f, s));
                if (ri.membarrier() != null && ri.membarrier().available() != null) {
                    p.t("; membarrier(2) ").t(ri.membarrier().available() ? "available" : "not available");
                }
                p.t("; ").f(f.fact("trials of " + s.dir(), ri.trials().size(), "", new Provenance(s.dir(), null, "trials",
                        s.dir() + "/" + RunFolder.RUN_JSON))).t(" trials, ").f(f.fact("failed trials of " + s.dir(),
                        ri.failedTrials().size(), "", new Provenance(s.dir(), null, "trials[status=failed]",
                                s.dir() + "/" + RunFolder.RUN_JSON))).t(" failed.");
            }
            h.add(p);
        }
        return h;
    }

    /** "2026-11-29 18:35 UTC" of an ISO instant; the text itself when it is not one. */
    static String when(String iso) {
        if (iso == null) {
            return "unknown";
        }
        try {
            return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC)
                    .format(java.time.Instant.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

}
