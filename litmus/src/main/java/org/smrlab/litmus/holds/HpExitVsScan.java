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
 * hp: a protected use against unlink, retire, scan, free. Real engine code, spec {@code hp:batch=1,slots=1}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: retire (batch=1) waits or scans until safe
 *   A's barrier: exit                       B's access:  old.data = POISON (the engine's free)
 * </pre>
 * protect publishes the hazard, fences and re-reads the link; exit drops it with a release store.
 * The scan (retire with batch=1) fences and reads every slot with acquire: a node named by a
 * hazard is kept, one whose hazard was dropped is freed after the use.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "hp",
        aAccess = "read n.data (protected)",
        aBarrier = "exit: release store clearing the hazard",
        bBarrier = "scan: fullFence, acquire load of every slot",
        bAccess = "free of the unlinked node (poison)")
@Description("hp: a protected use against unlink, retire, scan, free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class HpExitVsScan {
    static final Engine ENGINE = Engine.of("hp:batch=1,slots=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public HpExitVsScan() {
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
