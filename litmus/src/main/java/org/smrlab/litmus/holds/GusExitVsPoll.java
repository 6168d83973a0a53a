package org.smrlab.litmus.holds;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Engine;
import org.smrlab.litmus.Node;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * gus: exit's release store against poll's acquire load of the record. Real engine code
 * ({@code GusSession.exit}, {@code advance}, {@code poll}). The reader is inside its section
 * already (entered when the state was built) and holds the old node, which is unlinked.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  read node.data                  (advance: the goal)
 *   A's barrier: setRelease(INVALID) (exit)      B's barrier: getAcquire of A's record (poll's scan)
 *                                                B's access:  node.data = POISON (the free), only if poll succeeded
 * </pre>
 * If B's scan sees A's exit, A's read happens-before B's free: A never reads POISON.
 * r1 = the data A read; r2 = 1 when B freed the node.
 */
@JCStressTest
@Pair(engine = "gus",
        aAccess = "read node.data in the section",
        aBarrier = "exit: setRelease(INVALID) of the record",
        bBarrier = "poll's scan: getAcquire of the record",
        bAccess = "free: node.data = POISON")
@Description("gus exit release vs poll acquire: no access of the section after the free")
@Outcome(id = "-1, 1", expect = FORBIDDEN, desc = "the reader used the node after the poll freed it")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader exited; the scan saw it and the node was freed")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "the scan saw the reader inside; the node was kept")
@State
public class GusExitVsPoll {
    static final Engine GUS = Engine.of("gus:batch=1");

    final Node node = new Node(1);
    final Session<Node> reader;
    final GracePeriods writer;

    public GusExitVsPoll() {
        Reclaimer<Node> domain = GUS.create();
        reader = domain.join();
        writer = Engine.grace(domain.join());
        reader.enter(); // the node was unlinked while this section was open
    }

    @Actor
    public void reader(II_Result r) {
        r.r1 = node.data;
        reader.exit();
    }

    @Actor
    public void writer(II_Result r) {
        long goal = writer.advance();
        if (writer.poll(goal)) {
            Node.free(node);
            r.r2 = 1;
        }
    }
}
