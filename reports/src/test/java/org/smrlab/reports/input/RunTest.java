package org.smrlab.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;

/** Labels from run.json; shards combined, everything else side by side. */
class RunTest {

    @Test
    void runsFromTwoMachinesStandSideBySide() {
        List<Run> runs = Fixtures.runs(Fixtures.QUICK_A, Fixtures.QUICK_B);
        assertThat(runs).extracting(Run::label).containsExactly(
                "quick · AMD EPYC 9R14 ×2 · JDK 17.0.15",
                "quick · Intel Xeon Platinum 8375C ×4 · JDK 25.0.3");
        assertThat(runs.get(0).info().membarrier().available()).isFalse();
        assertThat(runs.get(0).info().schema()).isEqualTo("smrlab-run/2");
        assertThat(runs.get(1).info().schema()).as("an older run still opens").isEqualTo("smrlab-run/1");
        assertThat(runs.get(1).info().jvm().args()).contains("--enable-native-access=ALL-UNNAMED");
    }

    @Test
    void shardsOfOneProfileBecomeOneRun() {
        List<Run> runs = Fixtures.runs(Fixtures.WRITE_2, Fixtures.WRITE_1);
        assertThat(runs).hasSize(1);
        Run run = runs.get(0);
        assertThat(run.shards()).isEqualTo("1, 2 of 2");
        assertThat(run.trials()).extracting(t -> t.key().threads()).containsExactlyInAnyOrder(1, 1, 2, 2);
    }

    @Test
    void bareFilesAreLabelledByNameAndJdk() {
        List<Run> runs = Fixtures.runs("bare/quick-jdk17.csv", "bare/readside-jdk25.json");
        assertThat(runs).extracting(Run::label).containsExactly("quick-jdk17.csv", "readside-jdk25.json · JDK 25.0.3");
        assertThat(runs.get(0).shards()).isEqualTo("—");
    }

    @Test
    void identicalLabelsGetTheirFolderNames(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("quick-again");
        Files.createDirectories(copy);
        for (String f : List.of("run.json", "results.csv")) {
            Files.copy(Fixtures.path(Fixtures.QUICK_A).resolve(f), copy.resolve(f));
        }
        List<Run> runs = RunLoader.group(List.of(RunLoader.load(Fixtures.path(Fixtures.QUICK_A)), RunLoader.load(copy)));
        assertThat(runs).extracting(Run::label).containsExactly(
                "quick · AMD EPYC 9R14 ×2 · JDK 17.0.15 · quick-20261128-100000",
                "quick · AMD EPYC 9R14 ×2 · JDK 17.0.15 · quick-again");
    }

    @Test
    void twoInputsClaimingOneShardAreAnError() {
        RunInput one = RunLoader.load(Fixtures.path(Fixtures.WRITE_1));
        assertThatThrownBy(() -> RunLoader.group(List.of(one, RunLoader.load(Fixtures.path(Fixtures.WRITE_1)))))
                .isInstanceOf(InputException.class).hasMessageContaining("are both shard 1 of 2");
    }

    @Test
    void runJsonIsChecked(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("r");
        Files.createDirectories(run);
        Files.copy(Fixtures.path(Fixtures.QUICK_A).resolve("results.csv"), run.resolve("results.csv"));
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("not a run folder: no run.json");
        Files.writeString(run.resolve("run.json"), "{\"schema\": \"smrlab-run/9\"}");
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("run.json:1:1: field schema: unknown schema \"smrlab-run/9\"");
        Files.writeString(run.resolve("run.json"), "{\"schema\": \"smrlab-run/1\", \"cpu\": {\"cores\": \"two\"}}");
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("field cpu.cores: expected a whole number");
        Files.writeString(run.resolve("run.json"), "{\"schema\": \"smrlab-run/1\",\n \"shard\": {\"index\": 3, \"count\": 2}}");
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("index 3 of 2 is not a valid shard");
        Files.writeString(run.resolve("run.json"), "{\"schema\": \"smrlab-run/1\",\n \"profile\": }");
        assertThatThrownBy(() -> RunLoader.load(run)).hasMessageContaining("run.json:2:13: not valid JSON");
    }

    @Test
    void missingPathsAndUnknownFormatsAreNamed() {
        assertThatThrownBy(() -> RunLoader.load(Path.of("no-such-run"))).hasMessage("no-such-run: no such file or folder");
        assertThatThrownBy(() -> RunLoader.load(Fixtures.path("malformed/unknown-format.txt")))
                .hasMessageContaining("unknown-format.txt:1:1: unknown format").hasMessageContaining("-rf text");
    }
}
