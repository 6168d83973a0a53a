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
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

class ProfilesTest {
    static Catalog catalog;

    @BeforeAll
    static void load() {
        catalog = Catalog.load(); // META-INF/BenchmarkList from target/classes
    }

    private static Set<String> engines(List<Trial> trials, String benchmarkSuffix) {
        return trials.stream().filter(t -> t.benchmark().endsWith(benchmarkSuffix) && t.params().containsKey("engine"))
                .map(t -> EngineParam.name(t.params().get("engine"))).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8})
    void everyProfileExpandsIntoDistinctFullyPinnedTrials(int cores) {
        for (Profile p : Profiles.all().values()) {
            List<Trial> trials = Plan.expand(p, null, cores, catalog);
            assertThat(trials).as(p.name()).isNotEmpty();
            assertThat(trials.stream().map(Trial::key).distinct().count()).as(p.name()).isEqualTo(trials.size());
            for (Trial t : trials) {
                Catalog.Benchmark b = catalog.get(t.benchmark());
                assertThat(t.params().keySet()).as(t.label()).isEqualTo(b.params().keySet());
                assertThat(t.threads()).allMatch(n -> n >= 1);
            }
        }
    }

    @Test
    void quickRunsEverySafeEngineInEverySuite() {
        List<Trial> quick = Plan.expand(Profiles.all().get("quick"), null, 2, catalog);
        Set<String> safe = Set.copyOf(Engines.safeNames());
        for (String suite : List.of("ReadSideBench.emptySection", "ReadSideBench.lookupSection", "WriteSideBench.retire",
                "ReclamationBench.mixed", "StallBench.writer")) {
            assertThat(engines(quick, suite)).as(suite).isEqualTo(safe);
        }
        assertThat(engines(quick, "WriteSideBench.advance")).isEqualTo(Set.copyOf(Plan.GRACE_PERIOD_ENGINES));
        assertThat(quick.stream().filter(t -> t.benchmark().contains(".floor")).count()).isEqualTo(10); // 5 floors x {1, max}
        assertThat(quick).noneMatch(t -> "broken".equals(t.params().get("engine")));
    }

    @Test
    void timeBudgets() {
        // quick runs every safe engine: 14 of them since psref, localcount, hp-asym, ibr and he (about 12 minutes)
        assertThat(Plan.estimateSeconds(Plan.expand(Profiles.all().get("quick"), null, 2, catalog))).isLessThanOrEqualTo(780);
        assertThat(Plan.estimateSeconds(Plan.expand(Profiles.all().get("smoke"), null, 2, catalog))).isLessThanOrEqualTo(120);
    }

    @Test
    void smokeHasEverySafeEngineWithTheProfilerAndEverySuite() {
        List<Trial> smoke = Plan.expand(Profiles.all().get("smoke"), null, 2, catalog);
        assertThat(engines(smoke, "ReclamationBench.mixed")).isEqualTo(Set.copyOf(Engines.safeNames()));
        assertThat(smoke.stream().filter(t -> t.benchmark().endsWith("ReclamationBench.mixed")).allMatch(Trial::profiled)).isTrue();
        Set<String> benchmarks = smoke.stream().map(Trial::benchmark).collect(Collectors.toSet());
        assertThat(benchmarks).containsAll(catalog.names());
    }

    @Test
    void sweepCoversTheBatchRangeForEveryVariant() {
        List<Trial> sweep = Plan.expand(Profiles.all().get("sweep"), null, 2, catalog);
        for (String spec : Profiles.SWEEP_SPECS) {
            Set<String> batches = sweep.stream().filter(t -> spec.equals(t.params().get("engine")))
                    .map(t -> t.params().get("batch")).collect(Collectors.toSet());
            assertThat(batches).as(spec).containsAll(Profiles.BATCHES);
        }
    }

    @Test
    void gracePeriodEnginesAreExactlyTheEnginesWhoseSessionsAreGracePeriods() {
        Set<String> found = new HashSet<>();
        for (String name : Engines.safeNames()) {
            try (Reclaimer<Object> r = Engines.create(name, n -> { })) {
                Session<Object> s = r.join();
                if (s instanceof GracePeriods) {
                    found.add(name);
                }
                s.close();
            }
        }
        assertThat(found).isEqualTo(Set.copyOf(Plan.GRACE_PERIOD_ENGINES));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 7})
    void shardsPartitionTheTrials(int n) {
        for (Profile p : Profiles.all().values()) {
            List<Trial> all = Plan.expand(p, null, 2, catalog);
            Set<String> union = new HashSet<>();
            int min = Integer.MAX_VALUE;
            int max = 0;
            for (int i = 1; i <= n; i++) {
                List<Trial> part = Plan.shard(all, i, n);
                for (Trial t : part) {
                    assertThat(union.add(t.key())).as("trial in two shards: " + t.key()).isTrue();
                }
                min = Math.min(min, part.size());
                max = Math.max(max, part.size());
            }
            assertThat(union).isEqualTo(all.stream().map(Trial::key).collect(Collectors.toSet()));
            assertThat(max - min).isLessThanOrEqualTo(1);
            assertThat(Plan.shard(all, 1, n)).isEqualTo(Plan.shard(Plan.expand(p, null, 2, catalog), 1, n)); // deterministic
        }
    }

    @Test
    void enginesOptionNarrowsAndCanAddBroken() {
        Profile quick = Profiles.all().get("quick");
        List<Trial> two = Plan.expand(quick, EngineSelection.parse("gus,hp"), 2, catalog);
        assertThat(two.stream().filter(t -> t.params().containsKey("engine")).map(t -> t.params().get("engine").split(":")[0])
                .collect(Collectors.toSet())).isEqualTo(Set.of("gus", "hp"));
        assertThat(two.stream().filter(t -> t.benchmark().endsWith("ReadSideBench.emptySection"))
                .map(t -> t.params().get("engine")).collect(Collectors.toSet()))
                .contains("gus:checked=true", "hp:checked=true").doesNotContain("ebr:checked=true"); // checked mode's cost
        assertThat(engines(two, "WriteSideBench.advance")).isEqualTo(Set.of("gus")); // hp has no GracePeriods
        assertThat(two.stream().filter(t -> t.benchmark().contains(".floor")).count()).isEqualTo(10); // floors stay

        List<Trial> broken = Plan.expand(quick, EngineSelection.parse("broken"), 2, catalog);
        assertThat(engines(broken, "ReclamationBench.mixed")).isEqualTo(Set.of("broken"));
        assertThat(engines(broken, "WriteSideBench.advance")).isEmpty();

        List<Trial> sweep = Plan.expand(Profiles.all().get("sweep"), EngineSelection.parse("gus-deferred"), 2, catalog);
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
