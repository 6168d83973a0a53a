package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smrlab.reports.Fixtures;

/** The summary's verdicts from the workloads (fixtures/runs/workloads-20261129-150000, fabricated round numbers). */
class WorkloadVerdictsTest {

    @Test
    void theStallColumnSaysGrowingWithoutTheCapAndTheWorkloadTableGivesSlopesLongRunsAndCapacity() {
        Fixtures.Result r = Fixtures.cli("summary", Fixtures.path("runs/workloads-20261129-150000"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("| gus | — | — | — | — | — | — | — | — | 100 | 9000 | 1970000 growing |")
                .contains("| ebr | — | — | — | — | — | — | — | — | 100 | 12000 | 2000070 unbounded |")
                .contains("| hp | — | — | — | — | — | — | — | — | 100 | 1280 | 65 bounded |")
                .contains("| gus | growing, +985000 nodes/s | 10s, 2 threads: keeps up (+2.00 nodes/s); 30s, 2 threads: keeps up "
                        + "(+1.00 nodes/s) | 10000000 retires/s (every 100ns) |")
                .contains("30s, 2 threads: falling behind (+5000 nodes/s)")
                .contains("| hp | bounded, +0.300 nodes/s |")
                .doesNotContain("| gus:seal=2ms |");
    }

    /** A run made before the profiler fitted slopes: the cap still says growing, and nothing else is guessed. */
    @Test
    void aRunWithoutTheSlopeKeepsTheCapAndGuessesNothing() {
        Fixtures.Result r = Fixtures.cli("summary", Fixtures.path(Fixtures.SUMMARY));
        assertThat(r.out()).contains("| 12.3 | 300 | 2000070 unbounded |").contains("| 1.23 | 64 | 65 |")
                .contains("| gus | growing (cap hit), slope unknown | — | — |").doesNotContain("| hp | bounded");
    }
}
