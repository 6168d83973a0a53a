package org.smrlab.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeysTest {
    private static final int STREAM = 1 << 14;

    private static Map<Long, Integer> counts(Keys k) {
        Map<Long, Integer> c = new HashMap<>();
        for (int i = 0; i < STREAM; i++) {
            c.merge(k.at(i), 1, Integer::sum);
        }
        return c;
    }

    private static long hottest(Map<Long, Integer> c) {
        return c.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    @Test
    void zipfianKeysAreSkewedAndEveryThreadAgreesWhichAreHot() {
        Keys a = new Keys("zipf", 8192, 1);
        Keys b = new Keys("zipf", 8192, 2);
        Map<Long, Integer> ca = counts(a);
        Map<Long, Integer> cb = counts(b);
        // skew 0.99 over 8192 ranks: the hottest key has 1/zeta(8192) ~ 10% of the draws
        assertThat(ca.get(hottest(ca))).isBetween(STREAM / 14, STREAM / 7);
        assertThat(hottest(cb)).as("one permutation for every thread").isEqualTo(hottest(ca));
        assertThat(hottest(ca)).as("the hottest key is scattered, not the first").isNotZero();
        assertThat(ca.keySet()).allMatch(k -> k >= 0 && k < 8192);
        Map<Long, Integer> uniform = counts(new Keys("uniform", 8192, 1));
        assertThat(uniform.get(hottest(uniform))).as("uniform: no key stands out").isLessThan(STREAM / 400);
        assertThat(counts(new Keys("zipf:0.5", 8192, 1)).get(hottest(ca))).isLessThan(ca.get(hottest(ca)));
    }

    @Test
    void badDistributionsAreRefusedNamingTheValidOnes() {
        for (String bad : new String[] {"zipfian", "zipf:1", "zipf:0", "zipf:x", ""}) {
            assertThatThrownBy(() -> new Keys(bad, 100, 1)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(Keys.VALID);
        }
        assertThat(Keys.skew("ZIPF")).isEqualTo(Keys.DEFAULT_SKEW);
    }
}
