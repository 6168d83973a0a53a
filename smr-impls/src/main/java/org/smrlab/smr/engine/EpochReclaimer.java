package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;

abstract class EpochPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class EpochGlobal extends EpochPadL {
    long epoch; // the global epoch
}

abstract class EpochPadR extends EpochGlobal {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * Epoch-based reclamation after Fraser, <i>Practical lock-freedom</i> (2004), section 5.2.3, in the
 * shape of Concurrency Kit's {@code ck_epoch}.
 *
 * <h2>Implementation notes</h2>
 * A global epoch; each thread's record holds its active flag and the epoch it saw on entering,
 * packed in one word ({@code epoch << 1 | 1} while active, 0 while not) so that entering is one
 * store. The epoch may advance from e to e+1 only when every active thread has seen e. A node
 * retired while the epoch is e may still be held by a thread active in e-1 or e, but not once the
 * epoch reaches e+2: by then every thread active in e-1 has left. So there are three limbo
 * generations per thread: nodes of the epoch before last (freeable once the epoch moves), of the
 * last epoch, and of the current one. Here a generation is a sealed batch tagged with its goal,
 * {@code e + 2}; a session's FIFO holds batches of at most the current and the previous epoch
 * plus the open batch, which is the three lists of the paper, and reaching a goal frees the
 * oldest. Every {@code batch} retires (one seal) the writer tries to advance the epoch: one scan.
 * <p>Sections nest, as {@code ck_epoch}'s do: only the outermost enter and exit touch the record.
 * A reader stalled inside a section pins its epoch, so nothing retired after it entered can ever
 * be freed: memory grows without bound.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: store {@code epoch|active}, {@code fullFence}, then {@code getAcquire} loads of links</td>
 *     <td>writer: unlink, {@code fullFence}, read epoch for the goal; advancer: {@code fullFence}, load records</td>
 *     <td>store-buffering pair: the reader sees the unlink, or the advancer sees it active in an old epoch
 *         and does not advance</td></tr>
 * <tr><td>exit: {@code setRelease(0)}</td><td>advancer: {@code getAcquire} of the record</td>
 *     <td>the section's accesses happen-before the advance, hence before the free</td></tr>
 * <tr><td>advancer: {@code getAcquire} of the epoch e, then {@code fullFence}, then the record loads</td>
 *     <td>writer: unlink, {@code fullFence}, load of the epoch (e - 1, the goal's base); the advancer that
 *         moved e - 1 to e: its CAS</td>
 *     <td>the writer's fence precedes the advancer's in the fences' total order, so a reader that
 *         missed the unlink (its fence before the writer's) is seen by the scan, active in e - 1, and
 *         the epoch does not move to e + 1. This needs the epoch load <em>before</em> the fence
 *         (ck_epoch's order): the writer's load of e - 1 is coherence-ordered before the CAS that
 *         wrote e, which happens-before the advancer's fence only through the advancer's acquire
 *         load of e. Loaded after the fence, nothing in the Java memory model orders the writer's
 *         fence before the advancer's when they are different threads (x86 and ARMv8 are
 *         multi-copy atomic, where the old order was safe in practice).</td></tr>
 * <tr><td>advancer: CAS of the epoch (volatile)</td><td>poll: {@code getAcquire} of the epoch</td>
 *     <td>a poll that sees the goal reached inherits the scans that allowed it</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch}: retires between advance attempts (and nodes per limbo batch).
 */
public final class EpochReclaimer<T> extends AbstractReclaimer<T> {
    static final long INACTIVE = 0;
    private static final VarHandle EPOCH;

    static {
        try {
            EPOCH = MethodHandles.lookup().findVarHandle(EpochGlobal.class, "epoch", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends EpochPadR {
    }

    private final Shared shared = new Shared();

    /** The catalogue entry of {@code ebr}. */
    public static final EngineType TYPE = EngineType.named("ebr")
            .summary("Fraser's epoch-based reclamation: global epoch, three limbo generations")
            .models("Fraser, Practical lock-freedom (2004), section 5.2.3; Concurrency Kit ck_epoch")
            .family(EngineType.Family.EPOCH)
            .knobs(Knob.batch(64))
            .writeSide()
            .factory(EpochReclaimer::new);

    public EpochReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, INACTIVE, 0);
        EPOCH.setRelease(shared, 1L);
        VarHandle.fullFence();
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new EpochSession<>(this);
    }

    long laEpoch() {
        return (long) EPOCH.getAcquire(shared);
    }

    static long active(long epoch) {
        return epoch << 1 | 1;
    }

    /**
     * Fraser's try-advance: if every active record has seen the current epoch, move it on by one.
     * Returns the epoch afterwards (moved by us or by someone else).
     */
    long tryAdvance(Counters c) {
        c.scan();
        long e = laEpoch();    // before the fence, as ck_epoch_poll loads it: see the table
        VarHandle.fullFence(); // pairs with enter's fence
        long want = active(e);
        for (ThreadRecord r : registry.snapshot()) {
            long w = r.laWord();
            if (w != INACTIVE && w != want) {
                return laEpoch(); // someone is still in an older epoch (or already in a newer one)
            }
        }
        if (EPOCH.compareAndSet(shared, e, e + 1)) {
            c.advance();
            return e + 1;
        }
        return laEpoch();
    }

    static final class EpochSession<T> extends AbstractSession<T> implements GracePeriods {
        private final EpochReclaimer<T> ebr;

        EpochSession(EpochReclaimer<T> ebr) {
            super(ebr);
            this.ebr = ebr;
        }

        @Override
        public void enter() {
            if (record.depth++ == 0) { // the depth lives in the record's padded owner block
                record.spWord(active(ebr.laEpoch()));
                VarHandle.fullFence(); // StoreLoad: pairs with the advancer's fence
            }
        }

        @Override
        public void exit() {
            if (--record.depth == 0) {
                record.soWord(INACTIVE);
            }
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        /** The goal of something unlinked now: two epochs past the current one. */
        @Override
        public long advance() {
            VarHandle.fullFence(); // the unlink is visible before the epoch is read
            return ebr.laEpoch() + 2;
        }

        /** Reached once the epoch is at the goal; tries to advance it (at most twice: goals lie two ahead). */
        @Override
        public boolean poll(long goal) {
            long e = ebr.laEpoch();
            for (int attempt = 0; attempt < 2 && Seq.lt(e, goal); attempt++) {
                long moved = ebr.tryAdvance(counters);
                if (moved == e) {
                    break; // a reader holds the epoch back
                }
                e = moved;
            }
            boolean ok = Seq.geq(e, goal);
            counters.poll(ok);
            return ok;
        }

        @Override
        public void await(long goal) {
            counters.waited();
            Backoff backoff = new Backoff();
            while (!poll(goal)) {
                backoff.pause();
            }
        }

        @Override
        public void synchronize() {
            await(advance());
        }

        @Override
        public long current() {
            return ebr.laEpoch();
        }

        @Override
        protected long sealGoal() {
            return advance();
        }

        @Override
        protected boolean reached(long goal) {
            return poll(goal);
        }

        @Override
        protected void awaitGoal(long goal) {
            await(goal);
        }

        @Override
        protected void goOffline() {
            record.depth = 0;
            record.soWord(INACTIVE);
        }
    }
}
