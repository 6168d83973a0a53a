package org.smrlab.litmus.holds;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
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
 * qsbr: a quiescent state's release store against the poll's acquire loads. Real engine code
 * ({@code QsbrSession.quiescent}, {@code advance}, {@code poll}). The reader is online (it joined
 * when the state was built) and announces a quiescent state after using the node.
 * <pre>
 *   A (reader)                                   B (writer)
 *   n = protect(head)                            B's access:  head = new node (the unlink); advance
 *   A's access:  read n.data                     B's barrier: getAcquire of A's record (poll)
 *   A's barrier: setRelease of the counter copy  B's access:  old.data = POISON, only if the poll succeeded
 *                (quiescent)
 * </pre>
 * If B's poll sees A's copy at or past the goal, A's read happens-before B's free.
 * r1 = the node A held; r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "qsbr",
        aAccess = "read n.data",
        aBarrier = "quiescent: setRelease of the counter copy",
        bBarrier = "poll: getAcquire of the reader's record",
        bAccess = "free: old.data = POISON, if the poll succeeded")
@Description("qsbr quiescent release vs poll acquire: no access before the quiescent state after the free")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the node after the poll freed it")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed (or it was kept)")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class QsbrReadThenQuiescent {
    static final Engine QSBR = Engine.of("qsbr:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writerSession;
    final GracePeriods writer;

    public QsbrReadThenQuiescent() {
        Reclaimer<Node> domain = QSBR.create();
        reader = domain.join();
        writerSession = domain.join();
        writer = Engine.grace(writerSession);
    }

    @Actor
    public void reader(II_Result r) {
        Node n = reader.protect(0, head);
        r.r1 = n.id;
        Node.dwell();
        r.r2 = n.data;
        reader.quiescent();
    }

    @Actor
    public void writer() {
        Node old = head.get();
        head.setRelease(new Node(2));
        long goal = writer.advance();
        writerSession.quiescent(); // the writer holds no reader references: its own record must not hold the goal back
        if (writer.poll(goal)) {
            Node.free(old);
        }
    }
}
