package org.smrlab.reports.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.TrialResult;

class JmhCsvReaderTest {

    private static final String HEADER =
            "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: engine\"\r\n";

    private static ResultFile read(String fixture) {
        Path p = Fixtures.path(fixture);
        return JmhCsvReader.read(p, RunLoader.readText(p));
    }

    private static TrialResult trial(ResultFile f, String benchmark, Map<String, String> params) {
        return f.trials().stream()
                .filter(t -> t.key().benchmark().equals(benchmark) && t.key().params().equals(params))
                .findFirst().orElseThrow();
    }

    @Test
    void readsRealJmhCsvWithSecondaryRowsAndParams() {
        ResultFile f = read("bare/quick-jdk17.csv");
        // 4 reclamation trials, 2 read-side engine trials, 2 floors, 2 stall trials
        assertThat(f.trials()).hasSize(10);
        TrialResult gus = trial(f, "org.smrlab.bench.ReclamationBench.mixed", Map.of("batch", "1", "engine", "gus"));
        assertThat(gus.key().mode()).isEqualTo("thrpt");
        assertThat(gus.key().threads()).isEqualTo(1);
        assertThat(gus.primary().score()).isEqualTo(20.577665);
        assertThat(gus.primary().error()).isEqualTo(181.691806);
        assertThat(gus.primary().unit()).isEqualTo("ops/us");
        assertThat(gus.primary().samples()).isEqualTo(3);
        assertThat(gus.secondary()).containsKeys("smr.r2f.p50", "smr.r2f.p99", "smr.r2f.p999", "smr.r2f.max",
                "smr.pending.peak", "smr.pending.mean", "smr.footprint.peak", "smr.uaf");
        assertThat(gus.secondary().get("smr.pending.peak").score()).isEqualTo(5.0);
        assertThat(gus.secondary().get("smr.pending.peak").errorKnown()).as("MAX-aggregated: JMH writes NaN").isFalse();
        assertThat(gus.secondary().get("smr.pending.peak").unit()).isEqualTo("nodes");
    }

    @Test
    void floorsHaveNoParams() {
        ResultFile f = read("bare/quick-jdk17.csv");
        TrialResult floor = trial(f, "org.smrlab.bench.ReadSideBench.floorStoreFence", Map.of());
        assertThat(floor.hasEngine()).isFalse();
        assertThat(floor.primary().score()).isEqualTo(4.158172);
        assertThat(floor.key().method()).isEqualTo("floorStoreFence");
    }

    @Test
    void singleSampleErrorsAreNaN() {
        ResultFile f = read("bare/single-iter.csv");
        assertThat(f.trials()).hasSize(2).allSatisfy(t -> assertThat(t.primary().errorKnown()).isFalse());
    }

    @Test
    void acceptsDecimalCommasFromAJvmInAGermanLocale() {
        ResultFile f = read("bare/readside-de-locale.csv");
        TrialResult gus = trial(f, "org.smrlab.bench.ReadSideBench.enterExit", Map.of("engine", "gus"));
        assertThat(gus.primary().score()).isCloseTo(10.891521, within(1e-12));
    }

    @Test
    void namesFileLineAndColumnOfABadNumber() {
        assertThatThrownBy(() -> read("malformed/bad-number.csv"))
                .isInstanceOf(InputException.class)
                .hasMessageEndingWith("bad-number.csv:4:5: column 5 (Score): '2.68x768' is not a number")
                .satisfies(e -> {
                    InputException ie = (InputException) e;
                    assertThat(ie.line()).isEqualTo(4);
                    assertThat(ie.column()).isEqualTo(5);
                });
    }

    @Test
    void namesAMissingColumn() {
        assertThatThrownBy(() -> read("malformed/missing-column.csv"))
                .isInstanceOf(InputException.class)
                .hasMessageContaining("missing-column.csv:1:1: missing column \"Score\"");
    }

    @Test
    void rejectsAnEmptyFileAndARowOfTheWrongWidth() {
        assertThatThrownBy(() -> read("malformed/empty.csv")).hasMessageContaining("empty.csv:1:1: empty file");
        assertThatThrownBy(() -> read("malformed/short-row.csv"))
                .hasMessageContaining("short-row.csv:2:7: row has 6 fields, the header has 7");
    }

    @Test
    void rejectsBadCellsWithTheirLines(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, HEADER + "\"a.B.m\",\"avgt\",one,3,1.0,0.1,\"ns/op\",gus\r\n");
        assertThatThrownBy(() -> JmhCsvReader.read(f, Files.readString(f)))
                .hasMessageEndingWith("x.csv:2:3: column 3 (Threads): 'one' is not a whole number");
        Files.writeString(f, HEADER + "\"a.B.m:smr.uaf\",\"avgt\",1,3,0.0,NaN,\"count\",gus\r\n");
        assertThatThrownBy(() -> JmhCsvReader.read(f, Files.readString(f)))
                .hasMessageContaining("x.csv:2:1: secondary rows for B.m [avgt, 1 thread, engine=gus] without the primary row");
        Files.writeString(f, HEADER + "\"a.B.m\",\"avgt\",1,3,1.0,0.1,\"ns/op\",gus\r\n\"a.B.m\",\"avgt\",1,3,2.0,0.1,\"ns/op\",gus\r\n");
        assertThatThrownBy(() -> JmhCsvReader.read(f, Files.readString(f)))
                .hasMessageContaining("x.csv:3: second row for B.m [avgt, 1 thread, engine=gus] (the first is on line 2)");
        Files.writeString(f, HEADER);
        assertThatThrownBy(() -> JmhCsvReader.read(f, Files.readString(f))).hasMessageContaining("x.csv:2:1: no result rows");
        Files.writeString(f, HEADER + "\"a.B.m\",\"avgt\",1,3,\"1.0,0.1,\"ns/op\",gus\r\n");
        assertThatThrownBy(() -> JmhCsvReader.read(f, Files.readString(f))).hasMessageContaining("x.csv:").hasMessageContaining("not readable as CSV");
    }

    @Test
    void parsesJmhNumbers() {
        assertThat(JmhCsvReader.parseNumber("12.5")).isEqualTo(12.5);
        assertThat(JmhCsvReader.parseNumber("12,5")).isEqualTo(12.5);
        assertThat(JmhCsvReader.parseNumber("NaN")).isNaN();
        assertThat(JmhCsvReader.parseNumber("1.5E-7")).isEqualTo(1.5e-7);
        for (String bad : List.of("", "1.2.3", "abc", "1,2,3", "0x10")) {
            assertThatThrownBy(() -> JmhCsvReader.parseNumber(bad)).isInstanceOf(NumberFormatException.class);
        }
    }
}
