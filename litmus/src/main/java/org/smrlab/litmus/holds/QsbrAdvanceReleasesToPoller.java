package org.smrlab.litmus.holds;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Engine;
import org.smrlab.litmus.Node;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Offline;

/**
 * qsbr: the advance's {@code getAndAdd} (no fence before it) releases the unlink to another thread's
 * poll, which loads the counter with acquire before its scan fence. Real engine code
 * ({@code advance}, {@code poll}, {@code offline}). Both sessions are offline, so the poll's scan
 * finds no record to wait for and its answer is exactly "the counter I loaded is at the goal": a
 * poll that says reached has acquired the increment, and nothing else of the writer's.
 * <pre>
 *   B (writer, offline)                          C (poller, offline)
 *   B's access:  head = new node (the unlink)
 *   B's barrier: getAndAdd of the counter        C's barrier: poll: getAcquire of the counter, fence, scan
 *                (advance: no fence)             C's access:  load head, after a poll that said reached
 * </pre>
 * Message passing, which x86 never breaks, even with a plain store for the advance (TSO keeps
 * stores in order); on ARM or POWER it checks the release and the acquire. The other half of the
 * argument is the store-buffering pair {@code QsbrOnlineVsPoll}; both at once, with three threads,
 * {@code QsbrAdvanceOrdersThirdPartyPoll} (needs three CPUs).
 * r1 = 1 when C's poll says reached; r2 = the node C then loads (1 old, 2 new).
 */
@JCStressTest
@Description("qsbr advance (getAndAdd, no fence) releases the unlink to another thread's poll (message passing)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the poll said reached, yet the unlink before the advance is not visible")
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the poll said reached and sees the unlink")
@Outcome(id = {"0, 1", "0, 2"}, expect = ACCEPTABLE, desc = "the poll did not see the goal yet")
@State
public class QsbrAdvanceReleasesToPoller {
    static final Engine QSBR = Engine.of("qsbr:batch=1");
    /** The goal of the first advance of a fresh domain: ONLINE + CTR. */
    static final long GOAL = 3;

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final GracePeriods writer;
    final GracePeriods poller;

    public QsbrAdvanceReleasesToPoller() {
        Reclaimer<Node> domain = QSBR.create();
        Session<Node> w = domain.join();
        Session<Node> p = domain.join();
        ((Offline) w).offline(); // neither thread reads: no record holds the goal back
        ((Offline) p).offline();
        writer = Engine.grace(w);
        poller = Engine.grace(p);
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.advance();
    }

    @Actor
    public void poller(II_Result r) {
        r.r1 = poller.poll(GOAL) ? 1 : 0;
        r.r2 = head.getOpaque().id; // opaque: only the poll's acquire orders it after the advance
    }
}
