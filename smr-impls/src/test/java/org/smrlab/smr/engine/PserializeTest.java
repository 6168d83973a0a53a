package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.FaultInjector.InjectedFault;
import org.smrlab.smr.engine.FaultInjector.Point;
import org.smrlab.smr.engine.HandOnTest.FreeLog;

/**
 * pserialize (issue 9, defects 3 to 5): a grace period that fails is never published as done and
 * every waiter sees the failure; advance then repeated poll completes on its own; async retire
 * never blocks; the default models current NetBSD.
 */
class PserializeTest {

    static PserializeReclaimer<?> engineOf(Reclaimer<?> r) {
        return (PserializeReclaimer<?>) r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pserialize", "pserialize:coalesce=true", "pserialize:barrier=fence",
        "pserialize:coalesce=true,barrier=fence", "pserialize:async=true"})
    void aGracePeriodWhoseBarrierFailsIsNeverPublishedAsDone(String spec) {
        try (Reclaimer<Object> r = Engines.create(spec, o -> { })) {
            GracePeriods gp = (GracePeriods) r.join();
            long before = gp.current();
            long goal = gp.advance();
            engineOf(r).injectFaults(FaultInjector.next(1, Point.BARRIER));
            assertThatThrownBy(() -> gp.await(goal)).isInstanceOf(InjectedFault.class);
            assertThat(gp.current()).as("the failed grace period was published").isEqualTo(before);
            assertThat(r.stats().gracePeriods()).isZero();
            gp.await(goal); // the next one succeeds
            assertThat(gp.poll(goal)).isTrue();
            assertThat(r.stats().gracePeriods()).isEqualTo(1);
        }
    }

    /** A batch whose grace period failed stays pending, is freed by a later one, exactly once. */
    @ParameterizedTest
    @ValueSource(strings = {"pserialize:batch=4", "pserialize:batch=4,coalesce=true", "pserialize:batch=4,async=true"})
    void aBatchWhoseGracePeriodFailedIsFreedLaterExactlyOnce(String spec) throws Exception {
        FreeLog log = new FreeLog();
        List<Object> nodes = new ArrayList<>();
        try (Reclaimer<Object> r = Engines.create(spec, log::free); Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            Session<Object> w = r.join();
            engineOf(r).injectFaults(FaultInjector.next(1, Point.BARRIER));
            int failures = 0;
            for (int i = 0; i < 4; i++) {
                Object o = new Object();
                nodes.add(o);
                try {
                    w.retire(o); // the fourth fills the batch: its grace period's barrier fails
                } catch (InjectedFault e) {
                    failures++;
                }
            }
            assertThat(failures).as("the failure reached the retiring thread").isEqualTo(1);
            for (int i = 0; i < 5; i++) {
                w.flush(); // polls the batch's goal: a failed grace period published as done would free it here
            }
            assertThat(log.frees).as("nothing freed: the reader is inside").isEmpty();
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            w.barrier();
            w.close();
        }
        for (Object o : nodes) {
            assertThat(log.timesFreed(o)).isEqualTo(1);
        }
    }

    /**
     * coalesce=true: A performs a grace period while a reader is inside; B and C arrive meanwhile
     * and need the next one. The next one's barrier fails: both B and C must see a failure, neither
     * may return as if its grace period had happened.
     */
    @Test
    void everyWaiterOfAFailedGracePeriodSeesTheFailure() throws Exception {
        try (Reclaimer<Object> r = Engines.create("pserialize:coalesce=true", o -> { });
             Actor reader = new Actor("reader"); Actor a = new Actor("a"); Actor b = new Actor("b"); Actor c = new Actor("c")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            GracePeriods ga = (GracePeriods) a.call(r::join);
            GracePeriods gb = (GracePeriods) b.call(r::join);
            GracePeriods gc = (GracePeriods) c.call(r::join);
            Future<?> fa = a.start(ga::synchronize);
            long deadline0 = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((ga.current() & 1) == 0 && System.nanoTime() < deadline0) {
                Thread.sleep(1); // until A's grace period is in flight (A waits for the reader)
            }
            long before = ga.current();
            assertThat(before & 1).as("A's grace period is in flight").isEqualTo(1);
            Future<?> fb = b.start(gb::synchronize);
            Future<?> fc = c.start(gc::synchronize);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (engineOf(r).sleepingWaiters() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(1); // both asleep behind A's grace period, their goals taken while it ran
            }
            assertThat(engineOf(r).sleepingWaiters()).isEqualTo(2);
            engineOf(r).injectFaults(FaultInjector.next(1, Point.BARRIER));
            reader.run(rs::exit);
            fa.get(10, TimeUnit.SECONDS); // A's grace period completes
            int failed = 0;
            for (Future<?> f : List.of(fb, fc)) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOfAny(InjectedFault.class, IllegalStateException.class);
                    failed++;
                }
            }
            assertThat(failed).as("both waiters of the failed grace period saw the failure").isEqualTo(2);
            assertThat(ga.current()).as("only A's grace period was published").isEqualTo(before + 1);
            reader.run(rs::close);
        }
    }

    /** smr(9)'s "advance now, poll later": repeated polls complete the grace period on their own. */
    @ParameterizedTest
    @ValueSource(strings = {"pserialize", "pserialize:coalesce=true", "pserialize:barrier=fence", "pserialize:async=true"})
    void advanceThenRepeatedPollCompletesOnItsOwn(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, o -> { }); Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            GracePeriods gp = (GracePeriods) r.join();
            long goal = gp.advance();
            for (int i = 0; i < 20; i++) {
                assertThat(gp.poll(goal)).as("reached while a reader that entered before the advance is inside").isFalse();
            }
            reader.run(rs::exit);
            boolean reached = false;
            for (int i = 0; i < 10 && !reached; i++) {
                reached = gp.poll(goal); // no await anywhere: polls alone drive the grace period
            }
            assertThat(reached).as("advance then poll never completed").isTrue();
            assertThat(r.stats().waits()).as("no blocking wait was taken").isZero();
            reader.run(rs::close);
        }
    }

    /** async=true: retire never blocks, even with a reader inside; later flushes free everything. */
    @Test
    void asyncRetireNeverBlocksAndLaterFlushesFreeEverything() throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("pserialize:batch=4,async=true", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader"); Actor writer = new Actor("writer")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            Session<Object> w = writer.call(r::join);
            writer.run(() -> {
                for (int i = 0; i < 12; i++) {
                    w.retire(new Object()); // three full batches; a blocking pserialize would wait here
                }
            });
            assertThat(freed.get()).isZero();
            assertThat(r.stats().waits()).isZero();
            reader.run(rs::exit);
            for (int i = 0; i < 10 && freed.get() < 12; i++) {
                writer.run(w::flush);
            }
            assertThat(freed.get()).isEqualTo(12);
            assertThat(r.stats().waits()).as("never a blocking wait").isZero();
            reader.run(rs::close);
            writer.run(w::close);
        }
    }

    @Test
    void theDefaultModelsCurrentNetbsdAndCoalescingIsTheOption() {
        assertThat(Engines.canonical("pserialize")).contains("coalesce=false").contains("async=false");
        assertThat(Engines.canonical("pserialize:coalesce=true")).contains("coalesce=true");
    }

    /** gus-lazy: a tick whose barrier fails is not counted, so no lazy goal completes without one. */
    @Test
    void aLazyTickWhoseBarrierFailsIsNotCounted() throws Exception {
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=1ms", o -> { })) {
            FaultInjector always = FaultInjector.every(1, Point.BARRIER);
            ((AbstractReclaimer<?>) r).injectFaults(always);
            GracePeriods gp = (GracePeriods) r.join();
            long goal = gp.advance();
            for (int i = 0; i < 20; i++) {
                Thread.sleep(1);
                assertThat(gp.poll(goal)).as("a lazy goal completed with every barrier failing").isFalse();
            }
            assertThat(always.injected(Point.BARRIER)).isPositive();
            ((AbstractReclaimer<?>) r).injectFaults(null);
            gp.await(goal); // the ticker lived on
            assertThat(gp.poll(goal)).isTrue();
        }
    }
}
