package org.smrlab.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.TrialResult;

class JmhJsonReaderTest {

    private static ResultFile read(String fixture) {
        Path p = Fixtures.path(fixture);
        return JmhJsonReader.read(p, RunLoader.readText(p));
    }

    @Test
    void readsRealJmhJson() {
        ResultFile f = read("bare/quick-jdk17.json");
        assertThat(f.trials()).hasSize(10);
        assertThat(f.jvm().version()).isEqualTo("17.0.15");
        TrialResult gus = f.trials().stream()
                .filter(t -> t.key().benchmark().equals("org.smrlab.bench.ReclamationBench.mixed")
                        && t.key().params().equals(Map.of("batch", "64", "engine", "gus")))
                .findFirst().orElseThrow();
        assertThat(gus.primary().unit()).isEqualTo("ops/us");
        assertThat(gus.primary().samples()).as("rawData: 1 fork × 3 iterations").isEqualTo(3);
        assertThat(gus.secondary().get("smr.pending.peak").errorKnown()).as("JMH writes \"NaN\"").isFalse();
        assertThat(gus.secondary().get("smr.r2f.p99").unit()).isEqualTo("ns");
        TrialResult floor = f.trials().stream().filter(t -> t.key().method().equals("floorPlainLoad")).findFirst().orElseThrow();
        assertThat(floor.key().params()).isEmpty();
    }

    @Test
    void readsTheJdkOfAJdk25Run() {
        assertThat(read("bare/readside-jdk25.json").jvm().version()).isEqualTo("25.0.3");
    }

    @Test
    void syntaxErrorsNameTheirPosition() {
        assertThatThrownBy(() -> read("malformed/truncated.json"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("truncated.json:45:10: not valid JSON: Unexpected end-of-input");
    }

    @Test
    void semanticErrorsNameTheResultObjectAndField(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, "[\n  {\"benchmark\": \"a.B.m\", \"mode\": \"avgt\", \"threads\": 1,\n"
                + "   \"primaryMetric\": {\"score\": 1.0, \"scoreError\": 0.1, \"scoreUnit\": \"ns/op\"}},\n"
                + "  {\"benchmark\": \"a.B.n\", \"mode\": \"avgt\", \"threads\": 1,\n"
                + "   \"primaryMetric\": {\"score\": \"fast\", \"scoreUnit\": \"ns/op\"}}\n]\n");
        assertThatThrownBy(() -> JmhJsonReader.read(f, Files.readString(f)))
                .hasMessageEndingWith("r.json:4:3: result #2 (a.B.n), field primaryMetric.score: expected a number, found \"fast\"");
        Files.writeString(f, "[{\"benchmark\": \"a.B.m\", \"threads\": 1, \"primaryMetric\": {}}]");
        assertThatThrownBy(() -> JmhJsonReader.read(f, Files.readString(f)))
                .hasMessageEndingWith("r.json:1:2: result #1 (a.B.m), field mode: missing");
        Files.writeString(f, "{\"benchmark\": \"a.B.m\"}");
        assertThatThrownBy(() -> JmhJsonReader.read(f, Files.readString(f)))
                .hasMessageContaining("r.json:1:1: expected a JSON array of JMH results");
        Files.writeString(f, "[]");
        assertThatThrownBy(() -> JmhJsonReader.read(f, Files.readString(f))).hasMessageContaining("r.json:1:1: the results array is empty");
        Files.writeString(f, "  \n");
        assertThatThrownBy(() -> JmhJsonReader.read(f, Files.readString(f))).hasMessageContaining("r.json:1:1: empty file");
    }
}
