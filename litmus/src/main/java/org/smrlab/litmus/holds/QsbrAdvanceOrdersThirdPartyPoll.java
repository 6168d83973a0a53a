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
 * qsbr: the advance is one {@code getAndAdd} and no fence; a thread comes online while a
 * <em>third</em> thread polls. Real engine code ({@code online()} in the session's constructor,
 * {@code advance}, {@code quiescent}, {@code poll} with its remembered minimum).
 * <pre>
 *   A (reader, joining)                 B (writer)                        C (poller)
 *   A's access:  store counter copy     B's access:  head = new node      sees the counter at the goal
 *   A's barrier: fullFence (online)     B's barrier: getAndAdd (advance)  C's barrier: getAcquire of the counter,
 *   then:        load head (protect)                 (no fence)                        fullFence (poll)
 *                                       then: quiescent (copies it)       then:        load every record (scan)
 * </pre>
 * As {@code GusAdvanceOrdersThirdPartyPoll}: the increment releases, C's poll acquires the counter
 * before its fence, so the unlink happens-before C's fence, and A's fence against C's fence is a
 * store-buffering pair. A joining thread whose copy is the new counter acquired it from the
 * increment and sees the unlink. r1 = the node A holds (1 old, 2 new); r2 = 1 when C's poll says reached.
 */
@JCStressTest
@Description("qsbr advance = getAndAdd without fence; a thread comes online; a third thread polls")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the joining reader holds the unlinked node and a third thread's poll declared it free")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader holds the old node; the poll saw it (or the writer) behind the goal")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "reader saw the unlink; the goal is reached")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "reader saw the unlink; the poll did not see the goal reached yet")
@State
public class QsbrAdvanceOrdersThirdPartyPoll {
    static final Engine QSBR = Engine.of("qsbr:batch=1");
    /** The goal of the first advance of a fresh domain: ONLINE + CTR. */
    static final long GOAL = 3;

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Reclaimer<Node> domain = QSBR.create();
    final Session<Node> writerSession = domain.join();
    final GracePeriods writer = Engine.grace(writerSession);
    final Session<Node> pollerSession = domain.join();
    final GracePeriods poller = Engine.grace(pollerSession);

    @Actor
    public void reader(II_Result r) {
        Session<Node> reader = domain.join(); // comes online: record published, counter copied, fence
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.advance();
        writerSession.quiescent(); // the writer holds no reader references: its own record must not hold the goal back
    }

    @Actor
    public void poller(II_Result r) {
        if (poller.current() - GOAL < 0) {
            r.r2 = 0;
            return;
        }
        pollerSession.quiescent();
        r.r2 = poller.poll(GOAL) ? 1 : 0;
    }
}
