package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

abstract class IbrPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class IbrEpoch extends IbrPadL {
    long epoch; // the global epoch: read by every protect, moved by allocations
}

abstract class IbrPadR extends IbrEpoch {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * Interval-based reclamation, the two-global-epoch variant ("2GEIBR"): Wen, Izraelevitz, Cai,
 * Beadle and Scott, <i>Interval-based memory reclamation</i> (PPoPP 2018), after the authors'
 * {@code RangeTrackerNew} (urcs-sync/Interval-Based-Reclamation).
 *
 * <h2>Implementation notes</h2>
 * A global epoch. Every node carries the epoch it was born in (stamped when the pool hands it out:
 * {@link Births}) and, once retired, the epoch it was retired in: its lifetime is the interval
 * [birth, retire]. Each thread reserves an interval of epochs, [lower, upper]: entering a section
 * sets both to the current epoch; every {@code protect} loads the pointer and then the epoch, and
 * if the epoch has moved past {@code upper} it raises {@code upper} to it (publish, fence) and loads
 * again, so a node returned by {@code protect} was born at or before {@code upper}; the outermost
 * exit withdraws the reservation (both ends idle, {@code Long.MAX_VALUE}). A scan reads every
 * thread's reservation and frees each retired node whose lifetime intersects none of them: no
 * reader that could have reached it (its lifetime began before the reader's {@code upper} and
 * ended after its {@code lower}) is still inside. The epoch moves with allocations: each thread
 * advances it once every {@code freq} × threads of its own allocations. Memory stays bounded under
 * a stalled reader: its reservation is frozen, and every node born after its {@code upper} is
 * freed as usual; only the nodes alive during its interval wait.
 * <p>Sections nest (only the outermost enter and exit touch the reservation). The read side costs
 * one fence per section, plus one per {@code protect} that finds the epoch moved (rare: the epoch
 * moves once per {@code freq} × threads allocations of a thread).
 * <pre>
 *   epochs:   birth ============== retire                    a retired node's lifetime
 *             reader A:    [lower .... upper]                intersects: kept
 *             reader B:                          [l .. u]    disjoint: does not hold it
 * </pre>
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: {@code setOpaque} lower and upper = epoch, {@code fullFence}, then {@code getAcquire} of links</td>
 *     <td>writer: unlink, later the scan: {@code fullFence}, {@code getAcquire} of every record's lower, then upper</td>
 *     <td>store-buffering pair: A sees the unlink, or B's scan sees A's reservation (lower at or before the
 *         node's retire epoch, read after B's fence) and keeps the node</td></tr>
 * <tr><td>protect: {@code getAcquire} of the link, then of the epoch; if it moved: {@code setOpaque} upper,
 *         {@code fullFence}, load the link again</td>
 *     <td>scan: {@code fullFence}, {@code getAcquire} of upper</td>
 *     <td>the same pair for the raised upper: a node A returns was born at or before an upper that B's scan
 *         sees, or A sees the unlink</td></tr>
 * <tr><td>birth: {@code getAcquire} of the epoch, stamped in the node, then the caller's release store that
 *         publishes the node</td>
 *     <td>protect: {@code getAcquire} of the link, then of the epoch</td>
 *     <td>A's epoch read comes after the stamp's (coherence), so a node A returns was born at or before
 *         A's {@code upper}</td></tr>
 * <tr><td>exit: {@code setRelease} upper, then lower = idle</td><td>scan: {@code getAcquire} of lower, then upper</td>
 *     <td>A's accesses in the section happen-before B's free of what only A's interval covered</td></tr>
 * </table>
 * The scan's fence also orders the retiring threads' unlinks before the epoch read that stamps the
 * retire epochs (see {@link EraSession}).
 *
 * <h2>Knobs</h2>
 * {@code batch}: retires between scans (the authors' {@code emptyFreq}, 30 in their benchmarks; 64
 * here, the lab's common default); {@code freq}: allocations of a thread, times the number of
 * threads, between its advances of the epoch (the authors' {@code epochFreq}, 150 in their
 * benchmarks, kept).
 *
 * <h2>Differences from the authors' code, and why</h2>
 * Retire epochs are read at the scan after the retire, not in the retire (see {@link EraSession}):
 * our callers' unlinks need not be sequentially consistent. The two reservation stores of enter
 * share one fence (theirs are two sequentially consistent stores). "Threads" is the number of
 * records the domain has (its {@code task_num} is fixed at creation). A node without a birth
 * stamp (not from an {@code SmrPool}) counts as born at epoch 0: safe, but a stalled reader then
 * holds it as an epoch scheme would.
 */
public final class IntervalReclaimer<T> extends AbstractReclaimer<T> {
    /** A reservation end while the thread holds nothing (UINT64_MAX in the original). */
    static final long IDLE = Long.MAX_VALUE;
    static final int LOWER = 0;
    static final int UPPER = 1;
    private static final VarHandle EPOCH;

    static {
        try {
            EPOCH = MethodHandles.lookup().findVarHandle(IbrEpoch.class, "epoch", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends IbrPadR {
    }

    /** The catalogue entry of {@code ibr}. */
    public static final EngineType TYPE = EngineType.named("ibr")
            .summary("interval-based reclamation, 2GEIBR: birth and retire epochs on nodes, readers reserve intervals")
            .models("Wen, Izraelevitz, Cai, Beadle, Scott, Interval-based memory reclamation (PPoPP 2018); "
                    + "the authors' RangeTrackerNew (urcs-sync/Interval-Based-Reclamation)")
            .family(EngineType.Family.ERA)
            .knobs(Knob.batch(64), Knob.integer("freq", 150, 1, Knob.MAX_BATCH,
                    "allocations of a thread, times the thread count, per epoch advance (the authors' epochFreq)"))
            .factory(IntervalReclaimer::new);

    private final Shared shared = new Shared();
    private final int freq;

    public IntervalReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0, 2, IDLE);
        this.freq = config.intValue("freq");
        EPOCH.setRelease(shared, 0L);
        VarHandle.fullFence();
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new IbrSession<>(this);
    }

    long laEpoch() {
        return (long) EPOCH.getAcquire(shared);
    }

    /** The current epoch (for tests and the docs' examples). */
    public long epoch() {
        return laEpoch();
    }

    static final class IbrSession<T> extends EraSession<T> implements Births<T> {
        private final IntervalReclaimer<T> ibr;
        private long[] lowers = new long[8];
        private long[] uppers = new long[8];
        private int reservations;

        IbrSession(IntervalReclaimer<T> ibr) {
            super(ibr);
            this.ibr = ibr;
        }

        /** start_op: reserve [e, e] for the current epoch e. */
        @Override
        public void enter() {
            if (record.depth++ == 0) {
                long e = ibr.laEpoch();
                record.spEra(LOWER, e);
                record.spEra(UPPER, e);
                VarHandle.fullFence(); // StoreLoad: the reservation is visible before any link is loaded
            }
        }

        /** end_op: withdraw the reservation, upper first (a scan reads lower first). */
        @Override
        public void exit() {
            if (--record.depth == 0) {
                record.soEra(UPPER, IDLE);
                record.soEra(LOWER, IDLE);
            }
        }

        /** read: load, then check the epoch; raise upper and load again while it moves. Slots are not used. */
        @Override
        public T protect(int slot, AtomicReference<T> source) {
            long prev = record.lpEra(UPPER);
            for (;;) {
                T p = source.getAcquire();
                long now = ibr.laEpoch();
                if (now == prev) {
                    return p;
                }
                record.spEra(UPPER, now);
                VarHandle.fullFence(); // StoreLoad: the raised upper is visible before the link is loaded again
                prev = now;
            }
        }

        /** alloc_block: count the allocation (every freq x threads of them, advance the epoch) and stamp the birth. */
        @Override
        public void born(T node) {
            if (!(node instanceof SmrHeader h)) {
                return;
            }
            // The count lives in the record (its owner-only counter, the one gus-deferred counts advances
            // in), as the authors' alloc_counters[tid] outlives operations: short-lived sessions of one
            // thread still move the epoch.
            if (++record.deferred >= (long) ibr.freq * ibr.registry.snapshot().length) {
                record.deferred = 0;
                EPOCH.getAndAdd(ibr.shared, 1L);
                counters.advance();
            }
            h.smrHeader(ibr.laEpoch());
        }

        @Override
        protected long eraNow() {
            return ibr.laEpoch();
        }

        @Override
        protected void snapshotReservations() {
            ThreadRecord[] rs = ibr.registry.snapshot();
            if (lowers.length < rs.length) {
                lowers = new long[rs.length * 2];
                uppers = new long[rs.length * 2];
            }
            int n = 0;
            for (ThreadRecord r : rs) {
                long lower = r.laEra(LOWER); // lower before upper, as the authors' empty() does
                long upper = r.laEra(UPPER);
                if (lower != IDLE) {
                    lowers[n] = lower;
                    uppers[n] = upper;
                    n++;
                }
            }
            reservations = n;
        }

        @Override
        protected boolean reserved(long birth, long retired) {
            for (int i = 0; i < reservations; i++) {
                if (uppers[i] >= birth && lowers[i] <= retired) {
                    return true;
                }
            }
            return false;
        }

        @Override
        protected void clearReservations() {
            record.depth = 0;
            record.soEra(UPPER, IDLE);
            record.soEra(LOWER, IDLE);
        }
    }
}
