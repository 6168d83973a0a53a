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
 * MUST FAIL. ibr's enter without the fence after publishing the reservation:
 * {@code IbrSession.enter} (lower and upper = the epoch, opaque stores) minus its {@code fullFence},
 * followed by protect's acquire load of the link, against the scan's shape (unlink, {@code fullFence},
 * acquire load of the record's lower end). The reservation waits in the store buffer while the load
 * returns the old node, and the scan finds the record idle: it would free a node the reader holds.
 * The holding pair is {@code holds.IbrEnterVsScan}; the same fence guards protect's raise of upper.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  lower = upper = epoch (opaque)  B's access:  head = new node (the unlink)
 *   A's barrier: MISSING                         B's barrier: fullFence (scan)
 *   then:        load head (acquire)             then:        load A's lower (acquire)
 * </pre>
 */
@JCStressTest
@Pair(engine = "ibr",
        aAccess = "lower = upper = epoch (opaque, enter)",
        aBarrier = "MISSING (no fence in enter)",
        bBarrier = "fullFence (scan)",
        bAccess = "acquire load of the reader's lower end")
@Description("ibr enter without its fence vs unlink+fence+scan: store-load reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the reader holds the old node and the scan saw no reservation (it would free it)")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the reservation")
@State
public class IbrEnterWithoutFence {
    static final long IDLE = Long.MAX_VALUE;
    private static final VarHandle LOWER, UPPER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            LOWER = l.findVarHandle(IbrEnterWithoutFence.class, "lower", long.class);
            UPPER = l.findVarHandle(IbrEnterWithoutFence.class, "upper", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long lower = IDLE;
    long upper = IDLE;

    @Actor
    public void reader(II_Result r) {
        LOWER.setOpaque(this, 5L);
        UPPER.setOpaque(this, 5L);
        r.r1 = head.getAcquire().id; // no fence before the load
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence();
        r.r2 = (long) LOWER.getAcquire(this) == IDLE ? 0 : 1;
    }
}
