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

/**
 * gus: the advance's {@code getAndAdd} (no fence before it) releases the unlink to another thread's
 * poll, which loads the clock with acquire before its scan fence. Real engine code
 * ({@code advance}, {@code current}, {@code poll}).
 * <pre>
 *   B (writer)                                   C (poller)
 *   B's access:  head = new node (the unlink)
 *   B's barrier: getAndAdd of the clock          C's barrier: poll: getAcquire of the clock (sees the goal)
 *                (advance: no fence)             C's access:  load head, after the poll
 * </pre>
 * Message passing: if C's poll read the clock at the goal, the unlink happens-before everything C
 * does after that load, its scan fence included; that is the half of the argument in
 * {@code GusReclaimer}'s barrier table that lets the advance drop its fence (the other half, the
 * store-buffering pair of the reader's and the poller's fences, is {@code GusEnterVsScan}; both at
 * once, with three threads, {@code GusAdvanceOrdersThirdPartyPoll}, which needs three CPUs). On x86
 * this cannot fail even with a plain store for the advance (TSO keeps stores in order); on ARM or
 * POWER it checks the release and the acquire.
 * r1 = 1 when C's poll ran with the clock at the goal; r2 = the node C then loads (1 old, 2 new).
 */
@JCStressTest
@Description("gus advance (getAndAdd, no fence) releases the unlink to another thread's poll (message passing)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the poll acquired the advanced clock, yet the unlink before it is not visible")
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the poll acquired the advanced clock and sees the unlink")
@Outcome(id = {"0, 1", "0, 2"}, expect = ACCEPTABLE, desc = "the poller did not see the goal yet")
@State
public class GusAdvanceReleasesToPoller {
    static final Engine GUS = Engine.of("gus:batch=1");
    /** The goal of the first advance of a fresh domain: INIT + INCR. */
    static final long GOAL = 3;

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final GracePeriods writer;
    final GracePeriods poller;

    public GusAdvanceReleasesToPoller() {
        Reclaimer<Node> domain = GUS.create();
        writer = Engine.grace(domain.join());
        poller = Engine.grace(domain.join());
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.advance();
    }

    @Actor
    public void poller(II_Result r) {
        // current() is an opaque load; only with the clock at the goal is poll(GOAL) a real poll (its
        // acquire load of the clock then reads the goal or later), not a wrap answer.
        if (poller.current() - GOAL >= 0) {
            poller.poll(GOAL);
            r.r1 = 1;
        }
        r.r2 = head.getOpaque().id; // opaque: only the poll's acquire orders it after the advance
    }
}
