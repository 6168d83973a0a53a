package org.smrlab.run.review;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.TrialRecord;

/**
 * Trials a question's answer reads, as data: bench's {@code review} and {@code review-quick} profiles
 * are planned from these selectors (and from nothing else), and the reports look the same trials up
 * with {@link #matches}.
 *
 * @param id          unique in the catalogue: the question's id and a name ({@code R2.batch})
 * @param what        what the trials measure, in a sentence, for plans and reports
 * @param benchmark   {@code Class.method} below {@code org.smrlab.bench} ({@code ReclamationBench.mixed})
 * @param engines     which engines
 * @param quickEngines for the quick review, fewer engines (fewer points of a knob curve); null: as {@code engines}
 * @param params      other JMH parameters and their values, each value a trial; a parameter not named
 *                    keeps the benchmark's default
 * @param quickParams for the quick review, parameters whose values differ (fewer points); empty: as {@code params}
 * @param threads     thread tokens, each a trial: a number, {@code max}, {@code 2max}; for a group, one count
 *                    per member, comma-separated ({@code 1,1}, {@code max-1,1})
 * @param subRuns     the JVMs it runs on: the default JVM, the JDK 22+ (membarrier), or both
 * @param full        how long each trial runs in the full review
 * @param quick       how long in the quick review; null when the quick review leaves the selector out
 * @param profiled    whether the SMR profiler is attached (every selector with an engine: the answers
 *                    read its metrics; floors have nothing to report)
 * @param metrics     the figures the answer reads: {@link #SCORE} for JMH's primary score, else names of the
 *                    metric catalogue ({@code smr.r2f.p50})
 */
