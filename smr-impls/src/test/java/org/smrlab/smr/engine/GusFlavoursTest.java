package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
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
            GusReclaimer<Object> gus = (GusReclaimer<Object>) r;
            long incr = gus.increment();
            assertThat(incr).as("the lazy word keeps its sequence in the upper half").isEqualTo(1L << 32);
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long c0 = gp.current();
            assertThat(gp.advance()).isEqualTo(c0 + 2 * incr);
            // That advance woke the idle ticker, whose first tick comes at once; the next is a second away.
            eventually(() -> gus.ticker().ticks() >= 1);
            long goal = gp.advance(); // moves the clock one increment, on tick 1
            long c = gp.current();
            assertThat(c).isEqualTo(c0 + incr);
            assertThat(goal).isEqualTo(c + 2 * incr);
            assertThat(goal & 1).as("goals are odd").isEqualTo(1);
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
            GusReclaimer<Object> gus = (GusReclaimer<Object>) r;
            long incr = gus.increment();
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long c = gp.current();
            gus.ticker().demand(20); // twenty ticks nobody looks at (the ticker ticks only on demand)
            eventually(() -> gus.ticker().ticks() >= 20);
            long goal = gp.advance();
            assertThat(gp.current()).isEqualTo(c + 2 * incr);
            assertThat(goal).isEqualTo(gp.current() + 2 * incr);
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

    @Test
    void theLazyTickerSleepsWhileNoGoalWaitsAndTicksOnDemand() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=1ms", o -> { })) {
            GusReclaimer<Object> gus = (GusReclaimer<Object>) r;
            Ticker ticker = gus.ticker();
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            Thread.sleep(30);
            assertThat(ticker.ticks()).as("no goal named: no tick (and no membarrier)").isZero();
            assertThat(r.stats().membarriers()).isZero();
            eventually(ticker::idle);
            long goal = gp.advance();
            gp.await(goal);
            long ticked = ticker.ticks();
            assertThat(ticked).as("the goal needed two ticks").isGreaterThanOrEqualTo(2);
            eventually(ticker::idle);
            long idleAt = ticker.ticks();
            Thread.sleep(30);
            assertThat(ticker.ticks()).as("met every demand: the ticker sleeps again").isEqualTo(idleAt);
            assertThat(idleAt).as("no more ticks than the goal needed").isLessThanOrEqualTo(2);
            // Polls with nothing pending do not wake it; a sealed batch's advance does.
            for (int i = 0; i < 100; i++) {
                assertThat(gp.poll(goal)).isTrue();
            }
            Thread.sleep(5);
            assertThat(ticker.ticks()).isEqualTo(idleAt);
            s.retire(new Object());
            s.flush();
            eventually(() -> ticker.ticks() >= idleAt + 2);
            s.barrier();
        }
    }

    // ------------------------------------------------------------------ invariants=true

    @Test
    void invariantsUsesFreeBsdsHugeIncrementAndSmallMaximumDelta() {
        try (Reclaimer<Object> plain = Engines.create("gus", o -> { });
             Reclaimer<Object> inv = Engines.create("gus:invariants=true", o -> { });
             Reclaimer<Object> lazy = Engines.create("gus-lazy:invariants=true", o -> { })) {
            assertThat(((GusReclaimer<Object>) plain).increment()).isEqualTo(GusReclaimer.INCR);
            long incr = ((GusReclaimer<Object>) inv).increment();
            assertThat(incr & 1).as("sequences stay odd").isZero();
            assertThat(Long.divideUnsigned(-1L, incr)).as("the clock wraps every 10000 increments").isEqualTo(10_000);
            long lazyIncr = ((GusReclaimer<Object>) lazy).increment();
            assertThat(lazyIncr % (1L << 32)).as("the lazy word's lower half is its tick").isZero();
            assertThat(Long.divideUnsigned(-1L, lazyIncr)).isEqualTo(10_000);
            assertThat(inv.name()).contains("invariants=true");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred:limit=1"})
    void underInvariantsAnAdvance32IncrementsPastTheReadHandWaits(String engine) {
        String withInvariants = engine + (engine.contains(":") ? "," : ":") + "invariants=true";
        try (Reclaimer<Object> inv = Engines.create(withInvariants, o -> { });
             Reclaimer<Object> plain = Engines.create(engine, o -> { })) {
            for (Reclaimer<Object> r : List.of(inv, plain)) {
                GracePeriods gp = (GracePeriods) r.join();
                for (int i = 0; i < 100; i++) {
                    gp.advance(); // no poll in between: only the forced waits move the read hand
                }
            }
            // Advances 32, 64 and 96 find the clock 32 increments past the read hand; each wait's
            // scan finds no reader and raises the read hand to the clock.
            assertThat(((GusReclaimer<Object>) inv).forcedWaits()).isEqualTo(3);
            assertThat(inv.stats().waits()).isEqualTo(3);
            assertThat(((GusReclaimer<Object>) plain).forcedWaits()).as("never, with the ordinary constants").isZero();
        }
    }

    @Test
    void theForcedWaitWaitsForAReaderInsideButNotForTheCallersOwnSection() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus:invariants=true", o -> { });
             Actor reader = new Actor("reader");
             Actor writer = new Actor("writer")) {
            GusReclaimer<Object> gus = (GusReclaimer<Object>) r;
            Session<Object> rs = reader.call(r::join);
            Session<Object> ws = writer.call(r::join);
            GracePeriods gp = (GracePeriods) ws;
            reader.run(rs::enter);
            writer.run(() -> {
                for (int i = 0; i < 31; i++) {
                    gp.advance();
                }
            });
            assertThat(gus.forcedWaits()).isZero();
            java.util.concurrent.Future<?> stuck = writer.start(gp::advance); // the 32nd
            Thread.sleep(100);
            assertThat(stuck.isDone()).as("the forced wait waits for the reader that entered at the start").isFalse();
            reader.run(rs::exit);
            stuck.get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(gus.forcedWaits()).isEqualTo(1);
            // The lab lets a thread retire (hence advance) inside its own section; it must not wait for itself.
            writer.run(() -> {
                ws.enter();
                for (int i = 0; i < 100; i++) {
                    gp.advance();
                }
                ws.exit();
            });
            assertThat(gus.forcedWaits()).isGreaterThan(1);
            reader.run(rs::close);
            writer.run(ws::close);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus:invariants=true", "gus-deferred:invariants=true,limit=4", "gus-lazy:invariants=true,tick=10us"})
    void underInvariantsAGoalHeldAcrossHalfAWrapIsAnsweredWithoutAScan(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, o -> { })) {
            GusReclaimer<Object> gus = (GusReclaimer<Object>) r;
            long incr = gus.increment();
            GracePeriods holder = (GracePeriods) r.join();
            GracePeriods mover = (GracePeriods) r.join();
            long goal = holder.advance();
            long start = mover.current();
            // Move the clock 6000 increments on (the ring holds 10000): the held goal now looks 4000 ahead.
            while (Long.divideUnsigned(mover.current() - start, incr) < 6000) {
                mover.advance();
                mover.poll(mover.current());
            }
            long scans = r.stats().scans();
            assertThat(gus.wrapAnswers()).isZero();
            assertThat(holder.poll(goal)).isTrue();
            assertThat(gus.wrapAnswers()).as("answered by the wrap rule").isEqualTo(1);
            assertThat(r.stats().scans()).as("without a scan").isEqualTo(scans);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus:start=wrap,batch=8", "gus-deferred:start=wrap,batch=8,limit=3", "gus-lazy:start=wrap,batch=8,tick=1ms",
        "gus:start=wrap,batch=8,invariants=true", "gus-deferred:start=wrap,batch=8,limit=3,invariants=true",
        "gus-lazy:start=wrap,batch=8,tick=1ms,invariants=true"})
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

    static void eventually(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(1);
        }
    }
}
