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
 * ibr (2GEIBR): a whole section against unlink, retire (batch=1: a scan), free; the epoch moves during the test. Real engine code, spec {@code ibr:batch=1,freq=1}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: retire (batch=1) scans: fullFence, clock, reservations
 *   A's barrier: exit                       B's access:  old.data = POISON (the engine's free)
 * </pre>
 * enter reserves [e, e] and fences; protect loads the link, then the epoch, and raises upper (fence,
 * load again) if the epoch moved. The writer allocates the new node through its session (a birth:
 * with freq=1 and two threads, the second allocation moves the epoch), unlinks the old one and
 * retires it: the scan fences, reads the epoch for the retire era, then every reservation (lower,
 * then upper) and frees the old node only if its lifetime [birth, retire] meets no reservation.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "ibr",
        aAccess = "read n.data in the section",
        aBarrier = "exit: release store of the reservation",
        bBarrier = "retire (batch=1) scans: fullFence, clock, acquire loads of the reservations",
        bAccess = "free of the unlinked node (poison)")
@Description("ibr: a whole section against unlink, retire (a scan), free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class IbrSectionVsRetire {
    static final Engine ENGINE = Engine.of("ibr:batch=1,freq=1");

    final AtomicReference<Node> head;
    final Session<Node> reader;
    final Session<Node> writer;

    public IbrSectionVsRetire() {
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
