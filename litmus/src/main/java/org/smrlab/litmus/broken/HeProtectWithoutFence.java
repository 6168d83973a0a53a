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
 * MUST FAIL. Hazard eras without the fence between publishing the era and loading the link again:
 * {@code HeSession.protect} (an era slot that held NONE receives the current era, opaque) minus its
 * {@code fullFence}, against the scan's shape (unlink, {@code fullFence}, acquire load of the slot).
 * The era waits in the store buffer while the load returns the old node; the scan sees NONE and
 * would free the node. The holding pair is {@code holds.HeProtectVsScan}.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  slot = era (opaque)             B's access:  head = new node (the unlink)
 *   A's barrier: MISSING                         B's barrier: fullFence (scan)
 *   then:        load head (acquire)             then:        load A's slot (acquire)
 * </pre>
 */
@JCStressTest
@Pair(engine = "he",
        aAccess = "slot = era (opaque, protect)",
        aBarrier = "MISSING (no fence in protect)",
        bBarrier = "fullFence (scan)",
        bAccess = "acquire load of the reader's era slot")
@Description("he protect without its fence vs unlink+fence+scan: store-load reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the reader holds the old node and the scan saw no era (it would free it)")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the era")
@State
public class HeProtectWithoutFence {
    static final long NONE = 0;
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(HeProtectWithoutFence.class, "slot", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long slot = NONE;

    @Actor
    public void reader(II_Result r) {
        SLOT.setOpaque(this, 7L);
        r.r1 = head.getAcquire().id; // no fence before the load
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence();
        r.r2 = (long) SLOT.getAcquire(this) == NONE ? 0 : 1;
    }
}
