package org.smrlab.bench.lab;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.smrlab.bench.ReadSideBench;
import org.smrlab.run.BenchmarkFacts;

/**
 * The benchmarks compiled into this jar (JMH's {@code META-INF/BenchmarkList}): their names,
 * whether they are {@code @Group}s, and their parameters with the annotation's values, which are
 * what a trial gets for every parameter its profile entry does not set. The lab copies them into
 * run.json ({@link #facts}), so readers know the defaults without a copy of their own.
 */
public final class JmhBenchmarks {

    /** One benchmark: its parameters (name → values in annotation order) and whether it is a group. */
    public record Benchmark(String name, Map<String, List<String>> params, boolean group) {
    }

    private final Map<String, Benchmark> byName;

    private JmhBenchmarks(Map<String, Benchmark> byName) {
        this.byName = byName;
    }

    /** Reads the benchmark list from the class path. */
    public static JmhBenchmarks load() {
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        Map<String, Benchmark> m = new TreeMap<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(quiet, VerboseMode.SILENT), List.of())) {
            Map<String, List<String>> params = new TreeMap<>();
            if (e.getParams().hasValue()) {
                e.getParams().get().forEach((k, v) -> params.put(k, List.of(v)));
            }
            m.put(e.getUsername(), new Benchmark(e.getUsername(), Collections.unmodifiableMap(params),
                    e.getThreadGroups().length > 1));
        }
        if (m.isEmpty()) {
            throw new IllegalStateException("no benchmarks on the class path (META-INF/BenchmarkList is missing or empty); "
                    + "run the lab from bench/target/benchmarks.jar");
        }
        return new JmhBenchmarks(m);
    }

    /** The benchmark, or an exception naming the known ones. */
    public Benchmark get(String name) {
        Benchmark b = byName.get(name);
        if (b == null) {
            throw new IllegalArgumentException("no benchmark " + name + " in this jar; known: " + String.join(", ", byName.keySet()));
        }
        return b;
    }

    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** What run.json records of benchmark {@code name}: group, parameters in annotation order, floor words. */
    public BenchmarkFacts facts(String name) {
        Benchmark b = get(name);
        String floorPrefix = ReadSideBench.class.getName() + ".";
        String floor = name.startsWith(floorPrefix) ? ReadSideBench.FLOORS.get(name.substring(floorPrefix.length())) : null;
        return new BenchmarkFacts(b.group(), new TreeMap<>(b.params()), floor);
    }
}
