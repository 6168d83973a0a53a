package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.Goal;
import org.smrlab.run.Goals;
import org.smrlab.run.TrialRef;
import org.smrlab.smr.Engines;

class ProfilesTest {
    static JmhBenchmarks benchmarks;

    @BeforeAll
    static void load() {
        benchmarks = JmhBenchmarks.load(); // META-INF/BenchmarkList from target/classes
    }

    private static Set<String> engines(List<PlannedTrial> trials, String benchmarkSuffix) {
        return trials.stream().filter(t -> t.benchmark().endsWith(benchmarkSuffix) && t.params().containsKey("engine"))
                .map(t -> EngineParam.name(t.params().get("engine"))).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void everyProfileExpandsIntoDistinctFullyPinnedTrials(int cores) {
        for (Profile p : Profiles.all().values()) {
            List<PlannedTrial> trials = Plan.expand(p, null, cores, benchmarks);
            assertThat(trials).as(p.name()).isNotEmpty();
            assertThat(trials.stream().map(PlannedTrial::key).distinct().count()).as(p.name()).isEqualTo(trials.size());
            for (PlannedTrial t : trials) {
                JmhBenchmarks.Benchmark b = benchmarks.get(t.benchmark());
                assertThat(t.params().keySet()).as(t.label()).isEqualTo(b.params().keySet());
                assertThat(t.threads()).allMatch(n -> n >= 1);
            }
        }
    }

    @Test
    void quickRunsEverySafeEngineInEverySuite() {
        List<PlannedTrial> quick = Plan.expand(Profiles.all().get("quick"), null, 2, benchmarks);
        Set<String> safe = Set.copyOf(Engines.safeNames());
        for (String suite : List.of("ReadSideBench.emptySection", "ReadSideBench.lookupSection", "WriteSideBench.retire",
                "ReclamationBench.mixed", "StallBench.writer")) {
            assertThat(engines(quick, suite)).as(suite).isEqualTo(safe);
        }
        assertThat(engines(quick, "WriteSideBench.advance")).isEqualTo(Set.copyOf(Engines.writeSideNames()));
        assertThat(quick.stream().filter(t -> t.benchmark().contains(".floor")).count()).isEqualTo(10); // 5 floors x {1, max}
        assertThat(quick).noneMatch(t -> "broken".equals(t.params().get("engine")));
    }

    @Test
    void timeBudgets() {
        // "near 10 minutes" (issue 12): the workloads' short form and 14 engines (issue 13) bring it to about 11.5
        assertThat(Plan.estimateSeconds(Plan.expand(Profiles.all().get("quick"), null, 2, benchmarks))).isLessThanOrEqualTo(700);
        assertThat(Plan.estimateSeconds(Plan.expand(Profiles.all().get("smoke"), null, 2, benchmarks))).isLessThanOrEqualTo(150); // the review's suites and 14 engines: about 2.3 min
    }

    @Test
    void smokeHasEverySafeEngineWithTheProfilerAndEverySuite() {
        List<PlannedTrial> smoke = Plan.expand(Profiles.all().get("smoke"), null, 2, benchmarks);
        assertThat(engines(smoke, "ReclamationBench.mixed")).isEqualTo(Set.copyOf(Engines.safeNames()));
        assertThat(smoke.stream().filter(t -> t.benchmark().endsWith("ReclamationBench.mixed")).allMatch(PlannedTrial::profiled)).isTrue();
        Set<String> inSmoke = smoke.stream().map(PlannedTrial::benchmark).collect(Collectors.toSet());
        Set<String> all = new HashSet<>(benchmarks.names());
        all.removeAll(Profiles.NEEDS_JDK22); // the smoke runs on the default JVM
        assertThat(inSmoke).containsAll(all);
        assertThat(Profiles.NEEDS_JDK22).isNotEmpty().allMatch(benchmarks.names()::contains);
    }

    @Test
    void sweepCoversTheBatchRangeForEveryVariant() {
        List<PlannedTrial> sweep = Plan.expand(Profiles.all().get("sweep"), null, 2, benchmarks);
        for (String spec : Profiles.SWEEP_SPECS) {
            Set<String> batches = sweep.stream().filter(t -> spec.equals(t.params().get("engine")))
                    .map(t -> t.params().get("batch")).collect(Collectors.toSet());
            assertThat(batches).as(spec).containsAll(Profiles.BATCHES);
        }
    }

    @Test
    void goalsProfileRunsExactlyTheTrialsOfTheGoalTable() {
        List<PlannedTrial> goals = Plan.expand(Profiles.all().get("goals"), null, 2, benchmarks);
        Set<String> planned = new HashSet<>();
        Set<String> wanted = new HashSet<>();
        for (Goal g : Goals.all()) {
            for (Goal.Ratio r : g.ratios()) {
                for (TrialRef ref : List.of(r.numerator(), r.denominator())) {
                    if (g.profile().equals(Goals.GOALS_PROFILE)) {
                        String key = ref.qualifiedBenchmark() + " " + ref.engine() + " " + ref.params() + " t=" + ref.threads();
                        wanted.add(key);
                        goals.stream().filter(t -> t.benchmark().equals(ref.qualifiedBenchmark())
                                        && t.params().getOrDefault("engine", "").equals(ref.engine())
                                        && t.params().entrySet().containsAll(ref.params().entrySet())
                                        && t.threadsText().equals(String.valueOf(ref.threads())))
                                .forEach(t -> planned.add(key));
                    }
                }
            }
        }
        assertThat(goals).hasSize(wanted.size());
        assertThat(planned).isEqualTo(wanted);
        assertThat(goals).allMatch(t -> t.run().forks() == 3).noneMatch(PlannedTrial::profiled);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void shardsPartitionTheTrials(int n) {
        for (Profile p : Profiles.all().values()) {
            List<PlannedTrial> all = Plan.expand(p, null, 2, benchmarks);
            Set<String> union = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 1; i <= n; i++) {
                List<PlannedTrial> part = Plan.shard(all, i, n);
                for (PlannedTrial t : part) {
                    assertThat(union.add(t.key())).as("trial in two shards: " + t.key()).isTrue();
                }
                min = Math.min(min, part.size());
                max = Math.max(max, part.size());
            }
            assertThat(union).isEqualTo(all.stream().map(PlannedTrial::key).collect(Collectors.toSet()));
            assertThat(max - min).isLessThanOrEqualTo(1);
            assertThat(Plan.shard(all, 1, n)).isEqualTo(Plan.shard(Plan.expand(p, null, 2, benchmarks), 1, n)); // deterministic
        }
    }

    @Test
    void enginesOptionNarrowsAndCanAddBroken() {
        Profile quick = Profiles.all().get("quick");
        List<PlannedTrial> two = Plan.expand(quick, EngineSelection.parse("gus,hp"), 2, benchmarks);
        assertThat(two.stream().filter(t -> t.params().containsKey("engine")).map(t -> t.params().get("engine").split(":")[0])
                .collect(Collectors.toSet())).isEqualTo(Set.of("gus", "hp"));
        assertThat(two.stream().filter(t -> t.benchmark().endsWith("ReadSideBench.emptySection"))
                .map(t -> t.params().get("engine")).collect(Collectors.toSet()))
                .contains("gus:checked=true", "hp:checked=true").doesNotContain("ebr:checked=true"); // checked mode's cost
        assertThat(engines(two, "WriteSideBench.advance")).isEqualTo(Set.of("gus")); // hp has no GracePeriods
        assertThat(two.stream().filter(t -> t.benchmark().contains(".floor")).count()).isEqualTo(10); // floors stay

        List<PlannedTrial> broken = Plan.expand(quick, EngineSelection.parse("broken"), 2, benchmarks);
        assertThat(engines(broken, "ReclamationBench.mixed")).isEqualTo(Set.of("broken"));
        assertThat(engines(broken, "WriteSideBench.advance")).isEmpty();

        List<PlannedTrial> sweep = Plan.expand(Profiles.all().get("sweep"), EngineSelection.parse("gus-deferred"), 2, benchmarks);
        assertThat(sweep.stream().map(t -> t.params().get("engine")).collect(Collectors.toSet()))
                .isEqualTo(Set.of("gus-deferred", "gus-deferred:limit=4", "gus-deferred:limit=64"));
    }

    @Test
    void threadTokens() {
        assertThat(Plan.threads("max", 4)).containsExactly(4);
        assertThat(Plan.threads("2max", 4)).containsExactly(8);
        assertThat(Plan.threads("max-1,1", 4)).containsExactly(3, 1);
        assertThat(Plan.threads("max-1,1", 1)).containsExactly(1, 1);
        assertThat(Plan.threads("3", 4)).containsExactly(3);
    }

    @Test
    void runLengthEstimate() {
        RunLength r = new RunLength(2, 1, "1s", 3, "500ms");
        double perFork = RunLength.FORK_SECONDS + (1 + RunLength.ITERATION_SECONDS) + 3 * (0.5 + RunLength.ITERATION_SECONDS);
        assertThat(r.estimateSeconds(false)).isCloseTo(2 * perFork, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.estimateSeconds(true)).isCloseTo(2 * (perFork + 3 * RunLength.PROFILED_ITERATION_SECONDS),
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Map.of("k", r).get("k").withForks(3).forks()).isEqualTo(3);
    }
}
