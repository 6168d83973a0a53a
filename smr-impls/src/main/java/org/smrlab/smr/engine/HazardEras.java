package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

abstract class HePadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class HeClock extends HePadL {
    long eraClock; // the era clock: read by every protect, moved by retires
}

abstract class HePadR extends HeClock {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * Hazard eras: Ramalhete and Correia, <i>Brief announcement: Hazard eras - non-blocking memory
 * reclamation</i> (SPAA 2017), after the authors' {@code HazardEras.hpp} (ConcurrencyFreaks).
 *
 * <h2>Implementation notes</h2>
 * Hazard pointers that publish eras instead of addresses. A global era clock starts at 1. Every
 * node carries the era it was born in ({@code newEra}, stamped when the pool hands it out:
 * {@link Births}) and, once retired, the era it was retired in ({@code delEra}). Each thread owns
 * {@code slots} era slots (NONE = 0 while unused). {@code protect(slot, link)} loads the link, then
 * the clock; if the clock equals the era the slot already publishes, the node is covered and the
 * call returns with no store and no fence; otherwise it publishes the new era in the slot, fences,
 * and loads again. So while the clock stands still a thread pays one fence per slot per section,
 * not one per pointer. The outermost exit clears the slots. A retire records the node and moves the
 * clock on by one (if no other retire has moved it since this one read it), so nodes born after
 * a retire are younger than everything retired before; every {@code batch} retires a scan frees
 * each retired node whose lifetime [newEra, delEra] contains no published era. A stalled reader
 * pins only the nodes alive in the eras it publishes: memory stays bounded, as with hazard pointers.
 * <pre>
 *   eras:    newEra ============ delEra          a retired node's lifetime
 *                 slot of A: e                   inside: kept
 *                                          e'    outside: A's era cannot reach it
 * </pre>
 * Protection is per slot, as for hazard pointers: a node stays safe until its slot is published
 * again with a later era, or the outermost exit. A later era on the same slot keeps covering what
 * the slot covered only if those nodes are still alive at it, so, as with hp, a traversal
 * alternates two slots and checks that the node it stands on was not removed. Sections nest.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>protect: {@code setOpaque} of the era in the slot, {@code fullFence}, {@code getAcquire} of the link
 *         (then of the clock)</td>
 *     <td>writer: unlink; scan: {@code fullFence}, clock read for the retire eras, {@code getAcquire} of every slot</td>
 *     <td>store-buffering pair: A's load sees the unlink, or B's scan sees A's era, which lies at or after
 *         the node's birth and at or before its retire era (read after B's fence), and keeps the node</td></tr>
 * <tr><td>birth: {@code getAcquire} of the clock, stamped, then the caller's release store publishing the node</td>
 *     <td>protect: {@code getAcquire} of the link, then of the clock</td>
 *     <td>A's clock read sees the birth era or later: the era A publishes is at or after the node's birth</td></tr>
 * <tr><td>exit: {@code setRelease} of NONE in each slot</td><td>scan: {@code getAcquire} of the slot</td>
 *     <td>A's accesses in the section happen-before B's free</td></tr>
 * <tr><td>retire: {@code getAndAdd} of the clock</td><td>birth and protect: {@code getAcquire} of the clock</td>
 *     <td>a node born after the retire carries a later era than the retired node's retire era</td></tr>
 * </table>
 * The fence is followed by acquire loads, never by a second fence with only plain loads between
 * (the shape in which C2 drops a fence; see DESIGN.md).
 *
 * <h2>Knobs</h2>
 * {@code slots}: era slots per thread (the authors' {@code maxHEs}); {@code batch}: retires between
 * scans (the authors scan on every retire, R = 0; {@code batch=1} does the same).
 *
 * <h2>Differences from the authors' code, and why</h2>
 * Retire eras are read at the scan, after its fence, not in the retire (see {@link EraSession}):
 * our callers' unlinks need not be sequentially consistent. Scans run every {@code batch} retires
 * instead of on every retire, so that hazard eras are compared with the other engines at one
 * batch size. The clock still moves on every retire, as in the paper, by a compare-and-set (the
 * authors compare, then fetch-and-add, which lets two racing retires move it twice). A node without a birth stamp
 * (not from an {@code SmrPool}) counts as born at era 0: safe, but a stalled reader then holds it
 * as an epoch scheme would.
 */
public final class HazardEras<T> extends AbstractReclaimer<T> {
    /** An unused era slot. */
    static final long NONE = 0;
    private static final VarHandle CLOCK;

    static {
        try {
            CLOCK = MethodHandles.lookup().findVarHandle(HeClock.class, "eraClock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends HePadR {
    }

    /** The catalogue entry of {@code he}. */
    public static final EngineType TYPE = EngineType.named("he")
            .summary("hazard eras: eras published per slot, a fence only when the era moved; birth and retire eras on nodes")
            .models("Ramalhete, Correia, Brief announcement: Hazard eras (SPAA 2017); the authors' HazardEras.hpp (ConcurrencyFreaks)")
            .family(EngineType.Family.ERA)
            .knobs(Knob.batch(64), Knob.integer("slots", 2, 1, 64, "era slots per thread"))
            .protectionPerLoad()
            .factory(HazardEras::new);

    private final Shared shared = new Shared();
    private final int slots;

    public HazardEras(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0, config.intValue("slots"), NONE);
        this.slots = config.intValue("slots");
        CLOCK.setRelease(shared, 1L);
        VarHandle.fullFence();
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new HeSession<>(this);
    }

    long laClock() {
        return (long) CLOCK.getAcquire(shared);
    }

    /** The era clock now (for tests and the docs' examples). */
    public long era() {
        return laClock();
    }

    public int slots() {
        return slots;
    }

    static final class HeSession<T> extends EraSession<T> implements Births<T> {
        private final HazardEras<T> he;
        private final int slots;
        private long[] eras = new long[16];
        private int published;

        HeSession(HazardEras<T> he) {
            super(he);
            this.he = he;
            this.slots = he.slots;
        }

        @Override
        public void enter() {
            record.depth++;
        }

        /** clear(): every slot back to NONE. */
        @Override
        public void exit() {
            if (--record.depth == 0) {
                clearSlots();
            }
        }

        private void clearSlots() {
            for (int i = 0; i < slots; i++) {
                if (record.lpEra(i) != NONE) {
                    record.soEra(i, NONE);
                }
            }
        }

        /** get_protected: load, then the clock; publish the era and load again until the clock stands still. */
        @Override
        public T protect(int slot, AtomicReference<T> source) {
            if (slot < 0 || slot >= slots) {
                throw new IllegalArgumentException(he.name() + ": era slot " + slot + " out of range 0.." + (slots - 1));
            }
            long prev = record.lpEra(slot);
            for (;;) {
                T p = source.getAcquire();
                long era = he.laClock();
                if (era == prev) {
                    return p;
                }
                record.spEra(slot, era);
                VarHandle.fullFence(); // StoreLoad: the era is visible before the link is loaded again
                prev = era;
            }
        }

        /** newEra = eraClock. */
        @Override
        public void born(T node) {
            if (node instanceof SmrHeader h) {
                h.smrHeader(he.laClock());
            }
        }

        /** retire: move the clock on by one, unless another retire moves it first. */
        @Override
        protected void afterRetire() {
            long era = he.laClock();
            if (CLOCK.compareAndSet(he.shared, era, era + 1)) {
                counters.advance();
            }
        }

        @Override
        protected long eraNow() {
            return he.laClock();
        }

        @Override
        protected void snapshotReservations() {
            int n = 0;
            for (ThreadRecord r : he.registry.snapshot()) {
                for (int i = 0, k = r.eraSlots(); i < k; i++) {
                    long e = r.laEra(i);
                    if (e != NONE) {
                        if (n == eras.length) {
                            eras = java.util.Arrays.copyOf(eras, n * 2);
                        }
                        eras[n++] = e;
                    }
                }
            }
            published = n;
        }

        /** canDelete, negated: some published era lies within [newEra, delEra]. */
        @Override
        protected boolean reserved(long birth, long retired) {
            for (int i = 0; i < published; i++) {
                long e = eras[i];
                if (e >= birth && e <= retired) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected void clearReservations() {
            record.depth = 0;
            clearSlots();
        }
    }
}
