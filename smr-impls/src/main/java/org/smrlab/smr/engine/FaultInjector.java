package org.smrlab.smr.engine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failure injection, for the tests and the torture harness: makes chosen occurrences of a
 * domain's grace-period barrier, or of its blocking waits, fail the way a {@code membarrier} that
 * returns an error or an interrupted wait would.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Where.</b> {@link Point#BARRIER}: the asymmetric barrier of a pserialize grace period and
 *     of a gus-lazy tick, checked just before it is issued in either barrier mode (membarrier, or the
 *     fence that stands in for it), so the JDK-17 fenced path is exercised as well; and hp-asym's
 *     scan membarrier (membarrier mode only: in fence mode the scan's fence is the symmetric one).
 *     {@link Point#WAIT}: the start of a blocking wait for a goal ({@code barrier()}, a blocking
 *     {@code retire} on pserialize, rwlock, psref and localcount, pserialize's {@code await}, the
 *     barrier loops of hp, ibr and he).</li>
 * <li><b>What an engine must do with it</b> is what it must do with a real failure at that point:
 *     never count the failed grace period or tick as done, keep every batch pending, and let the
 *     caller see the exception. The torture harness then checks that every retired node is still
 *     freed exactly once.</li>
 * <li><b>Cost.</b> One injector per domain, installed with
 *     {@link AbstractReclaimer#injectFaults(FaultInjector)}; none by default. The check is a
 *     volatile load of the domain's field (a plain load on x86) and a null test, on paths that already
 *     cost a system call or a blocking wait; nothing on enter, exit or the retire fast path.</li>
 * <li>Counting is per point and exact under concurrency (atomic counters): {@code every(3, WAIT)}
 *     fails occurrences 3, 6, 9, ... of the domain's waits, whichever threads reach them.</li>
 * </ul>
 */
public final class FaultInjector {

    /** Where a fault can be injected. */
    public enum Point {
        /** The process-wide barrier of a grace period (pserialize) or a tick (gus-lazy). */
        BARRIER,
        /** The start of a blocking wait for a goal. */
        WAIT
    }

    private final Set<Point> points;
    private final long period;
    private final long limit;
    private final Map<Point, AtomicLong> seen = new EnumMap<>(Point.class);
    private final Map<Point, AtomicLong> injected = new EnumMap<>(Point.class);

    private FaultInjector(long period, long limit, Point first, Point... more) {
        if (period < 1) {
            throw new IllegalArgumentException("fault injector: period must be >= 1, got " + period);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("fault injector: count must be >= 0, got " + limit);
        }
        this.points = EnumSet.of(first, more);
        this.period = period;
        this.limit = limit;
        for (Point p : Point.values()) {
            seen.put(p, new AtomicLong());
            injected.put(p, new AtomicLong());
        }
    }

    /** Fails every {@code period}-th occurrence of each of {@code points} (1 = every occurrence). */
    public static FaultInjector every(long period, Point first, Point... more) {
        return new FaultInjector(period, Long.MAX_VALUE, first, more);
    }

    /** Fails the next {@code count} occurrences of each of {@code points}, then none. */
    public static FaultInjector next(long count, Point first, Point... more) {
        return new FaultInjector(1, count, first, more);
    }

    /** Throws {@link InjectedFault} when this occurrence of {@code point} is one to fail. */
    void check(Point point) {
        if (!points.contains(point)) {
            return;
        }
        long n = seen.get(point).incrementAndGet();
        if (n % period != 0) {
            return;
        }
        long k = injected.get(point).incrementAndGet();
        if (k > limit) {
            injected.get(point).decrementAndGet();
            return;
        }
        throw new InjectedFault(point, n);
    }

    /** How often {@code point} was reached. */
    public long seen(Point point) {
        return seen.get(point).get();
    }

    /** How many faults were injected at {@code point}. */
    public long injected(Point point) {
        return injected.get(point).get();
    }

    /** Faults injected at every point. */
    public long injected() {
        long n = 0;
        for (AtomicLong a : injected.values()) {
            n += a.get();
        }
        return n;
    }

    @Override
    public String toString() {
        return "FaultInjector(" + points + (limit == Long.MAX_VALUE ? ", every " + period : ", next " + limit) + ")";
    }

    /** The failure an injector throws: unchecked, and recognizable by type in tests and the torture harness. */
    public static final class InjectedFault extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final Point point;

        InjectedFault(Point point, long occurrence) {
            super("injected fault at " + point + " (occurrence " + occurrence + ")");
            this.point = point;
        }

        public Point point() {
            return point;
        }
    }
}
