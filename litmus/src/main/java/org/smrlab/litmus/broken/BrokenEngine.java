package org.smrlab.litmus.broken;

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
 * MUST FAIL. the broken engine: retire frees at once. Real engine code, spec {@code broken:batch=1}.
 * The lab's deliberately unsafe engine: no barrier pair at all, retire frees immediately. It is
 * here so the detectors can be shown to fire; this test is one of them.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter (nothing); n = protect(head)      B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: none (retire)
 *   A's barrier: none (exit)                B's access:  old.data = POISON (the free)
 * </pre>
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "broken",
        aAccess = "read n.data in the section",
        aBarrier = "none (exit does nothing)",
        bBarrier = "none (retire frees at once)",
        bAccess = "free of the unlinked node (poison)")
@Description("the broken engine: retire frees at once.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(expect = ACCEPTABLE, desc = "the reader used a live node")
@State
public class BrokenEngine {
    static final Engine ENGINE = Engine.of("broken:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public BrokenEngine() {
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
        writer.retire(old); // frees at once
    }
}
