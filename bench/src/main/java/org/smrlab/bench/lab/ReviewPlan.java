package org.smrlab.bench.lab;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.TrialRecord;
import org.smrlab.run.review.EngineChoice;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TrialSelector;
import org.smrlab.smr.Engines;

/**
 * The {@code review} and {@code review-quick} profiles, planned from run-format's question catalogue
 * ({@link Questions}) as the {@code goals} profile is planned from the goal table: one profile per
 * JVM sub-run, one {@link Entry} per selector that runs on it. No trial list is kept here.
 *
 * <h2>Implementation notes</h2>
 * A selector this build cannot run (a benchmark, parameter or engine knob it lacks, say
 * {@code pserialize:async=true} before the asynchronous pserialize exists) is left out of the plan
 * with the reason, which the dry run prints and review.json records; a bench test checks that this
 * build leaves nothing out. Engines chosen by a catalogue fact are resolved against smr-impls'
 * engine catalogue, through the same {@link EngineChoice#resolve} the reports use on run.json's copy.
 * Duplicate trials (two questions reading the same figure) are planned once: {@link Plan#expand}
 * deduplicates by trial key.
 */
public final class ReviewPlan {
    /** {@code --tiny}: every trial one fork, one 100 ms iteration, no warmup; a test of the wiring. */
    static final RunLength TINY = new RunLength(1, 0, "100ms", 1, "100ms");

    private ReviewPlan() {
    }

    /**
     * The plan of one review.
     *
     * @param profiles the profile of each sub-run (possibly with no entries)
     * @param skipped  selectors left out, with why
     */
    public record Planned(Map<SubRun, Profile> profiles, List<ReviewInfo.Skipped> skipped) {
    }

    /** Plans the review {@code o} asks for against the benchmarks of this jar. */
    public static Planned plan(ReviewOptions o, JmhBenchmarks benchmarks) {
        List<EngineFacts> catalogue = Engines.types().stream().map(RunRecorder::facts).toList();
        Map<SubRun, List<Entry>> entries = new EnumMap<>(SubRun.class);
        for (SubRun r : SubRun.values()) {
            entries.put(r, new ArrayList<>());
        }
        List<ReviewInfo.Skipped> skipped = new ArrayList<>();
        for (Question q : Questions.all()) {
            for (TrialSelector s : q.trials()) {
                if (!o.keeps(q, s) || s.length(o.quick()) == null) {
                    continue;
                }
                String why = whyNot(s, o.quick(), catalogue, benchmarks);
                if (why != null) {
                    skipped.add(new ReviewInfo.Skipped(s.id(), why));
                    continue;
                }
                for (SubRun r : s.subRuns()) {
                    entries.get(r).add(entry(s, o.quick(), o.tiny(), catalogue));
                }
            }
        }
        Map<SubRun, Profile> profiles = new EnumMap<>(SubRun.class);
        for (SubRun r : SubRun.values()) {
            profiles.put(r, new Profile(o.profile(), "the " + (o.quick() ? "quick " : "") + "review's trials on " + r.words(),
                    entries.get(r)));
        }
        return new Planned(profiles, List.copyOf(skipped));
    }

    /** The profile entry that runs selector {@code s}. */
    static Entry entry(TrialSelector s, boolean quick, boolean tiny, List<EngineFacts> catalogue) {
        Entry.Builder b = Entry.of(s.benchmark()).threads(s.threads().toArray(String[]::new));
        EngineChoice engines = s.engines(quick);
        b = engines.kind() == EngineChoice.Kind.NONE ? b.noEngine() : b.engines(engines.resolve(catalogue).toArray(String[]::new));
        for (Map.Entry<String, List<String>> p : s.params(quick).entrySet()) {
            b = b.param(p.getKey(), p.getValue().toArray(String[]::new));
        }
        if (s.profiled()) {
            b = b.profiled();
        }
        return b.run(tiny ? TINY : runLength(s.length(quick)));
    }

    static RunLength runLength(TrialRecord.Length l) {
        return new RunLength(l.forks(), l.warmups(), l.warmupTime(), l.iterations(), l.iterationTime());
    }

    /** Why this build cannot run selector {@code s}, or null when it can. */
    static String whyNot(TrialSelector s, boolean quick, List<EngineFacts> catalogue, JmhBenchmarks benchmarks) {
        if (!benchmarks.names().contains(s.qualifiedBenchmark())) {
            return "no benchmark " + s.benchmark() + " in this build";
        }
        JmhBenchmarks.Benchmark b = benchmarks.get(s.qualifiedBenchmark());
        for (String p : s.params(quick).keySet()) {
            if (!b.params().containsKey(p)) {
                return s.benchmark() + " has no parameter " + p + " in this build (it has " + b.params().keySet() + ")";
            }
        }
        boolean hasEngine = b.params().containsKey(EngineParam.ENGINE);
        if (hasEngine != (s.engines(quick).kind() != EngineChoice.Kind.NONE)) {
            return s.benchmark() + (hasEngine ? " has an engine parameter and the selector names no engine"
                    : " has no engine parameter and the selector names engines");
        }
        for (String spec : s.engines(quick).resolve(catalogue)) {
            try {
                EngineParam.spec(spec, null);
            } catch (IllegalArgumentException e) {
                return "engine " + spec + ": " + e.getMessage().lines().findFirst().orElse("");
            }
        }
        for (String t : s.threads()) {
            if ((t.contains(",")) != b.group()) {
                return s.benchmark() + ": thread token '" + t + "' " + (b.group() ? "needs one count per group member"
                        : "must be one count (it is not a @Group)");
            }
        }
        return null;
    }
}
