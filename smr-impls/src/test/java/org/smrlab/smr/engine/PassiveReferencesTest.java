package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * psref(9) and localcount(9): references held across sleeps, and a destroy that waits, blocking,
 * for the references to the node it destroys, and only for those.
 */
class PassiveReferencesTest {

    /** The reader holds a reference across a sleep; retiring that node blocks until the reader lets go. */
    @ParameterizedTest
    @ValueSource(strings = {"psref:batch=1", "localcount:batch=1", "psref:batch=1,barrier=fence", "localcount:batch=1,barrier=fence"})
    void aReferenceHeldAcrossASleepBlocksTheDestroyUntilReleased(String spec) throws Exception {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<HeaderNode> r = Engines.create(spec, freed::add);
             Actor reader = new Actor("reader");
             Actor writer = new Actor("writer")) {
            HeaderNode x = new HeaderNode("x");
            AtomicReference<HeaderNode> link = new AtomicReference<>(x);
            Session<HeaderNode> rs = reader.call(r::join);
            Session<HeaderNode> ws = writer.call(r::join);
            reader.run(() -> {
                rs.enter();
                assertThat(rs.protect(0, link)).isSameAs(x);
            });
            reader.run(() -> sleep(20)); // holding the reference across a sleep is what these engines allow
            link.set(new HeaderNode("y")); // unlink
            Future<?> destroy = writer.start(() -> ws.retire(x));
            Thread.sleep(150);
            assertThat(destroy.isDone()).as(spec + ": the destroy waits for the reference").isFalse();
            assertThat(freed).doesNotContain(x);
            reader.run(rs::exit); // psref_release / localcount_release
            destroy.get(10, TimeUnit.SECONDS);
            assertThat(freed).contains(x);
            assertThat(r.stats().gracePeriods()).as("the destroy waited for a pserialize grace period").isPositive();
            assertThat(r.stats().waits()).isPositive();
            reader.run(rs::close);
            writer.run(ws::close);
        }
    }

    /** Unlike a grace period, the destroy waits only for references to its own nodes: a reader holding another node does not delay it. */
    @ParameterizedTest
    @ValueSource(strings = {"psref:batch=1", "localcount:batch=1"})
    void aReaderHoldingAnotherNodeDoesNotDelayTheDestroy(String spec) throws Exception {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<HeaderNode> r = Engines.create(spec, freed::add);
             Actor reader = new Actor("reader")) {
            AtomicReference<HeaderNode> held = new AtomicReference<>(new HeaderNode("held"));
            Session<HeaderNode> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, held); // and stays inside, for the whole test
            });
            Session<HeaderNode> w = r.join();
            for (int i = 0; i < 100; i++) {
                w.retire(new HeaderNode("x" + i)); // never reachable by the reader
            }
            assertThat(freed).hasSize(100);
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
        }
    }

    /** flush seals without waiting; barrier waits for the grace period and the references. */
    @ParameterizedTest
    @ValueSource(strings = {"psref", "localcount"})
    void aFlushedBatchIsFreedOnceTheReferencesAreGone(String engine) throws Exception {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<HeaderNode> r = Engines.create(engine, freed::add);
             Actor reader = new Actor("reader")) {
            HeaderNode x = new HeaderNode("x");
            AtomicReference<HeaderNode> link = new AtomicReference<>(x);
            Session<HeaderNode> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(1, link);
            });
            Session<HeaderNode> w = r.join();
            link.set(null);
            w.retire(x);
            w.flush(); // never waits
            assertThat(freed).isEmpty();
            reader.run(rs::exit);
            w.barrier();
            assertThat(freed).containsExactly(x);
            reader.run(rs::close);
        }
    }

    /** protect(slot, ...) again drops what the slot held; the other slot keeps its node. */
    @ParameterizedTest
    @ValueSource(strings = {"psref:batch=1", "localcount:batch=1"})
    void reusingASlotReleasesWhatItHeld(String spec) throws Exception {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<HeaderNode> r = Engines.create(spec, freed::add);
             Actor reader = new Actor("reader")) {
            HeaderNode a = new HeaderNode("a");
            HeaderNode b = new HeaderNode("b");
            AtomicReference<HeaderNode> link = new AtomicReference<>(a);
            AtomicReference<HeaderNode> other = new AtomicReference<>(b);
            Session<HeaderNode> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, link);  // a in slot 0
                rs.protect(1, other); // b in slot 1
            });
            link.set(new HeaderNode("c"));
            reader.run(() -> rs.protect(0, link)); // slot 0 now holds c: a is released
            Session<HeaderNode> w = r.join();
            w.retire(a); // batch=1: returns once a is destroyed, which it can be
            assertThat(freed).containsExactly(a);
            assertThatThrownBy(() -> reader.call(() -> rs.protect(2, link)))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class).hasStackTraceContaining("out of range 0..1");
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
        }
    }

    /** Destroying a node the destroyer itself references would wait forever: it is refused instead. */
    @ParameterizedTest
    @ValueSource(strings = {"psref:batch=1", "localcount:batch=1"})
    void destroyingANodeTheCallerStillReferencesFailsInsteadOfHanging(String spec) {
        try (Reclaimer<HeaderNode> r = Engines.create(spec, n -> { })) {
            HeaderNode x = new HeaderNode("x");
            AtomicReference<HeaderNode> link = new AtomicReference<>(x);
            Session<HeaderNode> s = r.join();
            s.enter();
            s.protect(0, link);
            link.set(null);
            assertThatThrownBy(() -> s.retire(x)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("still references").hasMessageContaining("would wait forever");
            s.exit();
            s.barrier(); // released now: the sealed batch is destroyed and freed
            assertThat(r.stats().freed()).isEqualTo(1);
        }
    }

    /** localcount's space: every thread's area has a column for every object it ever counted. */
    @Test
    void localcountFootprintGrowsWithThreadsTimesObjects() throws Exception {
        try (Reclaimer<HeaderNode> r = Engines.create("localcount", n -> { });
             Actor other = new Actor("other")) {
            LocalCountReclaimer<HeaderNode> lc = (LocalCountReclaimer<HeaderNode>) r;
            Session<HeaderNode> s = r.join();
            Session<HeaderNode> o = other.call(r::join);
            int objects = 100;
            AtomicReference<HeaderNode> link = new AtomicReference<>();
            for (int i = 0; i < objects; i++) {
                HeaderNode n = new HeaderNode("n" + i);
                ((Births<HeaderNode>) s).born(n); // localcount_init: a column
                link.set(n);
                s.enter();
                s.protect(0, link);
                s.exit();
                other.run(() -> {
                    o.enter();
                    o.protect(0, link);
                    o.exit();
                });
            }
            assertThat(lc.countWords()).as("two threads x at least 100 columns").isGreaterThanOrEqualTo(2L * objects);
            assertThat(r.stats().engineWords()).as("the footprint in Stats: the records, their slots, the columns")
                    .isGreaterThanOrEqualTo(lc.countWords() + 2);
            try (Reclaimer<HeaderNode> psref = Engines.create("psref", n -> { })) {
                psref.join();
                assertThat(psref.stats().engineWords()).as("psref: no per-node words, a record and its slots per thread")
                        .isLessThan(16);
            }
            other.run(o::close);
        }
    }

    /** Nodes without an SmrHeader get their column from a side table, and give it back when drained. */
    @Test
    void localcountCountsForeignNodesToo() throws Exception {
        Set<Object> freed = ConcurrentHashMap.newKeySet();
        try (Reclaimer<Object> r = Engines.create("localcount:batch=1", freed::add);
             Actor reader = new Actor("reader")) {
            Object x = new Object();
            AtomicReference<Object> link = new AtomicReference<>(x);
            Session<Object> rs = reader.call(r::join);
            reader.run(() -> {
                rs.enter();
                rs.protect(0, link);
            });
            Session<Object> w = r.join();
            link.set(null);
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(150);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                reader.run(rs::exit);
            });
            t.start();
            long t0 = System.nanoTime();
            w.retire(x); // blocks until the reader exits
            assertThat(System.nanoTime() - t0).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(100));
            assertThat(freed).containsExactly(x);
            t.join();
            reader.run(rs::close);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
