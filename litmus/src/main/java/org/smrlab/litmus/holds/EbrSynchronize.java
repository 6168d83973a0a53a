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
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * ebr: a whole section against unlink, synchronize, free. Real engine code, spec {@code ebr:batch=1}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: synchronize = advance, then poll with wait
 *   A's barrier: exit                                    (acquire loads of every record until the goal)
 *                                           B's access:  old.data = POISON (the free)
 * </pre>
 * enter stores epoch|active and fences; synchronize takes the goal epoch + 2 and tries to advance
 * the epoch until it gets there, which needs every active record to have seen each epoch in turn.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "ebr",
        aAccess = "read n.data in the section",
        aBarrier = "exit: release store of the record",
        bBarrier = "synchronize: acquire loads of every record until the goal",
        bAccess = "free of the unlinked node (poison)")
@Description("ebr: a whole section against unlink, synchronize, free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class EbrSynchronize {
    static final Engine ENGINE = Engine.of("ebr:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public EbrSynchronize() {
        Reclaimer<Node> domain = ENGINE.create();
        reader = domain.join();
        writer = domain.join();
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        Node n = reader.protect(0, head);
        r.r1 = n.id;
        Node.dwell();
        r.r2 = n.data;
        reader.exit();
    }

    @Actor
    public void writer() {
        Node old = head.get();
        head.setRelease(new Node(2));
        Engine.grace(writer).synchronize();
        Node.free(old);
    }
}
