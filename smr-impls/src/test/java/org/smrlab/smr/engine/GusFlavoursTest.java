package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/** The sequence arithmetic of the three gus flavours, as in FreeBSD's subr_smr.c. */
class GusFlavoursTest {

    @Test
    void defaultAdvanceMovesTheClockByTwoAndReturnsIt() {
        try (Reclaimer<Object> r = Engines.create("gus", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            assertThat(gp.current()).isEqualTo(GusReclaimer.INIT);
            assertThat(gp.advance()).isEqualTo(3);
            assertThat(gp.advance()).isEqualTo(5);
            assertThat(gp.current()).isEqualTo(5);
            assertThat(gp.poll(5)).isTrue(); // no reader anywhere
            assertThat(r.stats().advances()).isEqualTo(2);
        }
    }

    @Test
    void everyValidSequenceIsOddAndExitStoresInvalid() {
        try (Reclaimer<Object> r = Engines.create("gus:start=wrap", o -> { })) {
            GusReclaimer.GusSession<Object> s = (GusReclaimer.GusSession<Object>) r.join();
            for (int i = 0; i < 3000; i++) {
                s.enter();
                assertThat(s.record.lpWord() & 1).isEqualTo(1);
                s.exit();
                assertThat(s.record.lpWord()).isEqualTo(GusReclaimer.INVALID);
                long goal = s.advance();
                assertThat(goal & 1).isEqualTo(1);
                assertThat(s.poll(goal)).isTrue();
            }
            assertThat(s.current()).as("the clock wrapped past 2^64").isEqualTo(Knob.WRAP_START + 3000 * GusReclaimer.INCR);
            assertThat(Long.compareUnsigned(s.current(), Knob.WRAP_START)).isLessThan(0);
        }
    }

    @Test
    void deferredAdvancesNameAGoalWithoutWritingTheClock() {
        try (Reclaimer<Object> r = Engines.create("gus-deferred:limit=4", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long c = gp.current();
            for (int i = 1; i < 4; i++) {
                assertThat(gp.advance()).isEqualTo(c + GusReclaimer.INCR); // current + INCR
                assertThat(gp.current()).isEqualTo(c);                     // nothing written
                assertThat(gp.poll(c + GusReclaimer.INCR)).as("the clock has not reached it").isFalse();
            }
            assertThat(gp.advance()).isEqualTo(c + GusReclaimer.INCR); // the limit-th writes the clock
            assertThat(gp.current()).isEqualTo(c + GusReclaimer.INCR);
            assertThat(gp.poll(c + GusReclaimer.INCR)).isTrue();
            assertThat(r.stats().advances()).as("only one write of the shared clock").isEqualTo(1);
        }
    }

    @Test
    void aBlockingWaitOnADeferredGoalMovesTheClockItself() {
        try (Reclaimer<Object> r = Engines.create("gus-deferred:limit=100", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long goal = gp.advance();
            assertThat(gp.poll(goal)).isFalse();
            gp.await(goal);
            assertThat(gp.current()).isEqualTo(goal);
            assertThat(gp.poll(goal)).isTrue();
        }
    }

    @Test
    void lazyGoalsLieTwoTicksAheadAndTheClockMovesOncePerTick() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=1s", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long c = gp.current();
            long goal = gp.advance();
            assertThat(goal).isEqualTo(c + 2 * 2 * GusReclaimer.INCR / 2).isEqualTo(c + 4);
            // Within one tick every advance and poll names the same goal and the clock stays put.
            for (int i = 0; i < 100; i++) {
                assertThat(gp.advance()).isEqualTo(goal);
                assertThat(gp.poll(goal)).isFalse();
            }
            assertThat(gp.current()).isEqualTo(c);
        }
    }

    @Test
    void theLazyClockMovesAtMostTwoIncrementsPerMoveWhateverTheIdleTime() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=10ms", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long c = gp.current();
            Thread.sleep(200); // twenty ticks nobody looked at
            long goal = gp.advance();
            assertThat(gp.current()).isEqualTo(c + 2 * GusReclaimer.INCR);
            assertThat(goal).isEqualTo(gp.current() + 4);
            long before = System.nanoTime();
            gp.await(goal);
            long waitedMs = (System.nanoTime() - before) / 1_000_000;
            // Two ticks must be counted after the advance; the first may come at once, the second a
            // period later (less the ticker's jitter, hence half a period as the bound).
            assertThat(waitedMs).as("a lazy wait sleeps through the ticks, it does not force the clock").isGreaterThanOrEqualTo(5);
            assertThat(gp.poll(goal)).isTrue();
        }
    }

    @Test
    void lazyAwaitNeverForcesTheClock() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=100ms", o -> { })) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long before = System.nanoTime();
            gp.synchronize();
            long waitedMs = (System.nanoTime() - before) / 1_000_000;
            assertThat(waitedMs).as("at least one tick period, less jitter").isGreaterThanOrEqualTo(50);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus:start=wrap,batch=8", "gus-deferred:start=wrap,batch=8,limit=3", "gus-lazy:start=wrap,batch=8,tick=1ms"})
    void reclamationIsRightAcrossTheWrap(String spec) throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create(spec, o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            Session<Object> w = r.join();
            Session<Object> rs = reader.call(r::join);
            GracePeriods gp = (GracePeriods) w;
            long start = gp.current();
            // Run the clock past the wrap, then pin a reader and check it holds back what follows.
            while (Long.compareUnsigned(gp.current(), start) >= 0) {
                gp.synchronize();
            }
            reader.run(rs::enter);
            long held = freed.get();
            for (int i = 0; i < 64; i++) {
                w.retire(new Object());
            }
            w.flush();
            Thread.sleep(20);
            w.flush();
            assertThat(freed.get()).as("nothing retired after the reader entered is freed").isEqualTo(held);
            reader.run(rs::exit);
            w.barrier();
            assertThat(freed.get()).isEqualTo(held + 64);
            reader.run(rs::close);
        }
    }
}
