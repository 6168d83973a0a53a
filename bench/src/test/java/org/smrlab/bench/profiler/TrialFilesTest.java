package org.smrlab.bench.profiler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.run.Metrics;

class TrialFilesTest {
    private static final String B = "org.smrlab.bench.StallBench.writer";
    private static final Map<String, String> P = Map.of("engine", "gus:batch=8", "stall", "iteration");

    @Test
    void logsCarryTheHeaderAndEveryInterval(@TempDir Path dir) throws Exception {
        long base = System.currentTimeMillis();
        try (TrialFiles f = new TrialFiles(dir, B, P, 2, base, Metrics.R2F_LOG, Metrics.GET_SLOW_LOG)) {
            for (int i = 0; i < 3; i++) {
                Histogram h = LatencyRecorders.newHistogram();
                h.recordValue(1000L * (i + 1));
                f.interval(Metrics.R2F_LOG, h, base + 1000L * i, base + 1000L * i + 900);
            }
            f.pendingSeries(new double[] {0.5, 1.0015}, new long[] {10, 12});
            f.pendingSeries(new double[] {2000.25}, new long[] {7});
        }
        Path log = dir.resolve("hlog").resolve("org.smrlab.bench.StallBench.writer@engine=gus_batch=8;stall=iteration;threads=2@r2f@fork1.hlog");
        List<String> lines = Files.readAllLines(log);
        assertThat(lines).startsWith("#[smrlab-hlog 1]", "#[benchmark " + B + "]", "#[params engine=gus:batch=8;stall=iteration]",
                "#[metric r2f]", "#[fork 1]", "#[threads 2]");
        int n = 0;
        try (HistogramLogReader r = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = r.nextIntervalHistogram()) != null) {
                n++;
                assertThat(((Histogram) h).getMaxValue()).isBetween(1000L * n - 1, 1000L * n + 1);
            }
        }
        assertThat(n).as("the first interval is not dropped").isEqualTo(3);
        List<String> pending = Files.readAllLines(dir.resolve("pending")
                .resolve("org.smrlab.bench.StallBench.writer@engine=gus_batch=8;stall=iteration;threads=2@fork1.csv"));
        assertThat(pending).containsExactly("#[smrlab-pending 1]", "#[benchmark " + B + "]", "#[params engine=gus:batch=8;stall=iteration]",
                "#[fork 1]", "#[threads 2]", "t_ms,pending", "0.500,10", "1.002,12", "2000.250,7");
    }

    @Test
    void laterForksTakeTheNextNumber(@TempDir Path dir) {
        long base = System.currentTimeMillis();
        try (TrialFiles a = new TrialFiles(dir, B, P, 1, base, Metrics.R2F_LOG);
             TrialFiles b = new TrialFiles(dir, B, P, 1, base, Metrics.R2F_LOG);
             TrialFiles c = new TrialFiles(dir, B, P, 4, base, Metrics.R2F_LOG)) {
            assertThat(a.fork()).isEqualTo(1);
            assertThat(b.fork()).isEqualTo(2);
            assertThat(c.fork()).as("another thread count is another trial").isEqualTo(1);
        }
    }
}
