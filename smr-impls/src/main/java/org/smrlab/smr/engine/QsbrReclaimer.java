package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;

abstract class QsbrPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class QsbrGp extends QsbrPadL {
    long gp; // the grace-period counter (liburcu's urcu_qsbr_gp.ctr)
}

abstract class QsbrPadM extends QsbrGp {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

abstract class QsbrPassed extends QsbrPadM {
    long passed; // the remembered minimum: every online thread has copied at least this (gus's read hand)
}

abstract class QsbrPadR extends QsbrPassed {
    long r00, r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15;
}

/**
 * Quiescent-state-based reclamation, after liburcu's {@code urcu-qsbr}.
 *
 * <h2>Implementation notes</h2>
 * A global grace-period counter starts at ONLINE = 1 and moves by CTR = 2. Each thread's record
 * holds 0 while the thread is offline, otherwise the last counter value it copied. Readers do
 * nothing at all in their sections: instead every thread periodically announces a <em>quiescent
 * state</em> (it holds no reference into the structure) by copying the global counter into its
 * record. A writer takes a goal by incrementing the counter; the goal is reached once every online
 * thread has copied a value at or past it, i.e. passed through a quiescent state after the writer's
 * unlink. Offline threads are skipped.
 * <ul>
 * <li>{@link org.smrlab.smr.Session#quiescent()} returns at once when the thread's copy is current (liburcu does
 *     the same); otherwise release-store the counter and fence.</li>
 * <li>A poll never counts the calling thread as quiescent: {@code retire} may be called with
 *     references in hand, so a thread's own batches wait for its own next quiescent state.</li>
 * <li><b>The remembered minimum</b> (gus's read hand, which liburcu has no need of because its
 *     writers wait rather than poll): a scan visits every record, takes the minimum copy of the
 *     online ones (starting from the counter it read, and clamping a copy below the hint up to it,
 *     as gus clamps a stale observation), and raises the shared hint {@code passed} to it with one
 *     CAS. A poll whose goal is at or below the hint answers without a scan: with a batch sealed
 *     per 64 retires and polled on every seal, most polls find their goal already passed.</li>
 * <li>{@code await} and {@code synchronize} go offline for the wait and come back online (as
 *     {@code synchronize_rcu} does), which is why they must not be called inside a read section.</li>
 * <li>A thread about to idle or block goes {@link Offline#offline() offline} (liburcu's
 *     {@code rcu_thread_offline}) and comes back {@link Offline#online() online}; an online thread
 *     that stops announcing quiescent states stalls every writer.</li>
 * </ul>
 * Latency is as long as the slowest online thread takes between quiescent states; a thread that
 * never announces one stalls every writer.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>quiescent: {@code setRelease} of the counter copy</td><td>poll: {@code getAcquire} of each record</td>
 *     <td>everything A read before its quiescent state happens-before B's free</td></tr>
 * <tr><td>quiescent / online: store, then {@code fullFence}, then A's later loads</td>
 *     <td>poll: {@code getAcquire} of the counter (at or past the goal), {@code fullFence}, load records</td>
 *     <td>store-buffering pair: A's later reads see the unlink, or the poll sees A's older copy (or
 *         A offline, its copy not yet visible) and fails; needs the unlink to happen-before the
 *         poller's fence (next row)</td></tr>
 * <tr><td>writer: unlink store, then {@code getAndAdd} of the counter (a volatile read-modify-write:
 *         it releases; on HotSpot a full barrier as well)</td>
 *     <td>poll: {@code getAcquire} of the counter, reading the goal or a later value (later writes are
 *         read-modify-writes too: the release sequence continues); quiescent/online: {@code getAcquire}
 *         of the counter</td>
 *     <td>the unlink happens-before every poller's fence, whichever thread polls; a thread whose copy
 *         is at or past the goal loaded it after the increment, so its later reads see the unlink. No
 *         store-load order is needed on the writer, hence no fence before the increment. Litmus:
 *         {@code holds.QsbrAdvanceOrdersThirdPartyPoll}.</td></tr>
 * <tr><td>scan: CAS of the hint (volatile), after its record loads</td>
 *     <td>a later poll: {@code getAcquire} of the hint</td>
 *     <td>a poll that answers from the hint inherits the scan's edges: every online thread's
 *         quiescent state at or past the goal happens-before it. A copy stored after the scan that
 *         set the hint but loaded before it (a stale copy) is clamped up: that thread's fence came
 *         after the scan's, so its later reads see every unlink the scan covered.</td></tr>
 * <tr><td>offline: {@code setRelease(0)}</td><td>poll: {@code getAcquire} of the record</td>
 *     <td>an offline thread's earlier accesses happen-before the free</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch}: nodes per batch, one counter increment each.
 */
public final class QsbrReclaimer<T> extends AbstractReclaimer<T> {
    static final long OFFLINE = 0;
    static final long ONLINE = 1;
    static final long CTR = 2;

