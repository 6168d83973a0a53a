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
 * pserialize (barrier=fence): a whole section against unlink, retire, free. Real engine code, spec {@code pserialize:batch=1,barrier=fence}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: retire (batch=1) waits or scans until safe
 *   A's barrier: exit                       B's access:  old.data = POISON (the engine's free)
 * </pre>
 * The fenced fallback forced on every JDK: enter stores an odd count and fences; the grace period
 * fences and waits for every odd count to change.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "pserialize:barrier=fence",
        aAccess = "read n.data in the section",
        aBarrier = "exit: release of the read count",
        bBarrier = "retire: the grace period (fence, wait for every odd count to change)",
        bAccess = "free of the unlinked node (poison)")
@Description("pserialize (barrier=fence): a whole section against unlink, retire, free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class PserializeFencedRetire {
    static final Engine ENGINE = Engine.of("pserialize:batch=1,barrier=fence");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public PserializeFencedRetire() {
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
        writer.retire(old); // batch=1: the engine frees it as soon as it is safe
    }
}
