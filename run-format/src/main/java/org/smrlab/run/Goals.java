package org.smrlab.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The goal table: the lab's speed goals, each a bound on ratios of two figures of one run. One row
 * per goal; bench's {@code goals} profile runs exactly the trials of the goals whose
 * {@link Goal#profile()} is {@value #GOALS_PROFILE} (three forks each, for tight intervals), and the
 * reports' summary judges every goal on any run. Adding a goal is one row.
 *
 * <p>The floors named here are ReadSideBench methods without an engine; a bench test checks that
 * every benchmark, engine and parameter the table names exists.
 */
public final class Goals {
    /** The package of every benchmark named by {@link TrialRef#benchmark()}. */
    public static final String BENCH_PACKAGE = "org.smrlab.bench";
    /** The profile that runs the goals' trials. */
    public static final String GOALS_PROFILE = "goals";

    /** A store and a full fence: the price of a classic fenced read section, the floor most goals divide by. */
    public static final String FENCE_FLOOR = "ReadSideBench.floorStoreFence";
    /** An opaque load: what a read side with no fence at all costs. */
    public static final String LOAD_FLOOR = "ReadSideBench.floorPlainLoad";

    private static final String READ = "ReadSideBench.emptySection";

    private static final Map<String, Goal> ALL = new LinkedHashMap<>();

    static {
        TrialRef fence = TrialRef.floor(FENCE_FLOOR);
        TrialRef load = TrialRef.floor(LOAD_FLOOR);
        add(new Goal("fence", "gus and ebr empty section within 1.25× of the store + full fence floor",
                "gus, ebr read ≤ 1.25× fence", 1.25, GOALS_PROFILE, List.of(
                Goal.ratio("gus", TrialRef.of(READ, "gus"), fence),
                Goal.ratio("ebr", TrialRef.of(READ, "ebr"), fence))));
        add(new Goal("hp", "hp protect section within 1.25× of the store + full fence floor",
                "hp protect ≤ 1.25× fence", 1.25, GOALS_PROFILE, List.of(
                Goal.ratio("hp", TrialRef.of("ReadSideBench.protectSection", "hp"), fence))));
        add(new Goal("qsbr", "qsbr read side and quiescent state within 2× of a plain load",
                "qsbr read, quiescent ≤ 2× load", 2.0, GOALS_PROFILE, List.of(
                Goal.ratio("qsbr emptySection", TrialRef.of(READ, "qsbr"), load),
                Goal.ratio("qsbr quiescentState", TrialRef.of("ReadSideBench.quiescentState", "qsbr"), load))));
        add(new Goal("membarrier", "gus-lazy and pserialize read sides at most half of gus's (with membarrier)",
                "gus-lazy, pserialize read ≤ ½ gus", 0.5, GOALS_PROFILE, List.of(
                Goal.ratio("gus-lazy", TrialRef.of(READ, "gus-lazy"), TrialRef.of(READ, "gus")).when("barrier", "membarrier"),
                Goal.ratio("pserialize", TrialRef.of(READ, "pserialize"), TrialRef.of(READ, "gus")).when("barrier", "membarrier"))));
        add(new Goal("retire", "amortized retire at batch 64 for gus and ebr within 2× of the store + full fence floor",
                "retire at batch 64 ≤ 2× fence", 2.0, GOALS_PROFILE, List.of(
                Goal.ratio("gus", TrialRef.of("WriteSideBench.retire", "gus").with("batch", "64"), fence),
                Goal.ratio("ebr", TrialRef.of("WriteSideBench.retire", "ebr").with("batch", "64"), fence))));
        TrialRef overhead = new TrialRef("ProfilerOverheadBench.mixed", TrialRef.EACH_ENGINE, new java.util.TreeMap<>(), null);
        add(new Goal("overhead", "profiler overhead: instrumented=true ÷ false within 1.05",
                "profiler overhead ≤ 1.05", 1.05, "overhead", List.of(
                Goal.ratio("", overhead.with("instrumented", "true"), overhead.with("instrumented", "false")))));
    }

    private Goals() {
    }

    private static void add(Goal g) {
        if (ALL.putIfAbsent(g.id(), g) != null) {
            throw new IllegalStateException("two goals are named " + g.id());
        }
    }

    /** Every goal, in table order. */
    public static List<Goal> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Goal> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }
}
