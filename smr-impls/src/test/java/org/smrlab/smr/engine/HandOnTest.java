package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * Hand-on: a session that closes leaves its batches to the domain, and another session adopts
 * them. The adopter must judge a handed-on batch by a clock that proves something about the
 * readers of <em>that</em> batch: these tests adopt a batch while a reader that holds one of its
 * nodes is still inside, on every engine that frees, and check nothing is freed until it leaves.
 */
class HandOnTest {

    /** Every engine whose frees wait for readers (not none: never frees; not broken: frees at once). */
    static List<String> safeFreeingEngines() {
        List<String> l = new ArrayList<>();
        for (String e : Engines.safeNames()) {
            if (!Engines.type(e).neverFrees()) {
                l.add(e);
            }
        }
        l.add("gus-lazy:tick=1ms,barrier=fence");
        l.add("pserialize:coalesce=true");
        l.add("pserialize:async=true");
        return l;
    }

    /** Counts frees per node, so a test can ask whether one node was freed, and how often. */
    static final class FreeLog {
        final Map<Object, AtomicInteger> frees = new ConcurrentHashMap<>();

        void free(Object o) {
            frees.computeIfAbsent(o, k -> new AtomicInteger()).incrementAndGet();
        }

        int timesFreed(Object o) {
            AtomicInteger n = frees.get(o);
            return n == null ? 0 : n.get();
        }
    }

    /**
     * The rwlock instance of the bug (issue 9, defect 1): the batch handed on by a closing session
     * carried a goal taken from that session's private write-cycle count, and an adopter that had
     * already done one write cycle of its own found the goal "reached" and freed the batch while a
     * reader still held the read lock and a reference into it.
     */
    @Test
    void rwlockAdoptedBatchWaitsForAWriteCycleThatBeginsAfterTheReaderLeaves() throws Exception {
        FreeLog log = new FreeLog();
        Object held = new Object();
        AtomicReference<Object> link = new AtomicReference<>(held);
        try (Reclaimer<Object> r = Engines.create("rwlock:batch=4", log::free);
             Actor reader = new Actor("reader");
             Actor leaver = new Actor("leaver")) {
            Session<Object> adopter = r.join();
            adopter.retire(new Object());
            adopter.flush(); // no reader: one write cycle of the adopter's own, the batch freed
            assertThat(r.stats().freed()).isEqualTo(1);

            Session<Object> rs = reader.call(r::join);
            Object got = reader.call(() -> {
                rs.enter();
                return rs.protect(0, link); // holds the read lock and a reference
            });
            assertThat(got).isSameAs(held);

            leaver.run(() -> {
                Session<Object> s = r.join();
                link.set(new Object()); // unlink
                s.retire(held);
                s.retire(new Object());
                s.flush();  // sealed; the write lock is not free (the reader), so pending
                s.close();  // handed on
            });
            assertThat(log.timesFreed(held)).isZero();

            for (int i = 0; i < 5; i++) {
                adopter.flush(); // adopts the handed-on batch and polls it
            }
            assertThat(log.timesFreed(held)).as("freed while the reader holds the read lock and the node").isZero();

            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            adopter.barrier();
            assertThat(log.timesFreed(held)).isEqualTo(1);
            adopter.close();
        }
        assertThat(log.frees.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    /**
     * Every engine: an adopter that has already reclaimed on its own adopts a batch whose node a
     * reader still holds, and polls it many times (flush, quiescent, advance) without freeing it;
     * once the reader leaves, the adopter's barrier frees it exactly once.
     */
    @ParameterizedTest
    @MethodSource("safeFreeingEngines")
    void anAdoptedBatchIsNotFreedWhileAReaderThatHoldsItsNodeIsInside(String engine) throws Exception {
        FreeLog log = new FreeLog();
        Object held = new Object();
        AtomicReference<Object> link = new AtomicReference<>(held);
        try (Reclaimer<Object> r = Engines.create(engine + (engine.contains(":") ? "," : ":") + "batch=4", log::free);
             Actor reader = new Actor("reader");
             Actor leaver = new Actor("leaver")) {
            Session<Object> adopter = r.join();
            for (int i = 0; i < 8; i++) { // the adopter's own clock (if it has one) moves first
                adopter.retire(new Object());
                adopter.quiescent();
            }
            adopter.barrier();
            long warmedUp = r.stats().freed();
            assertThat(warmedUp).isEqualTo(8);

            Session<Object> rs = reader.call(r::join);
            Object got = reader.call(() -> {
                rs.enter();
                return rs.protect(0, link);
            });
            assertThat(got).isSameAs(held);

            leaver.run(() -> {
                Session<Object> s = r.join();
                link.set(new Object());
                s.retire(held);
                s.retire(new Object());
                s.quiescent();
                s.flush();
                if (s instanceof GracePeriods gp) {
                    gp.poll(gp.advance());
                }
                s.close();
            });

            for (int i = 0; i < 20; i++) {
                adopter.quiescent();
                adopter.flush();
                if (adopter instanceof GracePeriods gp) {
                    gp.poll(gp.advance());
                }
                Thread.sleep(1); // lets ticks pass (gus-lazy)
            }
            assertThat(log.timesFreed(held)).as(engine + ": freed while a reader that holds it is inside").isZero();

            reader.run(() -> {
                rs.exit();
                rs.quiescent();
                rs.close();
            });
            adopter.quiescent();
            adopter.barrier();
            assertThat(log.timesFreed(held)).as(engine + ": freed once the reader left").isEqualTo(1);
            adopter.close();
        }
        assertThat(log.frees.values()).as("every node freed exactly once").allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }
}
