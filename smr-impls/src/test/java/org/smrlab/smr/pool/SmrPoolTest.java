package org.smrlab.smr.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.EngineType;

class SmrPoolTest {

    static Stream<String> safeEngines() {
        return Engines.safeNames().stream();
    }

    @Test
    void anEmptyPoolAllocatesAFreshLiveNode() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            assertThat(n.generation()).isZero();
            assertThat(n.isPoisoned()).isFalse();
            PoolStats st = pool.stats();
            assertThat(st.gets()).isEqualTo(1);
            assertThat(st.slowGets()).isEqualTo(1);
            assertThat(st.allocated()).isEqualTo(1);
            assertThat(st.footprint()).isEqualTo(1);
            assertThat(st.slowGetNanos()).as("no probe: no clock read").isZero();
        }
    }

    /** get tells a Births session about every node it hands out, fresh or reused: the engine stamps its word. */
    @Test
    void getStampsEveryNodeItHandsOutWhenTheEngineWantsBirths() {
        try (SmrPool<TestNode> pool = new SmrPool<>("he:batch=1", TestNode::new)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode first = pool.get(s);
            assertThat(first.smrHeader()).as("born in era 1").isEqualTo(1);
            pool.put(s, first); // batch=1: the clock moves to 2, the scan frees it
            assertThat(first.isPoisoned()).isTrue();
            TestNode again = pool.get(s);
            assertThat(again).as("reused").isSameAs(first);
            assertThat(again.smrHeader()).as("born again, in the current era").isEqualTo(2);
        }
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new)) {
            TestNode n = pool.get(pool.reclaimer().join());
            assertThat(n.smrHeader()).as("engines without births leave the word alone").isZero();
        }
    }

    @Test
    void aFreedNodeIsPoisonedWithAnOddGenerationAndReusedEven() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            n.payload(42);
            pool.put(s, n);
            assertThat(n.isPoisoned()).as("retired, not yet freed").isFalse();
            s.barrier();
            assertThat(n.generation()).isEqualTo(1);
            assertThat(n.isPoisoned()).isTrue();
            assertThat(n.payload()).isEqualTo(TestNode.POISON);
            PoolStats st = pool.stats();
            assertThat(st.retired()).isEqualTo(1);
            assertThat(st.freed()).isEqualTo(1);
            assertThat(st.cached()).isEqualTo(1);
            assertThat(st.footprint()).isEqualTo(1);

            TestNode again = pool.get(s);
            assertThat(again).isSameAs(n);
            assertThat(again.generation()).isEqualTo(2);
            assertThat(again.isPoisoned()).isFalse();
            st = pool.stats();
            assertThat(st.gets()).isEqualTo(2);
            assertThat(st.slowGets()).isEqualTo(1);
            assertThat(st.cached()).isZero();
            assertThat(st.writeAfterFree()).isZero();
        }
    }

    @Test
    void aDoubleFreeIsCountedAndTheNodeCachedOnce() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            pool.put(s, n);
            pool.put(s, n); // the caller's bug: the engine frees it twice
            s.barrier();
            PoolStats st = pool.stats();
            assertThat(st.doubleFrees()).isEqualTo(1);
            assertThat(st.freed()).isEqualTo(1);
            assertThat(st.cached()).isEqualTo(1);
            assertThat(n.generation()).as("only the first free moved it").isEqualTo(1);
            assertThat(pool.get(s)).isSameAs(n);
            assertThat(pool.get(s)).as("not handed out twice").isNotSameAs(n);
        }
    }

    @Test
    void aWriteAfterFreeIsDetectedWhenTheNodeIsHandedOutAgain() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            pool.put(s, n);
            s.barrier();
            n.payload(7); // a dangling writer
            assertThat(pool.stats().writeAfterFree()).as("found at reuse, not before").isZero();
            TestNode again = pool.get(s);
            assertThat(again).isSameAs(n);
            assertThat(again.isPoisoned()).isFalse();
            assertThat(pool.stats().writeAfterFree()).isEqualTo(1);
        }
    }

    /** A pool whose close gave up (another thread's session still open) closes its engine on a later close. */
    @Test
    void aCloseThatGaveUpIsCompletedByALaterClose() throws Exception {
        SmrPool<TestNode> pool = new SmrPool<>("gus:batch=4", TestNode::new);
        ((org.smrlab.smr.engine.AbstractReclaimer<?>) pool.reclaimer()).setCloseWait(java.time.Duration.ofMillis(50));
        AtomicReference<Session<TestNode>> session = new AtomicReference<>();
        CountDownLatch filled = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        Thread other = new Thread(() -> {
            Session<TestNode> s = pool.reclaimer().join();
            session.set(s);
            for (int i = 0; i < 6; i++) {
                pool.put(s, pool.get(s));
            }
            filled.countDown();
            try {
                leave.await();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            s.close();
        });
        other.start();
        assertThat(filled.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(pool::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("still open");
        leave.countDown();
        other.join(10_000);
        pool.close();
        assertThat(pool.reclaimer().stats().pending()).isZero();
        assertThat(pool.stats().unfreed()).isZero();
    }

    @Test
    void strictModeThrowsOnWriteAfterFreeAndDropsTheNode() {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new, null, true)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode n = pool.get(s);
            pool.put(s, n);
            s.barrier();
            n.payload(7);
            assertThatThrownBy(() -> pool.get(s))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("write after free");
            PoolStats st = pool.stats();
            assertThat(st.writeAfterFree()).isEqualTo(1);
            assertThat(st.dropped()).isEqualTo(1);
            assertThat(st.footprint()).isZero();
            assertThat(st.peakFootprint()).isEqualTo(1);
            assertThat(pool.get(s)).as("the damaged node is gone").isNotSameAs(n);
        }
    }

    /**
     * Whether an empty section holds these nodes back, from the catalogue: not where a reader holds
     * back only what it loaded (hazard pointers and eras, references), nor on the era-based engines,
     * whose readers hold back only what was alive in the eras they reserved (the pool stamps births,
     * and nodes born later are free to go).
     */
    private static boolean emptySectionHoldsNothing(EngineType type) {
        return type.protectionPerLoad() || type.family() == EngineType.Family.ERA;
    }

    /** A reader parks inside a section; get must still return at once, allocating fresh. */
    @ParameterizedTest
    @MethodSource("safeEngines")
    void getNeverWaitsOnAReaderParkedInsideASection(String engine) throws Exception {
        try (SmrPool<TestNode> pool = new SmrPool<>(engine, TestNode::new)) {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (Session<TestNode> r = pool.reclaimer().join()) {
                    r.enter();
                    inside.countDown();
                    awaitQuietly(release);
                    r.exit();
                }
            }, "parked-reader");
            reader.start();
            assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

            EngineType type = Engines.type(engine);
            // pserialize and rwlock: retire waits for every reader inside a section; psref and localcount
            // block only on references, and this reader holds none
            boolean retireBlocks = type.retireBlocks() && !type.sectionsMaySleep();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong elapsed = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (Session<TestNode> w = pool.reclaimer().join()) {
                    long t0 = System.nanoTime();
                    List<TestNode> nodes = new ArrayList<>();
                    for (int i = 0; i < 1_000; i++) {
                        nodes.add(pool.get(w));
                    }
                    if (!retireBlocks) { // their retire waits for the reader by design; get never does
                        for (TestNode n : nodes) {
                            pool.put(w, n);
                        }
                        w.flush();
                        for (int i = 0; i < 1_000; i++) {
                            pool.get(w);
                        }
                    }
                    elapsed.set(System.nanoTime() - t0);
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "getter");
            writer.start();
            writer.join(5_000);
            boolean finished = !writer.isAlive();
            release.countDown();
            reader.join(5_000);
            writer.join(5_000);
            assertThat(failure.get()).isNull();
            assertThat(finished).as("get returned while the reader was parked").isTrue();
            assertThat(elapsed.get()).isLessThan(TimeUnit.SECONDS.toNanos(2));
            PoolStats st = pool.stats();
            assertThat(st.slowGets()).as("nothing could be reused: the pool grew").isGreaterThanOrEqualTo(1_000);
            if (!retireBlocks && !emptySectionHoldsNothing(type)) {
                // these free what no reader has loaded, so they may reuse; the others must wait for the reader
                assertThat(st.slowGets()).isEqualTo(2_000);
            }
        }
    }

    @Test
    void freedNodesOverflowToTheDepotWhereOtherThreadsFindThem() throws Exception {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus:batch=300", TestNode::new)) {
            Set<TestNode> freed = Collections.newSetFromMap(new IdentityHashMap<>());
            Thread producer = new Thread(() -> {
                try (Session<TestNode> s = pool.reclaimer().join()) {
                    List<TestNode> nodes = new ArrayList<>();
                    for (int i = 0; i < 300; i++) {
                        nodes.add(pool.get(s));
                    }
                    freed.addAll(nodes);
                    nodes.forEach(n -> pool.put(s, n));
                    s.barrier();
                }
            });
            producer.start();
            producer.join();
            PoolStats st = pool.stats();
            assertThat(st.cached()).isEqualTo(300);
            assertThat(st.freed()).isEqualTo(300);

            Session<TestNode> s = pool.reclaimer().join();
            int reused = 0;
            for (int i = 0; i < 300; i++) {
                if (freed.contains(pool.get(s))) {
                    reused++;
                }
            }
            // The producer's thread cache keeps at most two buckets; the rest went to the depot.
            assertThat(reused).isGreaterThanOrEqualTo(300 - 2 * SmrPool.BUCKET).isLessThan(300);
        }
    }

    @Test
    void releaseThreadCacheHandsEveryFreeNodeToOtherThreads() throws Exception {
        try (SmrPool<TestNode> pool = new SmrPool<>("gus:batch=100", TestNode::new)) {
            Thread producer = new Thread(() -> {
                try (Session<TestNode> s = pool.reclaimer().join()) {
                    List<TestNode> nodes = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        nodes.add(pool.get(s));
                    }
                    nodes.forEach(n -> pool.put(s, n));
                    s.barrier();
                }
                pool.releaseThreadCache();
            });
            producer.start();
            producer.join();
            Session<TestNode> s = pool.reclaimer().join();
            for (int i = 0; i < 100; i++) {
                pool.get(s);
            }
            PoolStats st = pool.stats();
            assertThat(st.slowGets()).as("only the producer's first 100 allocated").isEqualTo(100);
            assertThat(st.cached()).isZero();
        }
    }

    @Test
    void aProbeReceivesRetireToFreeAndSlowGetLatencies() {
        List<Long> r2f = Collections.synchronizedList(new ArrayList<>());
        List<Long> slow = Collections.synchronizedList(new ArrayList<>());
        PoolProbe probe = new PoolProbe() {
            @Override
            public void retireToFree(long nanos) {
                r2f.add(nanos);
            }

            @Override
            public void slowGet(long nanos) {
                slow.add(nanos);
            }
        };
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", TestNode::new, probe)) {
            Session<TestNode> s = pool.reclaimer().join();
            TestNode a = pool.get(s);
            TestNode b = pool.get(s);
            pool.put(s, a);
            pool.put(s, b);
            s.barrier();
            pool.get(s); // reused: no slow-path report
            assertThat(slow).hasSize(2).allMatch(n -> n > 0);
            assertThat(r2f).hasSize(2).allMatch(n -> n >= 0 && n < TimeUnit.SECONDS.toNanos(10));
            assertThat(pool.stats().slowGetNanos()).isEqualTo(slow.get(0) + slow.get(1));
        }
    }

    @Test
    void closeFreesEverythingPendingAndIsIdempotent() {
        SmrPool<TestNode> pool = new SmrPool<>("ebr", TestNode::new);
        Session<TestNode> s = pool.reclaimer().join();
        for (int i = 0; i < 10; i++) {
            pool.put(s, pool.get(s)); // an open batch: nothing freed yet
        }
        assertThat(pool.stats().freed()).isZero();
        pool.close();
        pool.close();
        PoolStats st = pool.stats();
        assertThat(st.retired()).isEqualTo(10);
        assertThat(st.freed()).isEqualTo(10);
        assertThat(st.unfreed()).isZero();
        assertThat(st.cached()).isEqualTo(10);
    }

    @Test
    void countersAreExactOnceTheThreadsHaveStopped() throws Exception {
        try (SmrPool<TestNode> pool = new SmrPool<>("hp", TestNode::new)) {
            int threads = 4, cycles = 20_000;
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ts.add(new Thread(() -> {
                    try (Session<TestNode> s = pool.reclaimer().join()) {
                        for (int i = 0; i < cycles; i++) {
                            TestNode n = pool.get(s);
                            n.payload(i);
                            pool.put(s, n);
                        }
                    }
                }));
            }
            ts.forEach(Thread::start);
            for (Thread t : ts) {
                t.join();
            }
            pool.close();
            PoolStats st = pool.stats();
            assertThat(st.gets()).isEqualTo((long) threads * cycles);
            assertThat(st.retired()).isEqualTo((long) threads * cycles);
            assertThat(st.freed()).isEqualTo((long) threads * cycles);
            assertThat(st.doubleFrees()).isZero();
            assertThat(st.writeAfterFree()).isZero();
            assertThat(st.cached()).isEqualTo(st.footprint());
            assertThat(st.slowGets()).isEqualTo(st.allocated()).isLessThan((long) threads * cycles / 10);
        }
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThatThrownBy(() -> new SmrPool<>("nope", TestNode::new))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("valid engines");
        assertThatThrownBy(() -> new SmrPool<TestNode>("gus", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allocate");
        try (SmrPool<TestNode> pool = new SmrPool<>("gus", () -> null)) {
            Session<TestNode> s = pool.reclaimer().join();
            assertThatThrownBy(() -> pool.get(s)).isInstanceOf(IllegalStateException.class).hasMessageContaining("null");
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
