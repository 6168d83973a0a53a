package org.smrlab.smr.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;

/**
 * ENGINE BUG (gus-deferred), found by the torture harness: under thread churn the deferred clock
 * never moves, so nothing is freed until the domain closes, with no reader anywhere.
 *
 * <p>{@code GusReclaimer.GusSession.deferred} (FreeBSD's {@code c_deferred}) lives in the session
 * and starts at 0 with every join. FreeBSD keeps it per CPU, where it survives; here a session that
 * seals fewer than {@code limit} batches before it closes never reaches the advance that writes the
 * shared clock. Every goal it took is {@code clock + INCR}, its batches are handed on at close, and
 * the adopting session's non-blocking polls fail for the same reason. Torture with churn (1 s,
 * default workload): {@code peakPending = retired = 302880}; with {@code --no-churn}, or with
 * {@code limit=2}, peakPending stays in the thousands.
 *
 * <p>Possible fixes for the engine owner: keep the count in the thread's record (which the registry
 * reuses, as a CPU's counter persists), and/or let a closing session write the clock (a real advance)
 * when it hands on batches whose goals are deferred.
 */
class GusDeferredChurnTest {

    @Test
    void shortLivedSessionsStillGetTheirBatchesFreed() {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> gus = Engines.create("gus-deferred:batch=64,limit=16", n -> freed.incrementAndGet())) {
            // One thread joins, retires one batch, leaves; 100 times. No reader ever enters a section.
            for (int i = 0; i < 100; i++) {
                try (Session<Object> s = gus.join()) {
                    for (int j = 0; j < 64; j++) {
                        s.retire(new Object());
                    }
                    s.flush();
                }
            }
            Stats st = gus.stats();
            assertThat(st.retired()).isEqualTo(6_400);
            assertThat(st.freed())
                    .as("6400 nodes retired with no reader at all, yet freed=%d pending=%d: the deferred clock never moved",
                            st.freed(), st.pending())
                    .isPositive();
        }
        assertThat(freed.get()).as("close frees everything").isEqualTo(6_400);
    }
}
