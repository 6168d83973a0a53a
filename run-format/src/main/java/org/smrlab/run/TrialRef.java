package org.smrlab.run;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The trials one side of a goal's ratio divides: a benchmark, an engine, parameter values and a
 * thread count.
 *
 * <p>How a reader matches a trial: the benchmark's {@code Class.method}; the engine's name
 * ({@link #NO_ENGINE}: a trial without an engine, a floor; {@link #EACH_ENGINE}: every engine present,
 * each making its own ratio); each parameter either as the trial's JMH parameter or as the knob of
 * the same name in effect in its engine (so {@code batch=64} matches {@code batch=default} on an
 * engine whose default batch is 64); the thread count, or every count present when null.
 *
 * @param benchmark {@code Class.method} below {@code org.smrlab.bench} ({@code ReadSideBench.emptySection})
 * @param engine    an engine name, {@link #NO_ENGINE} or {@link #EACH_ENGINE}
 * @param params    parameter values the trial must have; the others are the benchmark's defaults
 * @param threads   the thread count, or null for each count present
 */
public record TrialRef(String benchmark, String engine, SortedMap<String, String> params, Integer threads) {

    /** The engine of a floor: none. */
    public static final String NO_ENGINE = "";
    /** Each engine present makes its own ratio. */
    public static final String EACH_ENGINE = "*";

    public TrialRef {
        params = Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** A floor, or another benchmark without an engine, at 1 thread. */
    public static TrialRef floor(String benchmark) {
        return new TrialRef(benchmark, NO_ENGINE, new TreeMap<>(), 1);
    }

    /** {@code benchmark} of {@code engine} at 1 thread, the other parameters at their defaults. */
    public static TrialRef of(String benchmark, String engine) {
        return new TrialRef(benchmark, engine, new TreeMap<>(), 1);
    }

    /** The same with {@code param} set to {@code value}. */
    public TrialRef with(String param, String value) {
        TreeMap<String, String> p = new TreeMap<>(params);
        p.put(param, value);
        return new TrialRef(benchmark, engine, p, threads);
    }

    /** The same at every thread count present. */
    public TrialRef anyThreads() {
        return new TrialRef(benchmark, engine, params, null);
    }

    public boolean hasEngine() {
        return !NO_ENGINE.equals(engine);
    }

    public boolean eachEngine() {
        return EACH_ENGINE.equals(engine);
    }

    /** The fully qualified JMH name. */
    public String qualifiedBenchmark() {
        return Goals.BENCH_PACKAGE + "." + benchmark;
    }
}
