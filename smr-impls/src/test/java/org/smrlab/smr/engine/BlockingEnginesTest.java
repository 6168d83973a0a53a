package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;

/** pserialize and rwlock: the engines whose writers wait. */
class BlockingEnginesTest {

    @Test
    void pserializeSynchronizeBlocksUntilEarlierReadersLeave() throws Exception {
        for (String spec : List.of("pserialize", "pserialize:barrier=fence", "pserialize:coalesce=true")) {
            try (Reclaimer<Object> r = Engines.create(spec, o -> { });
                 Actor reader = new Actor("reader");
                 Actor writer = new Actor("writer")) {
                Session<Object> rs = reader.call(r::join);
                Session<Object> ws = writer.call(r::join);
                reader.run(() -> {
                    rs.enter();
                    rs.enter(); // pserialize sections nest
                    rs.exit();
                });
                Future<?> sync = writer.start(((GracePeriods) ws)::synchronize);
                Thread.sleep(150);
                assertThat(sync.isDone()).as(spec + ": synchronize returned with a reader inside").isFalse();
                reader.run(rs::exit);
                sync.get(10, TimeUnit.SECONDS);
                assertThat(r.stats().gracePeriods()).isEqualTo(1);
                reader.run(rs::close);
                writer.run(ws::close);
            }
        }
    }

    /**
     * Eight threads call synchronize while a reader sits in a section for 150 ms. Each performs its
     * own grace period without coalescing; with it, those that arrive while one runs share the next.
     */
    @Test
    void coalescingSharesGracePeriodsAmongConcurrentCallers() throws Exception {
        Stats alone = concurrentSynchronizes("pserialize:coalesce=false", 8);
        Stats shared = concurrentSynchronizes("pserialize:coalesce=true", 8);
        assertThat(alone.gracePeriods()).isEqualTo(8);
        assertThat(alone.coalesced()).isZero();
        assertThat(shared.gracePeriods()).isLessThanOrEqualTo(3).isLessThan(alone.gracePeriods());
        assertThat(shared.coalesced()).isGreaterThanOrEqualTo(5);
        assertThat(shared.gracePeriods() + shared.coalesced()).isEqualTo(8);
    }

    private static Stats concurrentSynchronizes(String spec, int callers) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, o -> { });
             Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            CountDownLatch joined = new CountDownLatch(callers);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                Thread t = new Thread(() -> {
                    Session<Object> s = r.join();
                    joined.countDown();
                    ((GracePeriods) s).synchronize();
                    s.close();
                });
                t.start();
                threads.add(t);
            }
            joined.await();
            Thread.sleep(150);
            reader.run(rs::exit);
            for (Thread t : threads) {
                t.join(10_000);
                assertThat(t.isAlive()).isFalse();
            }
            reader.run(rs::close);
            return r.stats();
        }
    }

    @Test
    void pserializeRetirePaysOneGracePeriodPerBatchAndFlushNeverWaits() throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("pserialize:batch=4", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            Session<Object> w = r.join();
            for (int i = 0; i < 16; i++) {
                w.retire(new Object());
            }
            assertThat(freed.get()).isEqualTo(16);
            assertThat(r.stats().gracePeriods()).isEqualTo(4);
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            w.retire(new Object());
            w.flush(); // seals, does not wait for the reader
            assertThat(freed.get()).isEqualTo(16);
            reader.run(rs::exit);
            w.barrier();
            assertThat(freed.get()).isEqualTo(17);
            reader.run(rs::close);
        }
    }

    @Test
    void rwlockRetireWaitsForReaders() throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("rwlock", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader");
             Actor writer = new Actor("writer")) {
            Session<Object> rs = reader.call(r::join);
            Session<Object> ws = writer.call(r::join);
            reader.run(rs::enter);
            Future<?> retire = writer.start(() -> ws.retire(new Object()));
            Thread.sleep(150);
            assertThat(retire.isDone()).as("retire returned while a reader held the lock").isFalse();
            assertThat(freed.get()).isZero();
            reader.run(rs::exit);
            retire.get(10, TimeUnit.SECONDS);
            assertThat(freed.get()).as("freed at once, inside retire").isEqualTo(1);
            assertThat(r.stats().pending()).isZero();
            reader.run(rs::close);
            writer.run(ws::close);
        }
    }

    @Test
    void rwlockFlushNeverWaits() throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("rwlock:batch=8", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            Session<Object> w = r.join();
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            w.retire(new Object());
            w.flush();
            assertThat(freed.get()).isZero();
            reader.run(rs::exit);
            w.flush();
            assertThat(freed.get()).isEqualTo(1);
            reader.run(rs::close);
        }
    }
}
