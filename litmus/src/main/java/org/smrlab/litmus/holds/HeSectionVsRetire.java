package org.smrlab.litmus.holds;

import org.smrlab.litmus.Pair;
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
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * he (hazard eras): a whole section against unlink, retire (batch=1: the clock moves and a scan runs), free. Real engine code, spec {@code he:batch=1}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: retire (batch=1) scans: fullFence, clock, reservations
 *   A's barrier: exit                       B's access:  old.data = POISON (the engine's free)
 * </pre>
 * protect loads the link, then the era clock; if the slot does not already publish that era it publishes
 * it, fences and loads again. The writer allocates the new node through its session (born in the
 * current era), unlinks the old one and retires it: the retire moves the clock on, the scan fences,
 * reads the clock for the retire era, then every slot, and frees the old node only if no published
 * era lies within its lifetime [newEra, delEra].
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "he",
        aAccess = "read n.data in the section",
        aBarrier = "exit: release store clearing the era slots",
        bBarrier = "retire (batch=1) scans: fullFence, clock, acquire loads of the era slots",
        bAccess = "free of the unlinked node (poison)")
@Description("he: a whole section against unlink, retire (a scan), free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class HeSectionVsRetire {
    static final Engine ENGINE = Engine.of("he:batch=1");

    final AtomicReference<Node> head;
    final Session<Node> reader;
    final Session<Node> writer;

    public HeSectionVsRetire() {
        Reclaimer<Node> domain = ENGINE.create();
        reader = domain.join();
        writer = domain.join();
        head = new AtomicReference<>(Engine.born(writer, 1));
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
        head.setRelease(Engine.born(writer, 2));
        writer.retire(old); // batch=1: the engine frees it as soon as it is safe
    }
}
