package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;

/**
 * The time writers spend blocked ({@link Stats#waitNanos}, and the wait probe): a wait that lasts
 * while a reader holds its section is counted with at least that duration, on every engine that
 * blocks; an engine that never blocks its writer reports none, however much it retires.
 */
class WaitAccountingTest {
    static final long HOLD_MS = 30;

    /**
     * A reader on another thread that stays inside one section for {@link #HOLD_MS}, then leaves;
     * {@code exitAt} gets the clock just before its exit. (On a loaded machine the writer may start
     * its wait late, so tests compare the wait with the time from its start to that exit.)
     */
    static Thread holdSection(Reclaimer<Object> r, CountDownLatch inside, AtomicLong exitAt) {
        Thread t = new Thread(() -> {
            try (Session<Object> s = r.join()) {
                s.enter();
                inside.countDown();
                try {
                    Thread.sleep(HOLD_MS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exitAt.set(System.nanoTime());
                s.exit();
            }
        }, "reader");
        t.start();
        return t;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize", "pserialize:coalesce=true"})
    void aWaitForAReaderIsTimed(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, x -> { })) {
            AtomicLong probed = new AtomicLong();
            assertThat(WaitProbes.attach(r, probed::addAndGet)).isTrue();
            Session<Object> writer = r.join();
            CountDownLatch inside = new CountDownLatch(1);
            AtomicLong exitAt = new AtomicLong();
            Thread reader = holdSection(r, inside, exitAt);
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            GracePeriods gp = (GracePeriods) writer;
            long goal = gp.advance();
            long t0 = System.nanoTime();
            gp.await(goal); // synchronize's wait, timed from just before it (the clock read of beginWait follows at once)
            long took = System.nanoTime() - t0;
            reader.join();
            Stats s = r.stats();
            assertThat(s.waits()).as(spec).isGreaterThanOrEqualTo(1);
            assertThat(s.waitNanos()).as(spec + ": blocked time").isLessThanOrEqualTo(took);
            // at least until the reader left, give or take a preemption between t0 and the wait's own clock read
            assertThat(s.waitNanos()).as(spec + ": blocked until the reader left").isGreaterThanOrEqualTo((exitAt.get() - t0) / 2);
            assertThat(probed.get()).as(spec + ": the probe saw the same waits").isEqualTo(s.waitNanos());
            writer.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pserialize:batch=1", "rwlock:batch=1"})
    void aBlockingRetireIsTimed(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, x -> { })) {
            Session<Object> writer = r.join();
            CountDownLatch inside = new CountDownLatch(1);
            AtomicLong exitAt = new AtomicLong();
            Thread reader = holdSection(r, inside, exitAt);
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            writer.retire(new Object());
            long took = System.nanoTime() - t0;
            reader.join();
            assertThat(r.stats().waits()).as(spec).isEqualTo(1);
            assertThat(r.stats().waitNanos()).as(spec).isGreaterThanOrEqualTo((exitAt.get() - t0) / 2).isLessThanOrEqualTo(took);
            writer.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-lazy", "qsbr", "ebr", "hp", "none", "pserialize:async=true"})
    void anEngineThatNeverBlocksItsWriterReportsNoBlockedTime(String spec) {
        try (Reclaimer<Object> r = Engines.create(spec, x -> { })) {
            Session<Object> writer = r.join();
            for (int i = 0; i < 10_000; i++) {
                writer.retire(new Object());
                writer.quiescent();
            }
            writer.flush();
            assertThat(r.stats().waits()).as(spec).isZero();
            assertThat(r.stats().waitNanos()).as(spec).isZero();
            writer.close();
        }
    }

    @Test
    void theProbeIsFoundThroughCheckedMode() {
        try (Reclaimer<Object> r = Engines.create("gus:checked=true", x -> { })) {
            AtomicLong waits = new AtomicLong();
            assertThat(WaitProbes.attach(r, n -> waits.incrementAndGet())).isTrue();
            Session<Object> s = r.join();
            ((GracePeriods) s).synchronize();
            s.close();
            assertThat(waits.get()).isEqualTo(r.stats().waits());
        }
    }
}