public record TrialSelector(String id, String what, String benchmark, EngineChoice engines, EngineChoice quickEngines,
                            SortedMap<String, List<String>> params, SortedMap<String, List<String>> quickParams,
                            List<String> threads, List<SubRun> subRuns, TrialRecord.Length full, TrialRecord.Length quick,
                            boolean profiled, List<String> metrics) {

    /** The primary score of a trial (JMH's time per operation), in {@link #metrics()}. */
    public static final String SCORE = "score";
    /**
     * In {@link #metrics()}, {@code score:<method>} is the score of one member of a {@code @Group}
     * benchmark (JMH's secondary row {@code <benchmark>:<method>}): {@code score:retireWriter}.
     */
    public static final String MEMBER_SCORE_PREFIX = "score:";

    public TrialSelector {
        params = unmodifiable(params);
        quickParams = unmodifiable(quickParams);
        threads = List.copyOf(threads);
        subRuns = List.copyOf(subRuns);
        metrics = List.copyOf(metrics);
        if (threads.isEmpty() || subRuns.isEmpty()) {
            throw new IllegalArgumentException(id + ": a selector needs thread counts and a sub-run");
        }
        if (quickEngines != null && (engines.kind() == EngineChoice.Kind.NONE) != (quickEngines.kind() == EngineChoice.Kind.NONE)) {
            throw new IllegalArgumentException(id + ": the quick review's engines and the full review's must both be none or neither");
        }
        if (full == null) {
            throw new IllegalArgumentException(id + ": a selector needs its full-review length");
        }
        for (String p : quickParams.keySet()) {
            if (!params.containsKey(p)) {
                throw new IllegalArgumentException(id + ": quick parameter " + p + " is not among its parameters " + params.keySet());
            }
        }
    }

    private static SortedMap<String, List<String>> unmodifiable(Map<String, List<String>> m) {
        TreeMap<String, List<String>> t = new TreeMap<>();
        if (m != null) {
            m.forEach((k, v) -> t.put(k, List.copyOf(v)));
        }
        return Collections.unmodifiableSortedMap(t);
    }

    /** Whether the quick review runs this selector. */
    public boolean inQuick() {
        return quick != null;
    }

    /** The parameters of the full ({@code quick=false}) or quick review. */
    public SortedMap<String, List<String>> params(boolean quickReview) {
        if (!quickReview) {
            return params;
        }
        TreeMap<String, List<String>> p = new TreeMap<>(params);
        p.putAll(quickParams);
        return Collections.unmodifiableSortedMap(p);
    }

    /** The engines of the full or quick review. */
    public EngineChoice engines(boolean quickReview) {
        return quickReview && quickEngines != null ? quickEngines : engines;
    }

    /** The length of the full or quick review's trials; null when the quick review leaves it out. */
    public TrialRecord.Length length(boolean quickReview) {
        return quickReview ? quick : full;
    }

    /** Whether a sub-run runs it. */
    public boolean runsOn(SubRun subRun) {
        return subRuns.contains(subRun);
    }

    /** The fully qualified JMH name. */
    public String qualifiedBenchmark() {
        return org.smrlab.run.Goals.BENCH_PACKAGE + "." + benchmark;
    }

    /**
     * The trials of {@code run} this selector asks for: {@link #matches(TrialRecord, boolean, List, int, BenchmarkFacts)}
     * with what run.json records (the review's profile, the engine catalogue, the benchmarks'
     * defaults, the machine's cores). The one rule by which the reports find a selector's trials.
     */
    public java.util.function.Predicate<TrialRecord> in(org.smrlab.run.RunInfo run) {
        boolean quickReview = ReviewInfo.QUICK.equals(run.profile());
        List<String> specs = engines(quickReview).resolve(run.catalogue() == null ? List.of() : run.catalogue());
        int cores = run.machine() == null || run.machine().cores() == null ? 1 : run.machine().cores();
        BenchmarkFacts facts = run.benchmarks() == null ? null : run.benchmarks().get(qualifiedBenchmark());
        return t -> matches(t, quickReview, specs, cores, facts);
    }

    /**
     * Whether {@code t} is one of this selector's trials in either review, not checking the
     * parameters the selector leaves alone: matches too much (another question's trials at other
     * values of those parameters). Kept for callers written before {@link #in(org.smrlab.run.RunInfo)}.
     *
     * @deprecated use {@link #in(org.smrlab.run.RunInfo)}, or {@link #matches(TrialRecord, boolean, List, int, BenchmarkFacts)}
     */
    @Deprecated(forRemoval = true)
    public boolean matches(TrialRecord t, List<String> engineSpecs, int cores) {
        return matches(t, false, engineSpecs, cores, null) || matches(t, true, engineSpecs, cores, null);
    }

    /**
     * Whether trial {@code t} is one this selector plans in the full or the quick review: the same
     * benchmark; its engine parameter among {@code engineSpecs} (the review's engines resolved with
     * {@link EngineChoice#resolve}), or no engine for {@link EngineChoice.Kind#NONE}; each selector
     * parameter among that review's values; every other parameter at the benchmark's default
     * ({@code facts}: run.json's record of it; null skips this check), as the plan left it, so that a
     * selector does not also find another question's trials at other values; and its threads among
     * the selector's tokens resolved with {@code cores}.
     */
    public boolean matches(TrialRecord t, boolean quickReview, List<String> engineSpecs, int cores, BenchmarkFacts facts) {
        if (t.benchmark() == null || !t.benchmark().equals(qualifiedBenchmark()) || t.params() == null) {
            return false;
        }
        String engine = t.params().get(TrialRecord.ENGINE_PARAM);
        if (engines.kind() == EngineChoice.Kind.NONE ? engine != null : engine == null || !engineSpecs.contains(engine)) {
            return false;
        }
        SortedMap<String, List<String>> wanted = params(quickReview);
        for (Map.Entry<String, String> p : t.params().entrySet()) {
            if (p.getKey().equals(TrialRecord.ENGINE_PARAM)) {
                continue;
            }
            List<String> values = wanted.get(p.getKey());
            if (values != null) {
                if (!values.contains(p.getValue())) {
                    return false;
                }
            } else if (facts != null) {
                String d = facts.defaultOf(p.getKey());
                if (d != null && !d.equals(p.getValue())) {
                    return false;
                }
            }
        }
        for (String p : wanted.keySet()) {
            if (!t.params().containsKey(p)) {
                return false;
            }
        }
        for (String token : threads) {
            if (resolveThreads(token, cores).equals(t.threads())) {
                return true;
            }
        }
        return false;
    }

    /** The engine specs of the full and the quick review (the quick ones are usually a subset), resolved against {@code catalogue}. */
    public List<String> engineSpecs(List<org.smrlab.run.EngineFacts> catalogue) {
        java.util.LinkedHashSet<String> s = new java.util.LinkedHashSet<>(engines.resolve(catalogue));
        if (quickEngines != null) {
            s.addAll(quickEngines.resolve(catalogue));
        }
        return List.copyOf(s);
    }

    /**
     * A thread token resolved: a number, {@code max} (the cores), {@code 2max}, {@code max-1} (at least 1),
     * comma-separated per group member. The lab's planner reads tokens with this same method.
     */
    public static List<Integer> resolveThreads(String token, int cores) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String part : token.split(",")) {
            String p = part.strip();
            int n = switch (p) {
                case "max" -> cores;
                case "2max" -> 2 * cores;
                case "max-1" -> Math.max(1, cores - 1);
                default -> {
                    try {
                        yield Integer.parseInt(p);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("thread token '" + token + "': '" + p
                                + "' is not a number, max, 2max or max-1");
                    }
                }
            };
            if (n < 1) {
                throw new IllegalArgumentException("thread token '" + token + "' gives " + n + " threads");
            }
            out.add(n);
        }
        return out;
    }

    /** A small builder, so the catalogue reads as a table. */
    public static Builder of(String id, String benchmark, String what) {
        return new Builder(id, benchmark, what);
    }

    public static final class Builder {
        private final String id;
        private final String benchmark;
        private final String what;
        private EngineChoice engines = EngineChoice.none();
        private EngineChoice quickEngines;
        private final Map<String, List<String>> params = new LinkedHashMap<>();
        private final Map<String, List<String>> quickParams = new LinkedHashMap<>();
        private List<String> threads = List.of("1");
        private List<SubRun> subRuns = List.of(SubRun.DEFAULT_JVM);
        private TrialRecord.Length full;
        private TrialRecord.Length quick;
        private List<String> metrics = List.of(SCORE);

        Builder(String id, String benchmark, String what) {
            this.id = id;
            this.benchmark = benchmark;
            this.what = what;
        }

        public Builder engines(EngineChoice e) {
            engines = e;
            return this;
        }

        public Builder engines(String... specs) {
            engines = EngineChoice.specs(specs);
            return this;
        }

        /** Fewer engines in the quick review. */
        public Builder quickEngines(String... specs) {
            quickEngines = EngineChoice.specs(specs);
            return this;
        }

        public Builder param(String name, String... values) {
            params.put(name, List.of(values));
            return this;
        }

        public Builder quickParam(String name, String... values) {
            quickParams.put(name, List.of(values));
            return this;
        }

        public Builder threads(String... t) {
            threads = List.of(t);
            return this;
        }

        /** Runs on the default JVM and on the JDK 22+. */
        public Builder bothJvms() {
            subRuns = List.of(SubRun.DEFAULT_JVM, SubRun.MEMBARRIER_JVM);
            return this;
        }

        /** Runs on the JDK 22+ only (what means nothing without membarrier). */
        public Builder membarrierJvmOnly() {
            subRuns = List.of(SubRun.MEMBARRIER_JVM);
            return this;
        }

        public Builder metrics(String... m) {
            metrics = List.of(m);
            return this;
        }

        /** The lengths of the full and the quick review (quick null: full review only). */
        public Builder run(TrialRecord.Length fullLength, TrialRecord.Length quickLength) {
            full = fullLength;
            quick = quickLength;
            return this;
        }

        public TrialSelector build() {
            return new TrialSelector(id, what, benchmark, engines, quickEngines, new TreeMap<>(params), new TreeMap<>(quickParams), threads,
                    subRuns, full, quick, engines.kind() != EngineChoice.Kind.NONE, metrics);
        }
    }
}
