package org.smrlab.litmus.broken;

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
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;

/**
 * MUST FAIL. Hazard pointers without the fence between publishing the hazard and re-reading the
 * link: {@code HpSession.protect} minus its {@code fullFence}, against the scan's real shape
 * (unlink, {@code fullFence}, acquire load of the slot). The hazard store waits in the store buffer
 * while the re-read returns the old node: protect validates a node the scan will free.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  slot = head (opaque)            B's access:  head = new node (the unlink)
 *   A's barrier: MISSING                         B's barrier: fullFence (scan)
 *   then:        re-read head (acquire)          then:        load the slot (acquire)
 * </pre>
 */
@JCStressTest
@Pair(engine = "hp",
        aAccess = "slot = head (opaque store)",
        aBarrier = "MISSING (no fence in protect)",
        bBarrier = "fullFence (scan)",
        bAccess = "acquire load of the slot")
@Description("hp protect without the fence vs unlink+fence+scan: store-load reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "protect validated the old node and the scan saw no hazard (it would free it)")
@Outcome(expect = ACCEPTABLE, desc = "protect saw the unlink, or the scan saw the hazard")
@State
public class HpProtectWithoutFence {
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(HpProtectWithoutFence.class, "slot", Node.class);
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
            SLOT.setOpaque(this, p);
            Node q = head.getAcquire(); // no fence before the re-read
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
        VarHandle.fullFence();
        r.r2 = SLOT.getAcquire(this) == old ? 1 : 0;
    }
}