    private static final VarHandle GP, PASSED;

    static {
        try {
            GP = MethodHandles.lookup().findVarHandle(QsbrGp.class, "gp", long.class);
            PASSED = MethodHandles.lookup().findVarHandle(QsbrPassed.class, "passed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Shared extends QsbrPadR {
    }

    private final Shared shared = new Shared();

    /** The catalogue entry of {@code qsbr}. */
    public static final EngineType TYPE = EngineType.named("qsbr")
            .summary("liburcu urcu-qsbr: readers do nothing, threads announce quiescent states")
            .models("liburcu urcu-qsbr (include/urcu/static/urcu-qsbr.h, src/urcu-qsbr.c)")
            .family(EngineType.Family.EPOCH)
            .knobs(Knob.batch(64))
            .writeSide()
            .factory(QsbrReclaimer::new);

    public QsbrReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, OFFLINE, 0);
        GP.setRelease(shared, ONLINE);
        PASSED.setRelease(shared, ONLINE);
        VarHandle.fullFence();
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new QsbrSession<>(this);
    }

    long laGp() {
        return (long) GP.getAcquire(shared);
    }

    long advanceGp() {
        return (long) GP.getAndAdd(shared, CTR) + CTR;
    }

    /** Whether every online record has copied {@code goal} or later: from the hint, else by a scan that raises it. */
    boolean allPassed(long goal, Counters c) {
        long passed = (long) PASSED.getAcquire(shared);
        if (Seq.leq(goal, passed)) {
            return true; // most polls end here
        }
        long gp = laGp(); // acquire, before the fence: the goal's increment happens-before the scan (see the table)
        c.scan();
        VarHandle.fullFence(); // pairs with the fence after a quiescent state's store
        long min = gp;         // nobody can have copied more than the counter at the start of the scan
        for (ThreadRecord r : registry.snapshot()) {
            long w = r.laWord(); // acquire: pairs with the release store of the copy
            if (w != OFFLINE) {
                min = Seq.min(min, Seq.lt(w, passed) ? passed : w); // a stale copy is pinned, never lowers the hint
            }
        }
        if (Seq.gt(min, passed)) {
            PASSED.compareAndSet(shared, passed, min); // one attempt: a failure means another poll raised it
            passed = min;
        }
        return Seq.leq(goal, passed);
    }

    static final class QsbrSession<T> extends AbstractSession<T> implements GracePeriods, Offline {
        private final QsbrReclaimer<T> qsbr;

        QsbrSession(QsbrReclaimer<T> qsbr) {
            super(qsbr);
            this.qsbr = qsbr;
            online();
        }

        @Override
        public void online() {
            record.soWord(qsbr.laGp());
            VarHandle.fullFence(); // later reads come after the announcement
        }

        @Override
        public void offline() {
            record.soWord(OFFLINE); // release: every read so far happens-before a poll that sees it
        }

        @Override
        public boolean isOffline() {
            return record.lpWord() == OFFLINE;
        }

        @Override
        public void enter() {
        }

        @Override
        public void exit() {
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        @Override
        public void quiescent() {
            long gp = qsbr.laGp();
            long mine = record.lpWord();
            if (gp == mine || mine == OFFLINE) {
                return; // nothing new to announce (or offline: nothing to announce until online())
            }
            record.soWord(gp);     // everything read so far happens-before a poll that sees this
            VarHandle.fullFence(); // and everything read from now on comes after it
        }

        /** The increment orders the caller's unlink before the new value: no fence (see the table). */
        @Override
        public long advance() {
            counters.advance();
            return qsbr.advanceGp();
        }

        @Override
        public boolean poll(long goal) {
            boolean ok = qsbr.allPassed(goal, counters);
            counters.poll(ok);
            return ok;
        }

        @Override
        public void await(long goal) {
            counters.waited();
            if (poll(goal)) {
                return;
            }
            boolean wasOnline = record.lpWord() != OFFLINE;
            offline(); // the waiter holds no references: do not make it wait for itself
            try {
                Backoff backoff = new Backoff();
                while (!poll(goal)) {
                    backoff.pause();
                }
            } finally {
                if (wasOnline) {
                    online();
                }
            }
        }

        @Override
        public void synchronize() {
            await(advance());
        }

        @Override
        public long current() {
            return qsbr.laGp();
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
            offline();
        }
    }
}
