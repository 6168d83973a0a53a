package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The modular comparisons hold across the 64-bit wrap, as FreeBSD's SMR_SEQ_* hold across 32. */
class SeqTest {

    @Test
    void comparisonsAcrossTheWrap() {
        long before = -3;   // 0xFFFF_FFFF_FFFF_FFFD
        long after = 1;     // wrapped: two increments of 2 later
        assertThat(Seq.lt(before, after)).isTrue();
        assertThat(Seq.leq(before, after)).isTrue();
        assertThat(Seq.gt(after, before)).isTrue();
        assertThat(Seq.geq(after, before)).isTrue();
        assertThat(Seq.delta(after, before)).isEqualTo(4);
        assertThat(Seq.min(before, after)).isEqualTo(before);
        assertThat(Seq.min(after, before)).isEqualTo(before);
        // Unsigned order gets the wrap wrong; signed order gets the 2^63 boundary wrong.
        assertThat(Long.compareUnsigned(before, after)).isGreaterThan(0);
        assertThat(Long.MAX_VALUE < Long.MIN_VALUE).isFalse();
        assertThat(Seq.lt(Long.MAX_VALUE, Long.MIN_VALUE)).isTrue();
    }

    @Test
    void wrapStartIsOddAndWrapsAfterAThousandIncrements() {
        long s = Knob.WRAP_START;
        assertThat(s & 1).isEqualTo(1);
        assertThat(Long.compareUnsigned(s, -1L)).isLessThan(0);
        long after = s + 1000 * 2;
        assertThat(after).isEqualTo(1); // skips 0, which is INVALID
        assertThat(Seq.gt(after, s)).isTrue();
    }
}
