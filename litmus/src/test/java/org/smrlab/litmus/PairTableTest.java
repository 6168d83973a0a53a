package org.smrlab.litmus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every litmus test carries its barrier pair as data ({@link Pair}), which the review's R9 table is
 * made of: a test added without one fails here (and {@link PairTable} would exit 1 in the review).
 */
class PairTableTest {

    @Test
    void everyTestOfJcstresssListHasItsPair() throws Exception {
        List<String> tests = PairTable.tests();
        assertThat(tests).hasSizeGreaterThan(20).allMatch(t -> t.startsWith("org.smrlab.litmus."));
        for (String name : tests) {
            Pair p = Class.forName(name, false, getClass().getClassLoader()).getAnnotation(Pair.class);
            assertThat(p).as(name + " has no @Pair: give it the engine and the four operations it tests").isNotNull();
            for (String field : List.of(p.engine(), p.aAccess(), p.aBarrier(), p.bBarrier(), p.bAccess())) {
                assertThat(field).as(name).isNotBlank();
            }
        }
    }
}
