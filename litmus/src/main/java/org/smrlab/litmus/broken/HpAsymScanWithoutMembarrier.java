package org.smrlab.litmus.broken;

import org.smrlab.litmus.Pair;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;

/**
 * MUST FAIL. hp-asym's protect (no fence) against a scan that forgot its heavy barrier:
 * {@code HpSession.protect} with {@code barrier=membarrier} ({@code setRelease} of the hazard, then
 * the {@code getAcquire} re-read) against the scan's shape without {@code Membarrier.barrier()}
 * (unlink, {@code fullFence}, acquire load of the slot). Nothing orders A's hazard store before its
 * re-read: the store waits in the store buffer while the re-read returns the old node, and B's scan
 * finds the slot empty. The membarrier in the scan is hp-asym's key barrier; the holding pair is
 * {@code holds.HpAsymProtectVsScan}.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  slot = head (release)           B's access:  head = new node (the unlink)
 *   A's barrier: none (asymmetric: B's job)      B's barrier: fullFence only: MISSING membarrier
 *   then:        re-read head (acquire)          then:        load the slot (acquire)
 * </pre>
 */
@JCStressTest
@Pair(engine = "hp-asym",
        aAccess = "slot = head (release, protect)",
        aBarrier = "none (asymmetric: the scan's job)",
        bBarrier = "fullFence only: MISSING membarrier (scan)",
        bAccess = "acquire load of the slot")
@Description("hp-asym: unfenced protect vs a scan without its membarrier: store-load reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "protect validated the old node and the scan saw no hazard (it would free it)")
@Outcome(expect = ACCEPTABLE, desc = "protect saw the unlink, or the scan saw the hazard")
@State
public class HpAsymScanWithoutMembarrier {
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(HpAsymScanWithoutMembarrier.class, "slot", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Node old = new Node(1);
    final AtomicReference<Node> head = new AtomicReference<>(old);
    Node slot;

    @Actor
    public void reader(II_Result r) {
        Node p = head.getAcquire();
        for (;;) {
            SLOT.setRelease(this, p);
            Node q = head.getAcquire(); // no fence: the scan's membarrier was to provide the order
            if (q == p) {
                break;
            }
            p = q;
        }
        r.r1 = p.id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence(); // the scan's fence, without the membarrier before it
        r.r2 = SLOT.getAcquire(this) == old ? 1 : 0;
    }
}
