package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;

/** Threads come and go; nothing retired is lost, nothing is freed twice, close() frees the rest. */
class LifecycleTest {

    static List<String> freeingEngines() {
        List<String> l = new ArrayList<>(Engines.names());
        l.remove("none");
        return l;
    }

    @ParameterizedTest
    @MethodSource("freeingEngines")
    void closeFreesEverythingPendingExactlyOnce(String engine) {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        AtomicLong calls = new AtomicLong();
        Reclaimer<Object> r = Engines.create(engine + ":batch=16", o -> {
            calls.incrementAndGet();
            assertThat(freed.add(o)).as("freed twice").isTrue();
        });
        Session<Object> s = r.join();
        for (int i = 0; i < 1000; i++) {
            s.retire(new Object()); // never flushed, never quiescent: much stays pending
        }
        r.close(); // closes the caller's own session too
        r.close(); // idempotent
        assertThat(calls.get()).isEqualTo(1000);
        Stats st = r.stats();
        assertThat(st.retired()).isEqualTo(1000);
        assertThat(st.freed()).isEqualTo(1000);
        assertThat(st.pending()).isZero();
    }

    @Test
    void noneNeverFrees() {
        AtomicLong calls = new AtomicLong();
        Reclaimer<Object> r = Engines.create("none", o -> calls.incrementAndGet());
        Session<Object> s = r.join();
        for (int i = 0; i < 1000; i++) {
            s.retire(new Object());
        }
        s.barrier(); // nothing to wait for: nothing will ever be freed
        r.close();
        assertThat(calls.get()).isZero();
        assertThat(r.stats().pending()).isEqualTo(1000);
        assertThat(r.stats().peakPending()).isEqualTo(1000);
    }

    @ParameterizedTest
    @MethodSource("freeingEngines")
    void aClosedSessionHandsItsPendingNodesOnAndOthersFreeThem(String engine) throws Exception {
        AtomicLong calls = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create(engine + ":batch=8", o -> calls.incrementAndGet());
             Actor leaver = new Actor("leaver")) {
            leaver.run(() -> {
                Session<Object> s = r.join();
                for (int i = 0; i < 20; i++) {
                    s.retire(new Object());
                }
                s.close();
            });
            long afterLeave = calls.get();
            Session<Object> stayer = r.join();
            stayer.quiescent();
            stayer.barrier(); // adopts what was handed on, and waits for it
            stayer.flush();
            if (!engine.equals("broken") && !engine.equals("rwlock") && !engine.equals("pserialize")) {
                assertThat(afterLeave).as("some were still pending when the leaver closed").isLessThan(20);
            }
            for (int i = 0; i < 100 && calls.get() < 20; i++) {
                stayer.quiescent();
                stayer.retire(new Object()); // each seal adopts and reclaims
                stayer.barrier();
            }
            assertThat(calls.get()).isGreaterThanOrEqualTo(20);
        }
    }

    @ParameterizedTest
    @MethodSource("freeingEngines")
    void recordsAreReusedUnderChurn(String engine) throws Exception {
        AtomicLong calls = new AtomicLong();
        Reclaimer<Object> r = Engines.create(engine + ":batch=4", o -> calls.incrementAndGet());
        for (int round = 0; round < 50; round++) {
            try (Actor a = new Actor("churn-" + round)) {
                a.run(() -> {
                    Session<Object> s = r.join();
                    s.enter();
                    s.exit();
                    s.retire(new Object());
                    s.close();
                });
            }
        }
        AbstractReclaimer<Object> domain = (AbstractReclaimer<Object>) r;
        assertThat(domain.registry.snapshot().length).as("one record, reused").isEqualTo(1);
        r.close();
        assertThat(calls.get()).isEqualTo(50);
    }

    @Test
    void closeAdoptsTheSessionsOfThreadsThatDiedWithoutClosing() throws Exception {
        AtomicLong calls = new AtomicLong();
        Reclaimer<Object> r = Engines.create("gus:batch=100", o -> calls.incrementAndGet());
        Thread t = new Thread(() -> {
            Session<Object> s = r.join();
            for (int i = 0; i < 10; i++) {
                s.retire(new Object());
            }
        });
        t.start();
        t.join();
        r.close();
        assertThat(calls.get()).isEqualTo(10);
    }

    @Test
    void closeWaitsForSessionsOfOtherLiveThreads() throws Exception {
        AtomicLong calls = new AtomicLong();
        Reclaimer<Object> r = Engines.create("ebr:batch=100", o -> calls.incrementAndGet());
        try (Actor other = new Actor("other")) {
            Session<Object> s = other.call(r::join);
            other.run(() -> s.retire(new Object()));
            Thread closer = new Thread(r::close);
            closer.start();
            closer.join(200);
            assertThat(closer.isAlive()).as("close() waits for the other thread's session").isTrue();
            other.run(s::close);
            closer.join(5_000);
            assertThat(closer.isAlive()).isFalse();
            assertThat(calls.get()).isEqualTo(1);
        }
    }

    @Test
    void useAfterCloseIsRefused() {
        Reclaimer<Object> r = Engines.create("gus", o -> { });
        Session<Object> s = r.join();
        s.close();
        s.close(); // idempotent
        assertThatThrownBy(() -> s.retire(new Object())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed session");
        r.close();
        assertThatThrownBy(r::join).isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
    }

    @Test
    void statsAreSummedOverThreadsAndPeakIsSeen() throws Exception {
        Reclaimer<Object> r = Engines.create("gus:batch=10", o -> { });
        try (Actor a = new Actor("a"); Actor b = new Actor("b"); Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter); // holds everything back
            for (Actor x : List.of(a, b)) {
                x.run(() -> {
                    Session<Object> s = x == a ? r.join() : r.join();
                    for (int i = 0; i < 100; i++) {
                        s.retire(new Object());
                    }
                    s.close();
                });
            }
            Stats st = r.stats();
            assertThat(st.retired()).isEqualTo(200);
            assertThat(st.freed()).isZero();
            assertThat(st.pending()).isEqualTo(200);
            assertThat(st.advances()).isEqualTo(20);
            assertThat(st.polls()).isEqualTo(st.pollFailures()).isEqualTo(20);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            r.close();
            Stats end = r.stats();
            assertThat(end.freed()).isEqualTo(200);
            assertThat(end.peakPending()).isEqualTo(200);
        }
    }
}
