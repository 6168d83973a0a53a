package org.smrlab.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrialFilesFormatTest {
    private static final String B = "org.smrlab.bench.StallBench.writer";
    private static final Map<String, String> P = Map.of("engine", "gus:batch=8", "stall", "iteration");

    @Test
    void namesAndTheirParsing() {
        String stem = TrialFileNames.stem(B, P, 2);
        assertThat(stem).isEqualTo("org.smrlab.bench.StallBench.writer@engine=gus_batch=8;stall=iteration;threads=2");
        assertThat(TrialFileNames.hlog(stem, Metrics.R2F_LOG, 3)).isEqualTo(stem + "@r2f@fork3.hlog");
        assertThat(TrialFileNames.pending(stem, 1)).isEqualTo(stem + "@fork1.csv");
        assertThat(TrialFileNames.parseHlog(stem + "@get.slow@fork12.hlog"))
                .hasValue(new TrialFileNames.Parsed(stem, "get.slow", 12));
        assertThat(TrialFileNames.parseHlog("whatever.hlog")).isEmpty();
        assertThat(TrialFileNames.parsePending(stem + "@fork2.csv")).isEqualTo(new TrialFileNames.Parsed(stem, null, 2));
        assertThat(TrialFileNames.names(stem, B, P, 2)).isTrue();
        assertThat(TrialFileNames.names(stem, B, P, 1)).isFalse();
    }

    @Test
    void longNamesAreCutWithAHash() {
        String stem = TrialFileNames.stem(B, Map.of("engine", "x".repeat(300)), 1);
        String name = TrialFileNames.hlog(stem, "r2f", 1);
        assertThat(name).hasSize(TrialFileNames.MAX_NAME).endsWith("@r2f@fork1.hlog");
        assertThat(TrialFileNames.hlog(TrialFileNames.stem(B, Map.of("engine", "x".repeat(300) + "y"), 1), "r2f", 1))
                .isNotEqualTo(name);
    }

    @Test
    void headersRoundTrip() {
        TrialHeader h = new TrialHeader(TrialHeader.Kind.HLOG, B, new TreeMap<>(P), "r2f", 2, 4);
        assertThat(h.lines()).containsExactly("#[smrlab-hlog 1]", "#[benchmark " + B + "]",
                "#[params engine=gus:batch=8;stall=iteration]", "#[metric r2f]", "#[fork 2]", "#[threads 4]");
        assertThat(TrialHeader.parse(TrialHeader.Kind.HLOG, h.lines())).isEqualTo(h);
        TrialHeader pending = new TrialHeader(TrialHeader.Kind.PENDING, B, new TreeMap<>(P), null, 1, 1);
        assertThat(pending.lines()).startsWith("#[smrlab-pending 1]").doesNotContain("#[metric null]");
        assertThat(TrialHeader.parse(TrialHeader.Kind.PENDING, pending.lines()).isTrial(B, new TreeMap<>(P), 1)).isTrue();
        assertThat(TrialHeader.parse(TrialHeader.Kind.HLOG, List.of("#[metric r2f]")).namesTrial()).isFalse();
        assertThatThrownBy(() -> TrialHeader.parse(TrialHeader.Kind.HLOG, List.of("#[x]", "#[fork one]")))
                .isInstanceOf(RunFormatException.class).hasMessageContaining("'one' is not a whole number")
                .satisfies(e -> assertThat(((RunFormatException) e).line()).isEqualTo(2));
    }

    @Test
    void foldersAreWrittenAsideAndRenamedWhenComplete(@TempDir Path out) throws Exception {
        String name = RunFolder.name("smoke", Instant.parse("2026-11-28T10:00:05Z"), 2, 3);
        assertThat(name).isEqualTo("smoke-20261128-100005-shard2of3");
        assertThat(RunFolder.name("smoke", Instant.parse("2026-11-28T10:00:05Z"), 1, 1)).isEqualTo("smoke-20261128-100005");
        Path tmp = RunFolder.begin(out, name);
        assertThat(tmp.getFileName().toString()).isEqualTo(".smoke-20261128-100005-shard2of3.tmp");
        Files.writeString(tmp.resolve(RunFolder.RUN_JSON), "{}");
        assertThat(RunFolder.isComplete(tmp)).isFalse();
        assertThat(RunFolder.newest(out, "smoke")).isEmpty();
        Path done = RunFolder.complete(tmp, out, name);
        assertThat(done).isEqualTo(out.resolve(name));
        assertThat(RunFolder.isComplete(done)).isTrue();
        Path again = RunFolder.complete(Files.createDirectories(out.resolve(".x.tmp")), out, name);
        assertThat(again.getFileName().toString()).isEqualTo(name + "-2");
        assertThat(RunFolder.newest(out, "smoke")).hasValue(done);
    }
}
