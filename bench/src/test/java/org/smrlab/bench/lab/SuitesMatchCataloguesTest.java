package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smrlab.bench.ReadSideBench;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.BenchmarkFacts;
import org.smrlab.run.Goal;
import org.smrlab.run.Goals;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRef;
import org.smrlab.smr.Engines;

/**
 * What annotations force the suites to repeat, checked against the catalogues that own it: every
 * {@code @Param} list of engines names exactly the engine catalogue's safe engines (or those with a
 * write side), every benchmark without an engine is a floor with its words, and every trial the goal
 * table names exists in this jar.
 */
class SuitesMatchCataloguesTest {
    static JmhBenchmarks benchmarks;

    @BeforeAll
    static void load() {
        benchmarks = JmhBenchmarks.load();
    }

    @Test
    void everyEngineParamListIsTheCatalogue() {
        Set<String> safe = new LinkedHashSet<>(Engines.safeNames());
        Set<String> writeSide = new LinkedHashSet<>(Engines.writeSideNames());
        for (String name : benchmarks.names()) {
            List<String> engines = benchmarks.get(name).params().get(EngineParam.ENGINE);
            if (engines == null) {
                continue;
            }
            Set<String> listed = new LinkedHashSet<>(engines);
            assertThat(listed).as(name + "'s @Param(engine) list: every safe engine of the catalogue (Engines), or every "
                    + "one with a write side; add a new engine to it").isIn(safe, writeSide);
            assertThat(engines).as(name + ": in catalogue order").containsExactlyElementsOf(listed.equals(safe) ? safe : writeSide);
        }
    }

    @Test
    void everyBenchmarkWithoutAnEngineIsANamedFloor() {
        for (String name : benchmarks.names()) {
            BenchmarkFacts f = benchmarks.facts(name);
            boolean noEngine = !f.params().containsKey(EngineParam.ENGINE);
            assertThat(f.floor() != null).as(name + ": a benchmark without an engine is a floor, named in ReadSideBench.FLOORS")
                    .isEqualTo(noEngine);
        }
        assertThat(ReadSideBench.FLOORS.keySet()).allMatch(m -> benchmarks.names().contains(Entry.SUITES + ".ReadSideBench." + m));
    }

    @Test
    void theMetricCatalogueNamesThisProfiler() {
        assertThat(Metrics.PROFILER).isEqualTo(org.smrlab.bench.SmrProfiler.class.getName());
    }

    @Test
    void everyTrialTheGoalsNameExists() {
        assertThat(Goals.BENCH_PACKAGE).isEqualTo(Entry.SUITES);
        for (Goal g : Goals.all()) {
            assertThat(Profiles.names()).as(g.id()).contains(g.profile());
            for (Goal.Ratio r : g.ratios()) {
                for (TrialRef ref : List.of(r.numerator(), r.denominator())) {
                    BenchmarkFacts f = benchmarks.facts(ref.qualifiedBenchmark());
                    assertThat(f.params().containsKey(EngineParam.ENGINE)).as(g.id() + ": " + ref).isEqualTo(ref.hasEngine());
                    if (ref.hasEngine() && !ref.eachEngine()) {
                        assertThat(Engines.names()).as(g.id()).contains(ref.engine());
                    }
                    assertThat(f.params().keySet()).as(g.id() + ": " + ref).containsAll(ref.params().keySet());
                }
                r.appliesWhen().keySet().forEach(knob -> assertThat(Engines.type(r.numerator().engine()).knobs())
                        .as(g.id()).anyMatch(k -> k.name().equals(knob)));
            }
        }
    }
}
