package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smrlab.run.RunInfo;
import org.smrlab.run.RunJson;
import org.smrlab.run.TrialRecord;
import org.smrlab.smr.Engines;

class RunRecorderTest {

    /** The forks' JVM is this one: the probe really runs, and builds every engine the plan names. */
    private static ForkJvm thisJvm(List<PlannedTrial> trials) {
        return ForkJvm.probe(null, System.getProperty("java.class.path"), RunRecorder.engineSpecs(trials));
    }

    @Test
    void runJsonRecordsEveryTrialWithItsEngineAndTheCatalogue() {
        LabOptions o = LabOptions.parse(new String[] {"stall", "--engines", "gus-lazy,hp:slots=4"});
        List<PlannedTrial> trials = Plan.expand(Profiles.all().get(o.profile()), o.engines(), 2, JmhBenchmarks.load());
        ForkJvm jvm = thisJvm(trials);
        RunInfo info = RunRecorder.start(o, "scripts/lab stall", "2026-11-28T10:00:00Z", jvm, trials, JmhBenchmarks.load(),
                Path.of("."));
        assertThat(info.schema()).isEqualTo(RunInfo.SCHEMA);
        assertThat(info.engines()).containsExactly("gus-lazy", "hp");
        assertThat(info.catalogue()).extracting(e -> e.name()).containsExactlyElementsOf(Engines.names());
        assertThat(info.facts("hp").orElseThrow().family()).isEqualTo("pointer-based");
        assertThat(info.facts("hp").orElseThrow().hasWriteSide()).isFalse();
        assertThat(info.facts("broken").orElseThrow().unsafeByDesign()).isTrue();
        assertThat(info.facts("none").orElseThrow().neverFrees()).isTrue();
        assertThat(info.facts("gus").orElseThrow().defaultKnobs()).containsEntry("batch", "64");
        assertThat(info.benchmarks()).containsOnlyKeys("org.smrlab.bench.StallBench.writer");
        assertThat(info.benchmarks().get("org.smrlab.bench.StallBench.writer").defaultOf("cap")).isEqualTo("2000000");
        assertThat(info.trials()).hasSameSizeAs(trials).allMatch(t -> t.status() == TrialRecord.Status.PLANNED);

        TrialRecord lazy = info.trials().stream().filter(t -> t.engine().name().equals("gus-lazy")
                && t.params().get("stall").equals("10ms") && t.totalThreads() == 1).findFirst().orElseThrow();
        String barrier = Boolean.parseBoolean(jvm.get("membarrier.available")) ? "membarrier" : "fence";
        assertThat(lazy.engine().canonical()).as("auto resolved as the forks' JVM built it")
                .isEqualTo("gus-lazy:batch=64,start=1,tick=1ms,barrier=" + barrier + ",invariants=false");
        assertThat(lazy.engine().knobs()).containsEntry("barrier", barrier).containsEntry("tick", "1ms");
        assertThat(lazy.engine().written()).isEmpty();
        assertThat(lazy.durations()).containsExactly(Map.entry("stall", 10_000_000L));
        TrialRecord hp = info.trials().stream().filter(t -> t.engine().name().equals("hp")
                && t.params().get("stall").equals("iteration")).findFirst().orElseThrow();
        assertThat(hp.engine().spec()).isEqualTo("hp:slots=4");
        assertThat(hp.engine().written()).containsExactly(Map.entry("slots", "4"));
        assertThat(hp.engine().knobs()).containsEntry("slots", "4").containsEntry("batch", "64");
        assertThat(hp.durations()).as("'iteration' is not a duration").isEmpty();
        assertThat(hp.length().forks()).isEqualTo(1);

        RunInfo done = RunRecorder.finish(info, "2026-11-28T10:08:00Z", java.util.Set.of(hp.label()));
        assertThat(done.failedTrials()).containsExactly(hp.label());
        assertThat(RunJson.read(RunJson.write(done))).isEqualTo(done);
    }
}
