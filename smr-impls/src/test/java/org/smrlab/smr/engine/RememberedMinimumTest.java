package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * qsbr's remembered minimum (issue 9), as gus's read hand: a scan raises a shared "every online
 * thread has copied at least this" hint, and a later poll of a goal at or below it answers without
 * a scan; a thread that stays behind keeps the hint (and the goal) behind.
 */
class RememberedMinimumTest {

    @Test
    void qsbrPollsAtOrBelowTheRememberedMinimumAnswerWithoutAScan() {
        try (Reclaimer<Object> r = Engines.create("qsbr", o -> { });
             Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join); // online, with the counter's first value
            Session<Object> ws = r.join();
            GracePeriods gp = (GracePeriods) ws;
            long goal = gp.advance();
            ws.quiescent();
            assertThat(gp.poll(goal)).as("the reader has not announced a quiescent state since").isFalse();
            assertThat(r.stats().scans()).isEqualTo(1);
            assertThat(gp.poll(goal)).as("still behind: no hint lets it through").isFalse();
            assertThat(r.stats().scans()).isEqualTo(2);

            reader.run(rs::quiescent);
            assertThat(gp.poll(goal)).isTrue(); // a scan, which remembers that everyone has passed the goal
            long scans = r.stats().scans();
            assertThat(scans).isEqualTo(3);
            for (int i = 0; i < 100; i++) {
                assertThat(gp.poll(goal)).isTrue();
            }
            assertThat(r.stats().scans()).as("answered from the remembered minimum").isEqualTo(scans);
            assertThat(r.stats().polls()).isEqualTo(103);

            long next = gp.advance(); // beyond the hint: scans again, and the reader holds it back again
            ws.quiescent();
            assertThat(gp.poll(next)).isFalse();
            assertThat(r.stats().scans()).isEqualTo(scans + 1);
            reader.run(rs::close);
            assertThat(gp.poll(next)).as("an offline thread is skipped").isTrue();
        }
    }
}
