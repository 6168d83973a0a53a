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
 * qsbr: a thread coming online against the writer's unlink, advance and poll. Real engine code
 * ({@code QsbrSession}'s constructor, i.e. {@code online()}; {@code advance}, {@code poll}).
 * <pre>
 *   A (reader, joining)                          B (writer)
 *   A's access:  publish its record, store the   B's access:  head = new node (the unlink)
 *                counter copy (online)
 *   A's barrier: fullFence (online)              B's barrier: getAndAdd (advance: no fence), fullFence (poll)
 *   then:        load head (protect)             then:        load the record array and every record (poll)
 * </pre>
 * A store-buffering pair: a poll that misses the new record (or sees it offline) skips it, so A's
 * later load must see the unlink; if A's load misses the unlink, the poll sees A online with a
 * copy older than the goal and fails. r1 = the node A holds; r2 = 1 when B's poll succeeds.
 */
@JCStressTest
@Description("qsbr online (store, fence) vs unlink+advance+poll (store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "the joining reader holds the unlinked node and the poll declared it free")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the reader holds the old node; the poll saw it online, goal not reached")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink; the poll skipped it or saw a current copy")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "the reader saw the unlink; the poll saw its older copy")
@State
public class QsbrOnlineVsPoll {
    static final Engine QSBR = Engine.of("qsbr:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Reclaimer<Node> domain = QSBR.create();
    final Session<Node> writerSession = domain.join();
    final GracePeriods writer = Engine.grace(writerSession);

    @Actor
    public void reader(II_Result r) {
        Session<Node> reader = domain.join(); // comes online: record published, counter copied, fence
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        long goal = writer.advance();
        writerSession.quiescent(); // the writer holds no reader references: its own record must not hold the goal back
        r.r2 = writer.poll(goal) ? 1 : 0;
    }
}
