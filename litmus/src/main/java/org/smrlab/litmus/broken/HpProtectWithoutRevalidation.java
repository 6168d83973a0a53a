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
 * MUST FAIL. Hazard pointers without re-validation: publish and fence, but trust the first load of
 * the link. No reordering is needed, only an interleaving: A loads the old node, B unlinks it and
 * scans before A's hazard is published, and A goes on to use a node the scan did not see
 * protected. The re-read in {@code HpSession.protect} exists for exactly this.
 * <pre>
 *   A (reader)                                   B (writer)
 *   p = head (acquire)                           B's access:  head = new node (the unlink)
 *   A's access:  slot = p                        B's barrier: fullFence (scan)
 *   A's barrier: fullFence                       then:        load the slot (acquire)
 *   then:        use p without re-reading head
 * </pre>
 */
@JCStressTest
@Pair(engine = "hp",
        aAccess = "slot = p (a pointer loaded before the store)",
        aBarrier = "fullFence, but no re-read of head",
        bBarrier = "fullFence (scan)",
        bAccess = "acquire load of the slot, then the free")
@Description("hp protect without re-validation vs unlink+fence+scan: an interleaving, no reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the reader uses the old node and the scan saw no hazard (it would free it)")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the hazard")
@State
public class HpProtectWithoutRevalidation {
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(HpProtectWithoutRevalidation.class, "slot", Node.class);
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
        SLOT.setOpaque(this, p);
        VarHandle.fullFence();
        r.r1 = p.id; // used without checking that head still names it
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence();
        r.r2 = SLOT.getAcquire(this) == old ? 1 : 0;
    }
}
