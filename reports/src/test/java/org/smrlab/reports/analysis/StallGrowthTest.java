package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.smrlab.reports.input.PendingReader;
import org.smrlab.reports.model.PendingSeries;

/** The stall verdict: an engine whose pending count grows with the stall, against one that levels off. */
class StallGrowthTest {

    /** Two stalled iterations of 400 samples, 1 ms apart, with a 300 ms gap between them. */
    private static PendingSeries series(java.util.function.IntToDoubleFunction pendingAt) {
        StringBuilder csv = new StringBuilder("t_ms,pending\n");
        for (int it = 0; it < 2; it++) {
            for (int i = 0; i < 400; i++) {
                csv.append(it * 700 + i).append(',').append(pendingAt.applyAsDouble(i)).append('\n');
            }
        }
        return PendingReader.read(Path.of("pending/StallBench.writer@engine=x@fork1.csv"), csv.toString());
    }

    @Test
    void anEpochPinnedByTheReaderGrowsForTheWholeStall() {
        PendingSeries gus = series(i -> 3_000.0 * i); // 1.2 M by the end of each iteration
        assertThat(StallGrowth.iterations(gus.timeMs(), gus.pending())).hasSize(2);
        assertThat(StallGrowth.grows(gus)).isTrue();
    }

    @Test
    void aBoundedEngineLevelsOffWhateverItsWobble() {
        PendingSeries hp = series(i -> (i * 37) % 130);          // 0..129, batch-sized wobble
        PendingSeries ibr = series(i -> Math.min(1_100, 20.0 * i)); // rises to its bound, then stays
        assertThat(StallGrowth.grows(hp)).isFalse();
        assertThat(StallGrowth.grows(ibr)).isFalse();
        assertThat(StallGrowth.judgeable(hp)).isTrue();
    }

    @Test
    void tooFewSamplesAreNotJudged() {
        PendingSeries tiny = PendingReader.read(Path.of("p.csv"), "t_ms,pending\n0,1\n1,2\n2,3000000\n");
        assertThat(StallGrowth.judgeable(tiny)).isFalse();
        assertThat(StallGrowth.grows(tiny)).isFalse();
    }
}
