package org.smrlab.reports.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The growth rule: from the fitted slope, not the cap. */
class GrowthTest {
    private static final long TWO_SECONDS = 2_000_000_000L;

    /**
     * The case the cap missed: gus-deferred behind a reader stalled for a whole 2-s iteration reached
     * 1.97 M pending of a 2 M cap. By the cap alone it was "bounded"; its slope says it grew all along.
     */
    @Test
    void growthThatStopsShortOfTheCapIsGrowth() {
        Growth.Verdict v = Growth.judge(985_000, 1_970_000, false, TWO_SECONDS);
        assertThat(v.kind()).isEqualTo(Growth.Kind.GROWING);
        assertThat(v.rise()).isEqualTo(1_970_000);
        assertThat(v.words()).startsWith("growing, +985000 nodes/s");
    }

    /**
     * Pending carried over between iterations: gus behind a reader stalled for each of four 400-ms
     * iterations (the quick review's R5), 869,000 nodes/s, peak 956,160 at the end of the fourth. One
     * iteration's rise (348,000) is less than half the trial's peak, but the peak is four iterations' rise.
     */
    @Test
    void growthCarriedOverIterationsIsGrowth() {
        assertThat(Growth.judge(869_000, 956_160, false, 400_000_000L, 4).kind()).isEqualTo(Growth.Kind.GROWING);
        assertThat(Growth.judge(869_000, 956_160, false, 400_000_000L, 1).kind()).as("the same figures, one iteration")
                .isEqualTo(Growth.Kind.BOUNDED);
        assertThat(Growth.judge(2, 65, false, 400_000_000L, 4).kind()).as("hp behind the same stall").isEqualTo(Growth.Kind.BOUNDED);
        assertThat(Growth.judge(176, 1385, false, 400_000_000L, 4).kind()).as("ibr: a rise of 70 nodes").isEqualTo(Growth.Kind.BOUNDED);
    }

    @Test
    void aBoundedEngineIsFlatWhateverItsWobble() {
        assertThat(Growth.judge(3.2, 5_000, false, TWO_SECONDS).kind()).as("a batch-sized sawtooth").isEqualTo(Growth.Kind.BOUNDED);
        assertThat(Growth.judge(-40, 65, false, TWO_SECONDS).kind()).as("hp, falling slightly").isEqualTo(Growth.Kind.BOUNDED);
        assertThat(Growth.judge(400, 900, false, TWO_SECONDS).kind()).as("a rise of 800 nodes is within the slack")
                .isEqualTo(Growth.Kind.BOUNDED);
        assertThat(Growth.judge(10_000, 1_000_000, false, TWO_SECONDS).kind())
                .as("a drift of 20000 nodes on a plateau of a million: not half the peak").isEqualTo(Growth.Kind.BOUNDED);
    }

    @Test
    void aLongRunThatKeepsRisingIsFallingBehind() {
        long thirty = 30_000_000_000L;
        assertThat(Growth.judge(5_000, 150_000, false, thirty).growing()).isTrue();
        assertThat(Growth.judge(5_000, 150_000, false, 1_000_000_000L).growing()).as("the same slope over 1 s: 5000 of 150000")
                .isFalse();
    }

    @Test
    void theCapIsGrowthAndMissingFiguresAreUnknown() {
        assertThat(Growth.judge(Double.NaN, 2_000_000, true, -1).kind()).isEqualTo(Growth.Kind.GROWING);
        assertThat(Growth.judge(Double.NaN, 2_000_000, true, -1).words()).contains("cap hit");
        assertThat(Growth.judge(Double.NaN, 100, false, TWO_SECONDS).kind()).isEqualTo(Growth.Kind.UNKNOWN);
        assertThat(Growth.judge(Double.NaN, 100, false, TWO_SECONDS).words()).contains("smr.pending.slope");
        assertThat(Growth.judge(5, 100, false, -1).words()).contains("iteration's length");
        assertThat(Growth.judge(5, Double.NaN, false, TWO_SECONDS).kind()).isEqualTo(Growth.Kind.UNKNOWN);
    }
}
