package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.bench.SmrProfiler;

class SmokeCheckTest {
    private static final String HEADER = "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\","
            + "\"Unit\",\"Param: batch\",\"Param: engine\"\r\n";
    private static final String B = "org.smrlab.bench.ReclamationBench.mixed";

    /** A CSV in JMH's form: one primary row and every profiler label per engine; smr.uaf = uaf(engine). */
    private static String csv(List<String> engines, String uafEngine, String uafValue, String dropLabel) {
        StringBuilder b = new StringBuilder(HEADER);
        b.append("\"org.smrlab.bench.ReadSideBench.floorPlainLoad\",\"avgt\",1,1,0.300000,NaN,\"ns/op\",,\r\n");
        for (String e : engines) {
            b.append('"').append(B).append("\",\"avgt\",2,1,300.000000,NaN,\"ns/op\",default,").append(e).append("\r\n");
            for (String l : SmrProfiler.LABELS) {
                if (l.equals(dropLabel)) {
                    continue;
                }
                String score = l.equals(SmrProfiler.UAF) && e.equals(uafEngine) ? uafValue : "0.000000";
                b.append('"').append(B).append(':').append(l).append("\",\"avgt\",2,1,").append(score)
                        .append(",NaN,\"x\",default,").append(e).append("\r\n");
            }
        }
        return b.toString();
    }

    private static final List<String> SAFE = List.of("gus", "ebr", "hp");

    @Test
    void passesACompleteCleanRun() {
        assertThat(SmokeCheck.check(csv(SAFE, null, null, null), SAFE, SmrProfiler.LABELS)).isEmpty();
    }

    @Test
    void firesOnAMissingEngine() {
        assertThat(SmokeCheck.check(csv(List.of("gus", "ebr"), null, null, null), SAFE, SmrProfiler.LABELS))
                .anyMatch(p -> p.contains("engine hp is missing"));
    }

    @Test
    void firesOnUseAfterFree() {
        assertThat(SmokeCheck.check(csv(SAFE, "ebr", "3.000000", null), SAFE, SmrProfiler.LABELS))
                .singleElement().asString().contains("smr.uaf = 3.000000").contains("engine=ebr");
        assertThat(SmokeCheck.check(csv(SAFE, "ebr", "NaN", null), SAFE, SmrProfiler.LABELS)).hasSize(1);
    }

    @Test
    void brokenMayDetect() {
        List<String> withBroken = List.of("gus", "ebr", "hp", "broken");
        assertThat(SmokeCheck.check(csv(withBroken, "broken", "12.000000", null), SAFE, SmrProfiler.LABELS)).isEmpty();
    }

    @Test
    void firesOnAMissingMetric() {
        assertThat(SmokeCheck.check(csv(SAFE, null, null, SmrProfiler.R2F_P99), SAFE, SmrProfiler.LABELS))
                .hasSize(3).allMatch(p -> p.contains("smr.r2f.p99"));
    }

    @Test
    void exitStatuses(@TempDir Path dir) throws Exception {
        Path run = Files.createDirectories(dir.resolve("smoke-20261128-000000"));
        Files.writeString(run.resolve("results.csv"), csv(List.of("gus"), "gus", "1.000000", null));
        Files.createDirectories(dir.resolve(".smoke-20261128-000001.tmp")); // incomplete runs are ignored
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(SmokeCheck.main(new String[] {dir.toString()}, o, e)).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("FAILED").contains("smr.uaf");
        assertThat(SmokeCheck.main(new String[] {dir.resolve("nothing").toString()}, o, e)).isEqualTo(2);
        assertThat(SmokeCheck.main(new String[] {}, o, e)).isEqualTo(2);
    }

    @Test
    void csvReaderHandlesQuotes() {
        assertThat(Csv.parse("a,\"b,c\",\"d\"\"e\"\r\n1,,\"x\"\n")).containsExactly(List.of("a", "b,c", "d\"e"), List.of("1", "", "x"));
    }
}
