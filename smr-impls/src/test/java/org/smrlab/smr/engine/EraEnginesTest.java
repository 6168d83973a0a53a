package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.checked.CheckedReclaimer;

/**
 * Interval-based reclamation (2GEIBR) and hazard eras: what sets them apart from epochs (a stalled
 * reader holds only the nodes alive in the eras it reserved) and from hazard pointers (a reader
 * publishes an era, not an address, and only when the clock moved).
 */
class EraEnginesTest {

    /** Eras move: ibr's epoch with allocations (here freq=1: every allocation x threads), he's clock with retires. */
    private static void moveTheClock(Session<HeaderNode> w) {
        Births<HeaderNode> births = births(w);
        for (int i = 0; i < 8; i++) {
            HeaderNode n = new HeaderNode("filler" + i);
            births.born(n);
            w.retire(n);
        }
    }

    @SuppressWarnings("unchecked")
    private static Births<HeaderNode> births(Session<HeaderNode> s) {
        return (Births<HeaderNode>) s;
    }

    /**
     * The property both papers are about: a reader stalled inside a section keeps the node it
     * protects, but a node born after its reservation is freed while it stays stalled.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ibr:batch=1,freq=1", "he:batch=1"})
    void aStalledReaderHoldsWhatItReservedAndNothingBornLater(String spec) {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<HeaderNode> r = Engines.create(spec, freed::add);
             Actor reader = new Actor("reader")) {
            Session<HeaderNode> w = r.join();
            HeaderNode old = new HeaderNode("old");
            births(w).born(old);
            AtomicReference<HeaderNode> link = new AtomicReference<>(old);
            Session<HeaderNode> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                assertThat(rs.protect(0, link)).isSameAs(old); // and stays inside
            });
            moveTheClock(w);
            HeaderNode young = new HeaderNode("young");
            births(w).born(young); // born after the reader's reservation
            link.set(young);
            w.retire(old);
            w.retire(young);
            w.flush();
            assertThat(freed).as("the stalled reader's node is kept").doesNotContain(old);
            assertThat(freed).as("a node born after the reader's eras is freed while it stalls").contains(young);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            w.flush();
            assertThat(freed).contains(old);
        }
    }

    /** Without a birth stamp a node counts as born at era 0: kept like any node under an epoch scheme. Safe. */
    @ParameterizedTest
    @ValueSource(strings = {"ibr:batch=1,freq=1", "he:batch=1"})
    void aNodeWithoutABirthIsKeptWhileAnyOlderReaderRemains(String spec) {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<Object> r = Engines.create(spec, freed::add);
             Actor reader = new Actor("reader")) {
            Session<Object> w = r.join();
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            Session<Object> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, link);
            });
            Object plain = new Object(); // no SmrHeader: born at era 0 as far as the engine knows
            for (int i = 0; i < 8; i++) {
                w.retire(new Object());
            }
            w.retire(plain);
            w.flush();
            assertThat(freed).doesNotContain(plain);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            w.flush();
            assertThat(freed).contains(plain);
        }
    }

    @Test
    void ibrAdvancesItsEpochEveryFreqTimesThreadsAllocations() {
        try (Reclaimer<HeaderNode> r = Engines.create("ibr:freq=5", n -> { })) {
            IntervalReclaimer<?> ibr = (IntervalReclaimer<?>) r;
            Session<HeaderNode> w = r.join(); // one thread: every 5 allocations
            long e0 = ibr.epoch();
            HeaderNode n = null;
            for (int i = 0; i < 20; i++) {
                n = new HeaderNode("n" + i);
                births(w).born(n);
            }
            assertThat(ibr.epoch()).isEqualTo(e0 + 4);
            assertThat(n.smrHeader()).as("the birth epoch is the epoch at allocation").isEqualTo(e0 + 4);
            assertThat(r.stats().advances()).isEqualTo(4);
        }
    }

    /** The allocation count is the thread's (its record's), not the session's: short sessions still move the epoch. */
    @Test
    void ibrShortSessionsOfOneThreadStillMoveTheEpoch() {
        try (Reclaimer<HeaderNode> r = Engines.create("ibr:freq=5", n -> { })) {
            IntervalReclaimer<?> ibr = (IntervalReclaimer<?>) r;
            long e0 = ibr.epoch();
            for (int session = 0; session < 10; session++) {
                try (Session<HeaderNode> s = r.join()) { // the same thread, the same record each time
                    births(s).born(new HeaderNode("a" + session));
                    births(s).born(new HeaderNode("b" + session)); // 2 < freq x threads = 5 per session
                }
            }
            assertThat(ibr.epoch()).as("20 allocations of one thread, freq 5").isEqualTo(e0 + 4);
        }
    }

    @Test
    void heMovesItsClockOnEveryRetireAndStampsBirthsWithIt() {
        try (Reclaimer<HeaderNode> r = Engines.create("he:batch=64", n -> { })) {
            HazardEras<?> he = (HazardEras<?>) r;
            Session<HeaderNode> w = r.join();
            assertThat(he.era()).isEqualTo(1);
            HeaderNode n = new HeaderNode("n");
            births(w).born(n);
            assertThat(n.smrHeader()).isEqualTo(1);
            for (int i = 0; i < 10; i++) {
                w.retire(new HeaderNode("r" + i));
            }
            assertThat(he.era()).isEqualTo(11);
            assertThat(r.stats().advances()).isEqualTo(10);
        }
    }

    /** A protect that finds the clock where its slot already stands publishes nothing: no store, no fence. */
    @Test
    void heProtectPublishesOnlyWhenTheEraMoved() throws Exception {
        try (Reclaimer<HeaderNode> r = Engines.create("he:slots=2", n -> { })) {
            HazardEras<HeaderNode> he = (HazardEras<HeaderNode>) r;
            AtomicReference<HeaderNode> link = new AtomicReference<>(new HeaderNode("a"));
            Session<HeaderNode> s = r.join();
            ThreadRecord rec = ((AbstractSession<HeaderNode>) s).record;
            s.enter();
            assertThat(rec.lpEra(0)).isEqualTo(HazardEras.NONE);
            s.protect(0, link);
            assertThat(rec.lpEra(0)).as("published the current era").isEqualTo(he.era());
            assertThat(rec.lpEra(1)).isEqualTo(HazardEras.NONE);
            s.exit();
            assertThat(rec.lpEra(0)).as("exit clears every slot").isEqualTo(HazardEras.NONE);
            assertThatThrownBy(() -> s.protect(2, link)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("out of range 0..1");
            s.close();
        }
    }

    @Test
    void ibrReservesAnIntervalWhileInsideAndWithdrawsItAtTheOutermostExit() {
        try (Reclaimer<HeaderNode> r = Engines.create("ibr:freq=1", n -> { })) {
            AtomicReference<HeaderNode> link = new AtomicReference<>(new HeaderNode("a"));
            Session<HeaderNode> s = r.join();
            ThreadRecord rec = ((AbstractSession<HeaderNode>) s).record;
            long e = ((IntervalReclaimer<?>) r).epoch();
            s.enter();
            s.enter(); // sections nest
            assertThat(rec.lpEra(IntervalReclaimer.LOWER)).isEqualTo(e);
            assertThat(rec.lpEra(IntervalReclaimer.UPPER)).isEqualTo(e);
            births(s).born(new HeaderNode("b")); // one thread, freq=1: the epoch moves
            s.protect(0, link);
            assertThat(rec.lpEra(IntervalReclaimer.UPPER)).as("protect raised upper to the epoch it saw").isEqualTo(e + 1);
            s.exit();
            assertThat(rec.lpEra(IntervalReclaimer.LOWER)).as("still inside the outer section").isEqualTo(e);
            s.exit();
            assertThat(rec.lpEra(IntervalReclaimer.LOWER)).isEqualTo(IntervalReclaimer.IDLE);
            assertThat(rec.lpEra(IntervalReclaimer.UPPER)).isEqualTo(IntervalReclaimer.IDLE);
            s.close();
        }
    }

    /** The pool stamps births through the checked wrapper too (ibr with freq=1: the first birth moves the epoch off 0). */
    @ParameterizedTest
    @ValueSource(strings = {"ibr:freq=1", "he", "localcount"})
    void checkedSessionsPassBirthsOn(String engine) {
        String spec = engine + (engine.contains(":") ? "," : ":") + "checked=true";
        try (Reclaimer<HeaderNode> r = Engines.create(spec, n -> { })) {
            assertThat(CheckedReclaimer.isChecked(r)).isTrue();
            Session<HeaderNode> s = r.join();
            assertThat(s).isInstanceOf(Births.class);
            HeaderNode n = new HeaderNode("n");
            births(s).born(n);
            assertThat(n.smrHeader()).as(engine + " stamped the node").isNotZero();
            s.close();
        }
    }
}
