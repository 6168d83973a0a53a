package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;

abstract class PszPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class PszGen extends PszPadL {
    long gen; // grace-period generation: even = idle, odd = a grace period in progress
}

abstract class PszPadR extends PszGen {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * NetBSD's pserialize(9) with a {@code PR_PSERIALIZE} pool: the writer pays, the readers do not.
 *
 * <h2>Implementation notes</h2>
 * In NetBSD a read section raises a per-CPU depth counter with compiler barriers only (no atomic,
 * no fence), and {@code pserialize_perform} sends a cross-call to every CPU: a CPU runs it only
 * outside a read section, so when all have run it, every section that could have seen the old
 * state is over. A {@code PR_PSERIALIZE} pool pays one perform per batch of objects destroyed.
 * <p>Here each thread's record holds a section count, odd while inside (only the outermost of
 * nested sections touches it). A grace period first issues the asymmetric barrier (membarrier,
 * standing in for the cross-call's interrupt), then waits, record by record, until every count
 * that was odd has changed: that reader has left the section it was in. Without membarrier the read
 * side fences on entry instead (and {@link #name()} says {@code barrier=fence}).
 * <p>Retire fills a batch; a full batch costs the retiring thread one blocking grace period, then
 * the batch is freed. {@code flush} seals without waiting; such a batch is freed once any later
 * grace period has completed.
 * <p>Coalescing ({@code coalesce=true}, NetBSD 1.17's generation counter): a generation counter is
 * odd while a grace period runs. A caller needs a grace period that <em>starts after</em> its
 * request: if none is running, the one it starts; if one is running, the next. Whoever finds the
 * counter even starts one; the others sleep until the generation they need has passed, and count as
 * {@code coalesced}. With {@code coalesce=false} every caller performs its own, one at a time
 * (pre-1.17 NetBSD, serialized by one lock).
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: {@code setOpaque} of an odd count (compiler-ordered), then {@code getAcquire} of links</td>
 *     <td>writer: unlink, membarrier, {@code getAcquire} of each record</td>
 *     <td>membarrier made every thread run a full barrier: A's odd count was visible to B's scan, or A's
 *         loads came after the barrier and see the unlink</td></tr>
 * <tr><td>fenced enter: odd count, {@code fullFence}, loads</td><td>writer: unlink, {@code fullFence}, scan</td>
 *     <td>store-buffering pair, as gus</td></tr>
 * <tr><td>exit: {@code setRelease} of the even count</td><td>grace period: {@code getAcquire} seeing it change</td>
 *     <td>the section's accesses happen-before the free</td></tr>
 * <tr><td>performer: {@code setRelease} of the even generation, under the lock</td><td>poll: {@code getAcquire} of the generation</td>
 *     <td>a caller whose goal another thread's grace period met inherits that grace period's edges</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch} nodes per grace period; {@code coalesce}; {@code barrier} (auto, membarrier, fence).
 */
public final class PserializeReclaimer<T> extends AbstractReclaimer<T> {
    private static final VarHandle GEN;

    static {
        try {
            GEN = MethodHandles.lookup().findVarHandle(PszGen.class, "gen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends PszPadR {
    }

    private final Shared shared = new Shared();
    private final boolean coalesce;
    private final boolean membarrier;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition done = lock.newCondition();

    /** The catalogue entry of {@code pserialize}. */
    public static final EngineType TYPE = EngineType.named("pserialize")
            .summary("NetBSD pserialize(9) + PR_PSERIALIZE pool: the retiring thread waits one grace period per batch")
            .models("NetBSD sys/kern/subr_pserialize.c, pserialize(9); PR_PSERIALIZE in sys/kern/subr_pool.c")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(64), Knob.bool("coalesce", true,
                    "concurrent callers share one grace period (NetBSD 1.17 generation counter)"), AsymmetricBarrier.knob())
            .writeSide().retireBlocks()
            .factory(PserializeReclaimer::new);

    public PserializeReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0);
        this.coalesce = config.bool("coalesce");
        this.membarrier = AsymmetricBarrier.resolve(config);
    }

    public boolean usesMembarrier() {
        return membarrier;
    }

    @Override
    protected Map<String, String> resolvedKnobs() {
        return Map.of(AsymmetricBarrier.KNOB, AsymmetricBarrier.render(membarrier));
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new PszSession<>(this);
    }

    long laGen() {
        return (long) GEN.getAcquire(shared);
    }

    /** The generation at which a grace period that starts after now has completed (rcu_seq_snap). */
    long snapshot() {
        return (laGen() + 3) & ~1L;
    }

    /** Blocks until generation {@code goal} has completed, performing grace periods as needed. */
    void awaitGen(long goal, Counters c) {
        if (coalesce && Seq.geq(laGen(), goal)) {
            return; // another caller's grace period already covered this request
        }
        c.waited();
        lock.lock();
        try {
            if (!coalesce) {
                // Pre-1.17: every caller performs its own, one at a time, even if another's already covered it.
                do {
                    performLocked(c);
                } while (Seq.lt(laGen(), goal));
                return;
            }
            boolean performed = false;
            while (Seq.lt(laGen(), goal)) {
                if ((laGen() & 1) == 0) {
                    performLocked(c);
                    performed = true;
                } else {
                    done.awaitUninterruptibly();
                }
            }
            if (!performed) {
                c.coalesced();
            }
        } finally {
            lock.unlock();
        }
    }

    /** One grace period; entered and left with the lock held; releases it meanwhile if coalescing. */
    private void performLocked(Counters c) {
        GEN.setRelease(shared, laGen() + 1); // odd: in progress
        if (coalesce) {
            lock.unlock();
        }
        try {
            gracePeriod(c);
        } finally {
            if (coalesce) {
                lock.lock();
            }
            GEN.setRelease(shared, laGen() + 1); // even: done
            c.gracePeriod();
            done.signalAll();
        }
    }

    /** The cross-call: barrier, then wait for every thread found inside a section to leave it. */
    private void gracePeriod(Counters c) {
        if (membarrier) {
            Membarrier.barrier();
            c.membarrier();
        } else {
            VarHandle.fullFence(); // pairs with the fenced enter
        }
        c.scan();
        for (ThreadRecord r : registry.snapshot()) {
            long w = r.laWord();
            if ((w & 1) != 0) {
                Backoff backoff = new Backoff();
                while (r.laWord() == w) {
                    backoff.pause();
                }
            }
        }
    }

    static final class PszSession<T> extends AbstractSession<T> implements GracePeriods {
        private final PserializeReclaimer<T> psz;
        private final boolean fenced;
        private int depth;

        PszSession(PserializeReclaimer<T> psz) {
            super(psz);
            this.psz = psz;
            this.fenced = !psz.membarrier;
        }

        @Override
        public void enter() {
            if (depth++ == 0) {
                record.spWord(record.lpWord() + 1); // odd: inside
                if (fenced) {
                    VarHandle.fullFence();
                }
            }
        }

        @Override
        public void exit() {
            if (--depth == 0) {
                record.soWord(record.lpWord() + 1); // even: outside
            }
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        /** A request: the generation whose completion proves everything unlinked so far unreachable. */
        @Override
        public long advance() {
            VarHandle.fullFence(); // the unlink is visible before the generation is read
            counters.advance();
            return psz.snapshot();
        }

        @Override
        public boolean poll(long goal) {
            boolean ok = Seq.geq(psz.laGen(), goal);
            counters.poll(ok);
            return ok;
        }

        @Override
        public void await(long goal) {
            psz.awaitGen(goal, counters);
        }

        /** pserialize_perform. */
        @Override
        public void synchronize() {
            await(advance());
        }

        @Override
        public long current() {
            return psz.laGen();
        }

        @Override
        protected long sealGoal() {
            return advance();
        }

        @Override
        protected void afterSealFromRetire(long goal) {
            await(goal); // the PR_PSERIALIZE pool: the destroying thread pays one perform per batch
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
            if ((record.lpWord() & 1) != 0) {
                record.soWord(record.lpWord() + 1);
            }
            depth = 0;
        }
    }
}
