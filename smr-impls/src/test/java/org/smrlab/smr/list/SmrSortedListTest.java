package org.smrlab.smr.list;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.pool.PoolStats;

/** The Harris-Michael list: sequential semantics, the helping unlink, every safe engine under concurrency, and broken caught. */
class SmrSortedListTest {

    static Stream<String> safeEngines() {
        return Engines.safeNames().stream();
    }

    @Test
    void sequentialSemanticsKeepKeysSorted() {
        try (SmrSortedList list = new SmrSortedList("gus")) {
            SmrSortedList.Handle h = list.join();
            assertThat(h.contains(5)).isFalse();
            for (long k : new long[] {5, -3, 9, 1, Long.MAX_VALUE, Long.MIN_VALUE + 1}) {
                assertThat(h.add(k)).isTrue();
            }
            assertThat(h.add(5)).as("no duplicates").isFalse();
            assertThat(list.keys()).containsExactly(Long.MIN_VALUE + 1, -3, 1, 5, 9, Long.MAX_VALUE);
            assertThat(h.remove(5)).isTrue();
            assertThat(h.remove(5)).isFalse();
            assertThat(h.contains(5)).isFalse();
            assertThat(h.contains(9)).isTrue();
            assertThat(list.keys()).containsExactly(Long.MIN_VALUE + 1, -3, 1, 9, Long.MAX_VALUE);
            assertThat(list.checkStructure()).isEmpty();
            assertThatThrownBy(() -> h.add(Long.MIN_VALUE)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("head");
            h.close();
        }
    }

    @Test
    void aLookupWalksFromTheHeadAndCountsTheNodesItStandsOn() {
        try (SmrSortedList list = new SmrSortedList("ebr")) {
            SmrSortedList.Handle h = list.join();
            for (long k = 1; k <= 100; k++) {
                h.add(k);
            }
            long before = h.steps();
            assertThat(h.contains(50)).isTrue();
            assertThat(h.steps() - before).as("keys 1..50").isEqualTo(50);
            before = h.steps();
            assertThat(h.contains(1_000)).isFalse();
            assertThat(h.steps() - before).as("the whole list").isEqualTo(100);
            h.close();
            assertThat(list.steps()).as("folded in at close").isGreaterThanOrEqualTo(150);
        }
    }

    /**
     * A node marked by a deleter that did not unlink it (its CAS lost, or it was preempted) is
     * unlinked by the next walk that meets it, and retired exactly once, by that walk.
     */
    @Test
    void aWalkUnlinksAMarkedNodeAndRetiresIt() {
        try (SmrSortedList list = new SmrSortedList("gus:batch=1")) {
            SmrSortedList.Handle h = list.join();
            h.add(1);
            h.add(2);
            h.add(3);
            ListNode first = firstNode(list);
            ListNode victim = first.next.getPlain();
            assertThat(victim.key()).isEqualTo(2);
            ListNode successor = victim.next.getPlain();
            assertThat(victim.next.compareAndSet(successor, ListNode.markerFor(successor))).isTrue(); // marked, still linked
            assertThat(list.checkStructure()).anyMatch(f -> f.contains("deleted (marked) node still linked"));
            long retiredBefore = list.pool().stats().retired();
            assertThat(h.contains(2)).as("a marked node is not in the set").isFalse();
            assertThat(list.keys()).containsExactly(1, 3);
            assertThat(list.checkStructure()).isEmpty();
            assertThat(list.pool().stats().retired() - retiredBefore).as("retired once, by the walk that unlinked it").isEqualTo(1);
            assertThat(h.remove(2)).isFalse();
            assertThat(list.pool().stats().retired() - retiredBefore).isEqualTo(1);
            h.session().barrier();
            assertThat(victim.isPoisoned()).as("freed through the engine").isTrue();
            h.close();
        }
    }

    private static ListNode firstNode(SmrSortedList list) {
        try {
            java.lang.reflect.Field f = SmrSortedList.class.getDeclaredField("head");
            f.setAccessible(true);
            return ((ListNode) f.get(list)).next.getPlain();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anEngineThatCannotProtectTwoNodesIsRefused() {
        assertThatThrownBy(() -> new SmrSortedList("hp:slots=1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two nodes");
        try (SmrSortedList ok = new SmrSortedList("hp")) {
            assertThat(ok.reclaimer().name()).startsWith("hp:");
        }
    }

    /**
     * Two writers, each owning the keys of its parity, add and remove at random while two readers walk
     * the whole list: zero detections, a sound list, exactly the keys each writer left, nothing lost,
     * no double free, no write after free. Every safe engine.
     */
    @ParameterizedTest
    @MethodSource("safeEngines")
    void concurrentWritersAndReadersLoseNothingAndFreeNothingEarly(String engine) throws Exception {
        Outcome o = churn(engine, 300);
        assertThat(o.failure).isNull();
        assertThat(o.detections).as("use-after-free detections").isZero();
        assertThat(o.faults).isEmpty();
        assertThat(o.finalKeys).isEqualTo(o.expectedKeys);
        assertThat(o.reads).isPositive();
        assertThat(o.stats.doubleFrees()).isZero();
        assertThat(o.stats.writeAfterFree()).isZero();
        if (!engine.equals("none")) {
            assertThat(o.stats.unfreed()).as("lost").isZero();
        }
    }

    /** The detectors fire: {@code broken} frees at once, and the walks see poisoned or recycled nodes. */
    @Test
    void brokenIsCaughtByTheWalks() throws Exception {
        long detections = 0;
        for (int attempt = 0; attempt < 5 && detections == 0; attempt++) {
            detections = churn("broken", 500).detections;
        }
        assertThat(detections).isPositive();
    }

    private record Outcome(Throwable failure, long detections, List<String> faults, TreeSet<Long> finalKeys,
                           TreeSet<Long> expectedKeys, long reads, PoolStats stats) {
    }

    private static Outcome churn(String engine, long millis) throws Exception {
        final int keys = 256;
        SmrSortedList list = new SmrSortedList(engine);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong reads = new AtomicLong();
        List<TreeSet<Long>> owned = List.of(new TreeSet<>(), new TreeSet<>());
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int parity = w;
            TreeSet<Long> mine = owned.get(w);
            threads.add(new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(parity);
                try (SmrSortedList.Handle h = list.join()) {
                    while (!stop.getOpaque()) {
                        long k = 2L * rnd.nextInt(keys / 2) + parity;
                        if (rnd.nextBoolean()) {
                            if (h.add(k) != mine.add(k)) {
                                throw new AssertionError("add(" + k + ") disagrees with the writer's own record");
                            }
                        } else if (h.remove(k) != mine.remove(k)) {
                            throw new AssertionError("remove(" + k + ") disagrees with the writer's own record");
                        }
                        h.quiescent();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + w));
        }
        for (int r = 0; r < 2; r++) {
            long seed = 100 + r;
            threads.add(new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                long n = 0;
                try (SmrSortedList.Handle h = list.join()) {
                    while (!stop.getOpaque()) {
                        h.contains(keys + rnd.nextInt(keys)); // absent: walks the whole list
                        h.contains(rnd.nextInt(keys));
                        h.quiescent();
                        n += 2;
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                reads.addAndGet(n);
            }, "reader-" + r));
        }
        threads.forEach(Thread::start);
        Thread.sleep(millis);
        stop.setRelease(true);
        for (Thread t : threads) {
            t.join(20_000);
            assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
        }
        if (engine.equals("broken")) { // the walks may have given up on a damaged list: only the detections count
            long detections = list.detections();
            list.close();
            return new Outcome(null, detections, List.of(), new TreeSet<>(), new TreeSet<>(), reads.get(), list.pool().stats());
        }
        TreeSet<Long> expected = new TreeSet<>(owned.get(0));
        expected.addAll(owned.get(1));
        TreeSet<Long> found = new TreeSet<>();
        for (long k : list.keys()) {
            found.add(k);
        }
        List<String> faults = engine.equals("broken") ? List.of() : list.checkStructure();
        long detections = list.detections();
        list.close();
        return new Outcome(failure.get(), detections, faults, found, expected, reads.get(), list.pool().stats());
    }
}
