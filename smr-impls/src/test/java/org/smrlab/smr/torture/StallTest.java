package org.smrlab.smr.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Spec;
import org.smrlab.smr.Stats;
import org.smrlab.smr.set.SmrHashSet;

/**
 * One reader parks inside a section (holding a node) while writers retire for about a second.
 * Hazard pointers, and the engines between them and epochs (hazard eras, interval-based
 * reclamation, psref and localcount), stay within their bounds; the grace-period engines cannot free anything retired
 * after the reader entered, so their pending count grows for as long as the stall lasts. For qsbr
 * the stalled reader is a parked thread that stops announcing quiescent states.
 *
 * <p>The hp bound (Michael 2004): a thread that retires holds at most H + R retired nodes, H = all
 * hazard slots (slots x threads with a record), R = the scan threshold ({@code batch}); only the
 * writers retire. So bound = writers x (slots x threads + batch).
 */
class StallTest {
    private static final int WRITERS = 2;
    private static final int THREADS = WRITERS + 1; // writers and the stalled reader hold records
    private static final long HALF_MILLIS = 500;
    private static final int KEYS = 256;

    record Figures(String engine, long pendingMid, long pendingEnd, long peakPending, long retired) {
    }

    @Test
    void hazardPointersStayWithinTheirBound() throws Exception {
        Figures f = stall("hp");
        long bound = hpBound(f.engine());
        System.out.printf("stall %-40s bound=%d peakPending=%d pending(0.5s)=%d pending(1s)=%d retired=%d%n",
                f.engine(), bound, f.peakPending(), f.pendingMid(), f.pendingEnd(), f.retired());
        assertThat(f.retired()).as("writers made progress").isGreaterThan(10 * bound);
        assertThat(f.peakPending()).as("hp peak pending within slots x threads + batch per writer").isLessThanOrEqualTo(bound);
        assertThat(f.pendingEnd()).isLessThanOrEqualTo(bound);
    }

    /**
     * The engines between epochs and hazard pointers stay bounded too, each by its own argument
     * (knobs from the canonical spec; T = threads with a record, W = writers, K = keys):
     * <ul>
     * <li>hp-asym: as hp, W x (slots x T + batch);</li>
     * <li>ibr: the stalled reader's interval is frozen, so it pins the nodes alive when it entered (at
     *     most K) and those born in the epochs of its interval (the one it entered in, and the next if its
     *     protect saw the epoch move), each of which ends once a writer has made freq x T allocations:
     *     K + 2 x W x freq x T + W x batch;</li>
     * <li>he: the reader's era is frozen and the clock moves on every retire, so it pins the nodes
     *     alive at that era: K + W x batch + slots x T;</li>
     * <li>psref, localcount: the destroy waits only for the node the reader references; the writer
     *     that retires it blocks (with its batch) and the other goes on: 2 x W x batch.</li>
     * </ul>
     */
    @ParameterizedTest
    @ValueSource(strings = {"hp-asym", "ibr", "he", "psref", "localcount"})
    void theEnginesBetweenStayBoundedToo(String engine) throws Exception {
        Figures f = stall(engine);
        Spec s = Spec.parse(f.engine());
        long batch = Long.parseLong(s.knobs().get("batch"));
        long bound = switch (s.engine()) {
            case "hp-asym" -> hpBound(f.engine());
            case "ibr" -> KEYS + 2 * WRITERS * Long.parseLong(s.knobs().get("freq")) * THREADS + WRITERS * batch;
            case "he" -> KEYS + WRITERS * batch + Long.parseLong(s.knobs().get("slots")) * THREADS;
            default -> 2 * WRITERS * batch;
        };
        System.out.printf("stall %-40s bound=%d peakPending=%d pending(0.5s)=%d pending(1s)=%d retired=%d%n",
                f.engine(), bound, f.peakPending(), f.pendingMid(), f.pendingEnd(), f.retired());
        assertThat(f.retired()).as("writers made progress").isGreaterThan(10 * bound);
        assertThat(f.peakPending()).as(engine + " peak pending within its bound").isLessThanOrEqualTo(bound);
        assertThat(f.pendingEnd()).isLessThanOrEqualTo(bound);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "ebr", "qsbr"})
    void gracePeriodEnginesGrowWhileTheReaderStalls(String engine) throws Exception {
        Figures f = stall(engine);
        long bound = hpBound("hp");
        System.out.printf("stall %-40s hp bound=%d peakPending=%d pending(0.5s)=%d pending(1s)=%d retired=%d%n",
                f.engine(), bound, f.peakPending(), f.pendingMid(), f.pendingEnd(), f.retired());
        assertThat(f.pendingMid()).as("beyond hp's bound by half time").isGreaterThan(bound);
        assertThat(f.pendingEnd()).as("far beyond hp's bound at the end").isGreaterThan(5 * bound);
        assertThat(f.pendingEnd()).as("and still growing").isGreaterThan(f.pendingMid());
    }

    /** writers x (slots x threads + batch), from the engine's canonical spec. */
    private static long hpBound(String hpSpec) {
        String canonical = org.smrlab.smr.Engines.canonical(hpSpec);
        Spec s = Spec.parse(canonical);
        long slots = Long.parseLong(s.knobs().get("slots"));
        long batch = Long.parseLong(s.knobs().get("batch"));
        return WRITERS * (slots * THREADS + batch);
    }

    private static Figures stall(String engine) throws Exception {
        SmrHashSet set = new SmrHashSet(engine, 16);
        try (SmrHashSet.Handle h = set.join()) {
            for (int k = 0; k < KEYS; k += 2) {
                h.add(k);
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch inside = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        threads.add(new Thread(() -> {
            try (SmrHashSet.Handle h = set.join()) {
                // Parked: no exit, no quiescent state, until the end.
                h.parkInSection(0, -1, () -> {
                    inside.countDown();
                    return stop.getAcquire();
                });
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        }, "stalled-reader"));
        for (int w = 0; w < WRITERS; w++) {
            long seed = w;
            threads.add(new Thread(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                try (SmrHashSet.Handle h = set.join()) {
                    while (!stop.getOpaque()) {
                        long k = rnd.nextInt(KEYS);
                        if (rnd.nextBoolean()) {
                            h.add(k);
                        } else {
                            h.remove(k);
                        }
                        h.quiescent();
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "writer-" + w));
        }
        threads.get(0).start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        threads.subList(1, threads.size()).forEach(Thread::start);
        // Sample pending every millisecond, as the bench's profiler does: engines keep no peak on
        // their free path, so Stats.peakPending is the largest of these snapshots.
        long start = System.nanoTime();
        long mid = -1;
        for (long ms; (ms = (System.nanoTime() - start) / 1_000_000) < 2 * HALF_MILLIS || mid < 0; ) { // a loaded machine may sleep past half time: take mid anyway
            long pending = set.reclaimer().stats().pending();
            if (mid < 0 && ms >= HALF_MILLIS) {
                mid = pending;
            }
            Thread.sleep(1);
        }
        Stats end = set.reclaimer().stats();
        stop.setRelease(true);
        for (Thread t : threads) {
            t.join(10_000);
            assertThat(t.isAlive()).as(t.getName() + " stopped").isFalse();
        }
        assertThat(failure.get()).isNull();
        assertThat(set.detections()).isZero();
        String name = set.reclaimer().name();
        set.close();
        return new Figures(name, mid, end.pending(), end.peakPending(), end.retired());
    }
}
