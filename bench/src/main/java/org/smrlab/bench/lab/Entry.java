package org.smrlab.bench.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a profile: a benchmark (its JMH name below {@code org.smrlab.bench}, e.g.
 * {@code ReclamationBench.mixed}), the engines, the other parameters' values, the thread counts,
 * whether the SMR profiler is attached, and how long each trial runs. A trial is one combination
 * of engine, parameter values and threads.
 *
 * <p>Thread tokens: a number, {@code max} (the machine's cores), {@code 2max} (twice as many);
 * for {@code @Group} benchmarks a comma-separated list per group member, where {@code max-1}
 * means all cores but one (at least 1): {@code max-1,1} is R readers and one writer.
 */
public record Entry(String benchmark, EngineSet engineSet, List<String> engineSpecs,
                    Map<String, List<String>> params, List<String> threads, boolean profiled, RunLength run) {

    public Entry {
        params = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
        engineSpecs = List.copyOf(engineSpecs);
        threads = List.copyOf(threads);
        if (engineSet == EngineSet.EXPLICIT && engineSpecs.isEmpty()) {
            throw new IllegalArgumentException(benchmark + ": EXPLICIT engines need specs");
        }
    }

    /** The package of every suite: entries name benchmarks below it. */
    public static final String SUITES = org.smrlab.bench.ReadSideBench.class.getPackageName();

    /** The fully qualified JMH benchmark name. */
    public String qualifiedName() {
        return SUITES + "." + benchmark;
    }

    /** Starts an entry for {@code benchmark}, every safe engine, one thread, unprofiled. */
    public static Builder of(String benchmark) {
        return new Builder(benchmark);
    }

    /** A small fluent builder, so the profile table reads as a table. */
    public static final class Builder {
        private final String benchmark;
        private EngineSet set = EngineSet.SAFE;
        private List<String> specs = List.of();
        private final Map<String, List<String>> params = new LinkedHashMap<>();
        private List<String> threads = List.of("1");
        private boolean profiled;

        Builder(String benchmark) {
            this.benchmark = benchmark;
        }

        public Builder writeSideEngines() {
            set = EngineSet.WRITE_SIDE;
            return this;
        }

        public Builder noEngine() {
            set = EngineSet.NONE;
            return this;
        }

        public Builder engines(String... s) {
            set = EngineSet.EXPLICIT;
            specs = List.of(s);
            return this;
        }

        public Builder param(String name, String... values) {
            params.put(name, List.of(values));
            return this;
        }

        public Builder threads(String... t) {
            threads = List.of(t);
            return this;
        }

        public Builder profiled() {
            profiled = true;
            return this;
        }

        public Entry run(RunLength run) {
            return new Entry(benchmark, set, specs, params, threads, profiled, run);
        }
    }
}
