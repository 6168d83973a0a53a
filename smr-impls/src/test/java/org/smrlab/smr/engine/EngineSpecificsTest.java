package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/** qsbr, ebr, hp and the asymmetric barrier: what is particular to each. */
class EngineSpecificsTest {

    @Test
    void qsbrFreesNothingUntilEveryOnlineThreadAnnouncesAQuiescentState() throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("qsbr:batch=4", o -> freed.incrementAndGet());
             Actor other = new Actor("other")) {
            Session<Object> w = r.join();
            Session<Object> o = other.call(r::join); // online, never quiescent
            for (int i = 0; i < 40; i++) {
                w.retire(new Object());
                w.quiescent();
            }
            w.flush();
            assertThat(freed.get()).as("the other thread never announced a quiescent state").isZero();
            other.run(o::quiescent);
            w.quiescent();
            w.flush();
            assertThat(freed.get()).isEqualTo(40);
            // An offline thread is skipped.
            other.run(o::close);
            for (int i = 0; i < 4; i++) {
                w.retire(new Object());
            }
            w.quiescent();
            w.flush();
            assertThat(freed.get()).isEqualTo(44);
        }
    }

    @Test
    void qsbrAnOfflineThreadHoldsNothingBackAndComesBackOnline() throws Exception {
        try (Reclaimer<Object> r = Engines.create("qsbr", o -> { });
             Actor other = new Actor("other")) {
            Session<Object> w = r.join();
            GracePeriods gp = (GracePeriods) w;
            Session<Object> o = other.call(r::join);
            Offline off = (Offline) o;
            long goal = gp.advance();
            w.quiescent();
            assertThat(gp.poll(goal)).as("the other thread is online and silent").isFalse();
            other.run(off::offline);
            assertThat(other.call(off::isOffline)).isTrue();
            other.run(o::quiescent); // offline: announces nothing, stays offline
            assertThat(other.call(off::isOffline)).isTrue();
            assertThat(gp.poll(goal)).as("offline threads are skipped").isTrue();
            other.run(off::online);
            long next = gp.advance();
            w.quiescent();
            assertThat(gp.poll(next)).as("online again: its quiescent states count").isFalse();
            other.run(o::quiescent);
            assertThat(gp.poll(next)).isTrue();
            other.run(o::close);
        }
    }

    @Test
    void qsbrAWritersOwnBatchesWaitForItsOwnQuiescentState() {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("qsbr:batch=4", o -> freed.incrementAndGet())) {
            Session<Object> w = r.join();
            for (int i = 0; i < 40; i++) {
                w.retire(new Object()); // it may still hold references to what it retires
            }
            assertThat(freed.get()).isZero();
            w.quiescent();
            w.flush();
            assertThat(freed.get()).isEqualTo(40);
        }
    }

    @Test
    void ebrAStalledReaderPinsTheEpoch() throws Exception {
        try (Reclaimer<Object> r = Engines.create("ebr", o -> { });
             Actor reader = new Actor("reader")) {
            Session<Object> w = r.join();
            GracePeriods gp = (GracePeriods) w;
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter);
            long e = gp.current();
            for (int i = 0; i < 10; i++) {
                gp.poll(gp.advance());
            }
            assertThat(gp.current()).as("the epoch moves at most once past the reader's").isLessThanOrEqualTo(e + 1);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            long goal = gp.advance();
            assertThat(gp.poll(goal)).isTrue();
            assertThat(gp.current()).isGreaterThanOrEqualTo(e + 3);
        }
    }

    @Test
    void hpProtectRevalidatesAndExitDropsEveryProtection() throws Exception {
        AtomicLong freed = new AtomicLong();
        Object a = new Object();
        AtomicReference<Object> link = new AtomicReference<>(a);
        try (Reclaimer<Object> r = Engines.create("hp:batch=1,slots=2", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            Object got = reader.call(() -> {
                rs.enter();
                return rs.protect(0, link);
            });
            assertThat(got).isSameAs(a);
            Session<Object> w = r.join();
            link.set(new Object());
            w.retire(a); // batch=1: scans at once, finds the hazard
            assertThat(freed.get()).as("a protected node survives the scan").isZero();
            assertThat(r.stats().scans()).isEqualTo(1);
            reader.run(rs::exit); // drops the protection
            w.flush();
            assertThat(freed.get()).isEqualTo(1);
            assertThatThrownBy(() -> reader.call(() -> rs.protect(2, link)))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("out of range 0..1");
            reader.run(rs::close);
        }
    }

    @Test
    void hpPendingIsBoundedByHazardsPlusBatchEvenWithAStalledReader() throws Exception {
        int batch = 16;
        int slots = 2;
        try (Reclaimer<Object> r = Engines.create("hp:batch=" + batch + ",slots=" + slots, o -> { });
             Actor reader = new Actor("reader")) {
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            Session<Object> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, link); // and stays inside
            });
            Session<Object> w = r.join();
            w.retire(link.getAndSet(new Object()));
            long sampledPeak = 0; // engines do not sample pending when they free: the test samples, after every retire
            for (int i = 0; i < 10_000; i++) {
                w.retire(new Object());
                sampledPeak = Math.max(sampledPeak, r.stats().pending());
            }
            int hazards = slots * 2; // two threads
            assertThat(sampledPeak).isGreaterThanOrEqualTo(batch - 1).isLessThanOrEqualTo(hazards + batch);
            assertThat(r.stats().peakPending()).as("the snapshots' own peak").isEqualTo(sampledPeak);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
        }
    }

    @Test
    void theAsymmetricBarrierIsUsedWhereTheJdkReachesItAndNamedEitherWay() {
        boolean modern = Runtime.version().feature() >= 22 && System.getProperty("os.name").toLowerCase().contains("linux");
        assertThat(Membarrier.available()).as(Membarrier.status()).isEqualTo(modern);
        try (Reclaimer<Object> r = Engines.create("hp", o -> { })) {
            assertThat(r.name()).as("hp keeps Michael's fenced protect unless asked").contains("barrier=fence");
        }
        for (String engine : new String[] {"gus-lazy", "pserialize", "hp-asym", "hp:barrier=auto", "psref", "localcount"}) {
            try (Reclaimer<Object> r = Engines.create(engine, o -> { })) {
                assertThat(r.name()).contains(modern ? "barrier=membarrier" : "barrier=fence");
            }
            String base = engine.replace(":barrier=auto", "");
            try (Reclaimer<Object> r = Engines.create(base + ":barrier=fence", o -> { })) {
                assertThat(r.name()).contains("barrier=fence");
            }
            if (modern) {
                try (Reclaimer<Object> r = Engines.create(base + ":barrier=membarrier", o -> { })) {
                    assertThat(r.name()).contains("barrier=membarrier");
                }
            } else {
                assertThatThrownBy(() -> Engines.create(base + ":barrier=membarrier", o -> { }))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("membarrier needs Linux and JDK 22+")
                        .hasMessageContaining("barrier=fence");
            }
        }
    }

    @Test
    void membarrierIsIssuedByTheLazyTickerAndByEveryPserializeGracePeriod() throws Exception {
        if (!Membarrier.available()) {
            return; // the fenced path is covered everywhere else; CI runs this class on JDK 25 as well
        }
        try (Reclaimer<Object> r = Engines.create("gus-lazy:tick=1ms", o -> { })) {
            Thread.sleep(50);
            assertThat(r.stats().membarriers()).as("no goal named: the ticker sleeps, no membarrier").isZero();
            GracePeriods gp = (GracePeriods) r.join();
            gp.synchronize(); // a goal two ticks ahead: two ticks, each after a membarrier
            long issued = r.stats().membarriers();
            assertThat(issued).isGreaterThanOrEqualTo(2);
            Thread.sleep(50);
            assertThat(r.stats().membarriers()).as("every demanded tick counted: asleep again").isLessThanOrEqualTo(issued + 1);
        }
        try (Reclaimer<Object> r = Engines.create("pserialize", o -> { })) {
            GracePeriods gp = (GracePeriods) r.join();
            gp.synchronize();
            gp.synchronize();
            assertThat(r.stats().membarriers()).isEqualTo(2);
        }
    }

    /** hp-asym: the reclaimer pays the barrier, once per scan; protect pays none. */
    @Test
    void asymmetricHazardPointersIssueOneMembarrierPerScan() throws Exception {
        if (!Membarrier.available()) {
            return; // hp-asym falls back to hp's fenced protect: covered by every hp test
        }
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create("hp:batch=4,barrier=membarrier", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            assertThat(((HazardPointers<Object>) r).usesMembarrier()).isTrue();
            Object a = new Object();
            AtomicReference<Object> link = new AtomicReference<>(a);
            Session<Object> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, link);
            });
            Session<Object> w = r.join();
            link.set(new Object());
            w.retire(a);
            for (int i = 0; i < 7; i++) {
                w.retire(new Object());
            }
            assertThat(r.stats().scans()).isEqualTo(2);
            assertThat(r.stats().membarriers()).as("one per scan").isEqualTo(2);
            assertThat(freed.get()).as("the protected node survived both scans").isEqualTo(7);
            reader.run(rs::exit);
            w.flush();
            assertThat(freed.get()).isEqualTo(8);
            reader.run(rs::close);
        }
    }
}
