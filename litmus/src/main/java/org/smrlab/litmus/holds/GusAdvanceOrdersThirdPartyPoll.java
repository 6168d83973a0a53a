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

/**
 * gus: the advance is one {@code getAndAdd} and no fence; a <em>third</em> thread polls. Real engine
 * code ({@code GusSession.enter}, {@code protect}, {@code advance}, {@code current}, {@code poll}).
 * <pre>
 *   A (reader)                          B (writer)                        C (poller)
 *   A's access:  store observed seq     B's access:  head = new node      sees the clock at the goal
 *   A's barrier: fullFence (enter)      B's barrier: getAndAdd (advance)  C's barrier: getAcquire of the clock,
 *   then:        load head (protect)                 (no fence)                        fullFence (poll)
 *                                                                         then:        load A's record (scan)
 * </pre>
 * The writer does not scan, so its own program order cannot put the unlink before any record load.
 * What does: the clock's {@code getAndAdd} is a volatile read-modify-write (a release), C's poll
 * loads the clock with acquire before its fence, so the unlink happens-before C's fence, and the
 * store-buffering pair of A's fence and C's fence does the rest: A sees the unlink, or C sees A's
 * sequence (older than the goal) and fails. A reader that entered after the advance loaded the new
 * clock with acquire, so it sees the unlink too. This is the claim that lets gus and qsbr drop the
 * full fence before their advance (issue 9: two locked instructions per advance became one).
 * r1 = the node A holds (1 old, 2 new); r2 = 1 when C's poll of the goal says reached.
 */
@JCStressTest
@Description("gus advance = getAndAdd without fence; a third thread polls (release sequence + store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "reader holds the unlinked node and a third thread's poll declared it free")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader holds the old node; the poll saw it, or did not see the goal yet")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "reader saw the unlink; the goal is reached")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "reader saw the unlink; the poll did not see the goal, or saw the reader")
@State
public class GusAdvanceOrdersThirdPartyPoll {
    static final Engine GUS = Engine.of("gus:batch=1");
    /** The goal of the first advance of a fresh domain: INIT + INCR. */
    static final long GOAL = 3;

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final GracePeriods writer;
    final GracePeriods poller;

    public GusAdvanceOrdersThirdPartyPoll() {
        Reclaimer<Node> domain = GUS.create();
        reader = domain.join();
        writer = Engine.grace(domain.join());
        poller = Engine.grace(domain.join());
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.advance();
    }

    @Actor
    public void poller(II_Result r) {
        // Only once the clock has reached the goal (a poll of a goal beyond the clock is a wrap answer).
        r.r2 = poller.current() - GOAL >= 0 && poller.poll(GOAL) ? 1 : 0;
    }
}
