package org.smrlab.litmus.holds;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
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
 * hp: protect's publish-and-fence against the scan. Real engine code ({@code HpSession.protect},
 * {@code retire} with batch=1, which scans).
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  store hazard = node (protect)   B's access:  head = new node (the unlink), retire(old)
 *   A's barrier: fullFence (protect)             B's barrier: fullFence (scan)
 *   then:        re-read head (acquire); if it   then:        load every hazard slot (acquire); free old
 *                still names the node, use it                 unless a slot names it
 * </pre>
 * A store-buffering pair: if A's re-read still finds the old node, B's scan sees the hazard and keeps
 * it; if B's scan misses the hazard, A's re-read sees the unlink and A retries with the new node.
 * A stays protected to the end (no exit). r1 = the node protect returned; r2 = 1 when the old node
 * was freed (read after both actors by the arbiter).
 */
@JCStressTest
@Pair(engine = "hp",
        aAccess = "store hazard = node (protect)",
        aBarrier = "fullFence (protect), then re-read head",
        bBarrier = "fullFence (scan), then acquire load of every slot",
        bAccess = "free of the old node unless a slot names it")
@Description("hp protect (publish, fence, re-validate) vs unlink+scan (store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "protect returned the old node and the scan freed it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "protect returned the old node; the scan saw the hazard and kept it")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "protect saw the unlink; the old node was freed")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "protect saw the unlink; the scan saw a hazard published before the retry")
@State
public class HpProtectVsScan {
    static final Engine HP = Engine.of("hp:batch=1,slots=1");

    final Node old = new Node(1);
    final AtomicReference<Node> head = new AtomicReference<>(old);
    final Session<Node> reader;
    final Session<Node> writer;

    public HpProtectVsScan() {
        Reclaimer<Node> domain = HP.create();
        reader = domain.join();
        writer = domain.join();
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.retire(old);
    }

    @Arbiter
    public void freed(II_Result r) {
        r.r2 = old.data == Node.POISON ? 1 : 0;
    }
}
