package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.Goals;
import org.smrlab.run.Metrics;
import org.smrlab.run.Workload;
import org.smrlab.run.Workloads;
import org.smrlab.smr.Engines;

/**
 * run-format's workload catalogue against this jar and the profiles: every benchmark, swept parameter
 * and figure a workload names exists; standard runs every workload with every safe engine over at least
 * two values of its swept variable; quick and smoke run every workload's benchmarks.
 */
class WorkloadsRunTest {
    static JmhBenchmarks benchmarks;
    static List<PlannedTrial> standard;
    static List<PlannedTrial> workloads;
    static List<PlannedTrial> quick;
    static List<PlannedTrial> smoke;

    @BeforeAll
    static void load() {
        benchmarks = JmhBenchmarks.load();
        standard = Plan.expand(Profiles.all().get("standard"), null, 2, benchmarks);
        workloads = Plan.expand(Profiles.all().get("workloads"), null, 2, benchmarks);
        quick = Plan.expand(Profiles.all().get("quick"), null, 2, benchmarks);
        smoke = Plan.expand(Profiles.all().get("smoke"), null, 2, benchmarks);
    }

    private static String qualified(String benchmark) {
        return Goals.BENCH_PACKAGE + "." + benchmark;
    }

    @Test
    void everyBenchmarkParameterAndFigureExists() {
        for (Workload w : Workloads.all()) {
            for (String b : w.benchmarks()) {
                JmhBenchmarks.Benchmark jmh = benchmarks.get(qualified(b));
                assertThat(jmh.params()).as(w.id() + ": " + b).containsKey(EngineParam.ENGINE);
                if (w.sweepsParameter()) {
                    assertThat(jmh.params()).as(w.id() + ": " + b + " sweeps a parameter it has").containsKey(w.sweep());
                }
                for (String f : w.figures()) {
                    String metric = w.figure(f, b);
                    boolean known = metric.equals(Workload.PRIMARY) || Metrics.byName(metric).isPresent()
                            || jmh.group() && metric.startsWith(b.substring(b.indexOf('.') + 1)); // a group member's own row
                    assertThat(known).as(w.id() + ": figure " + metric + " of " + b).isTrue();
                }
            }
        }
    }

    @Test
    void standardRunsEveryWorkloadWithEverySafeEngineOverItsSweep() {
        everyWorkloadWithEverySafeEngine(standard);
    }

    @Test
    void theWorkloadsProfileRunsEveryWorkloadAsStandardDoes() {
        everyWorkloadWithEverySafeEngine(workloads);
        assertThat(workloads).as("the stall verdicts of every engine")
                .anyMatch(t -> t.benchmark().endsWith("StallBench.writer") && "iteration".equals(t.params().get("stall")));
        Set<String> inStandard = standard.stream().map(PlannedTrial::key).collect(Collectors.toSet());
        assertThat(workloads).as("a subset of standard").allMatch(t -> inStandard.contains(t.key()));
        assertThat(workloads).as("the microbenchmarks left to standard")
                .noneMatch(t -> t.benchmark().contains("ReadSideBench.") || t.benchmark().contains("WriteSideBench."));
    }

    private static void everyWorkloadWithEverySafeEngine(List<PlannedTrial> standard) {
        Set<String> safe = Set.copyOf(Engines.safeNames());
        for (Workload w : Workloads.all()) {
            for (String b : w.benchmarks()) {
                List<PlannedTrial> trials = standard.stream().filter(t -> t.benchmark().equals(qualified(b))).toList();
                Set<String> engines = trials.stream().map(t -> EngineParam.name(t.params().get(EngineParam.ENGINE)))
                        .collect(Collectors.toSet());
                if (w.sweep().equals(Workload.METHOD)) {
                    assertThat(engines).as(w.id() + ": " + b + " engines").isNotEmpty();
                    continue;
                }
                assertThat(engines).as(w.id() + ": " + b + " engines in standard").containsAll(safe);
                for (String engine : safe) {
                    Set<String> swept = trials.stream().filter(t -> t.params().get(EngineParam.ENGINE).equals(engine))
                            .map(t -> w.sweep().equals(Workload.THREADS) ? t.threadsText() : t.params().get(w.sweep()))
                            .collect(Collectors.toSet());
                    assertThat(swept).as(w.id() + ": " + b + " " + engine + " over " + w.sweep()).hasSizeGreaterThanOrEqualTo(2);
                }
            }
        }
        // the bystander kinds: every engine in every group (membarrier does not depend on it)
        for (String g : List.of("idle", "retiring", "advancing", "synchronizing", "ticking")) {
            assertThat(standard.stream().filter(t -> t.benchmark().endsWith("BystanderBench." + g))
                    .map(t -> t.params().get(EngineParam.ENGINE)).collect(Collectors.toSet())).as(g).containsAll(safe);
        }
    }

    @Test
    void quickAndSmokeRunEveryWorkload() {
        for (Workload w : Workloads.all()) {
            boolean inQuick = w.benchmarks().stream().anyMatch(b -> quick.stream().anyMatch(t -> t.benchmark().equals(qualified(b))));
            assertThat(inQuick).as(w.id() + " in quick").isTrue();
            for (String b : w.benchmarks()) {
                assertThat(smoke).as(b + " in smoke").anyMatch(t -> t.benchmark().equals(qualified(b)));
            }
        }
        assertThat(quick).as("the seal knob's short form").anyMatch(t -> "gus:seal=2ms".equals(t.params().get(EngineParam.ENGINE)));
        assertThat(quick).as("skewed keys").anyMatch(t -> "zipf".equals(t.params().get("keyDist")));
    }

    @Test
    void longRunsLastExactlyTheirRunFor() {
        for (List<PlannedTrial> profile : List.of(standard, quick, smoke)) {
            profile.stream().filter(t -> t.benchmark().endsWith("LongRunBench.mixed")).forEach(t -> {
                assertThat(t.run().iterations()).as(t.label()).isEqualTo(1);
                assertThat(t.run().measurement()).as(t.label())
                        .isEqualTo(org.openjdk.jmh.runner.options.TimeValue.fromString(t.params().get("runFor")));
            });
        }
        assertThat(standard.stream().filter(t -> t.benchmark().endsWith("LongRunBench.mixed")).map(t -> t.params().get("runFor"))
                .collect(Collectors.toSet())).isEqualTo(Set.copyOf(Profiles.RUN_LENGTHS));
    }
}
