package org.smrlab.litmus.holds;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The engines' answer to C2's fence elision: a full fence followed by an <em>acquire</em> load and
 * then another full fence. This is the shape of every fenced read side in the lab (gus, ebr and
 * pserialize {@code enter}; hp {@code protect}, whose loop publishes and fences again on a retry):
 * the fence is followed by {@code getAcquire} loads of the protected links, never by plain or
 * opaque loads alone. Compare {@code broken.FenceOpaqueFence}, the same test with {@code getOpaque},
 * in which C2 drops the first fence.
 * <pre>
 *   A                                B
 *   A's access:  x = 1 (opaque)      B's access:  y = 1 (opaque)
 *   A's barrier: fullFence           B's barrier: fullFence
 *   then:        r1 = y (acquire)    then:        r2 = x (acquire)
 *                fullFence                        fullFence
 * </pre>
 */
@JCStressTest
@Pair(engine = "fence shape",
        aAccess = "x = 1 (opaque)",
        aBarrier = "fullFence, then an acquire load",
        bBarrier = "fullFence, then an acquire load",
        bAccess = "r2 = x (the other side's store seen)")
@Description("store; fullFence; getAcquire; fullFence: the fence survives (store-buffering forbidden)")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "a fence was dropped: both loads passed both stores")
@Outcome(expect = ACCEPTABLE, desc = "at least one load saw the other thread's store")
@State
public class FenceAcquireFence {
    private static final VarHandle X, Y;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            X = l.findVarHandle(FenceAcquireFence.class, "x", int.class);
            Y = l.findVarHandle(FenceAcquireFence.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int x, y;

    @Actor
    public void a(II_Result r) {
        X.setOpaque(this, 1);
        VarHandle.fullFence();
        r.r1 = (int) Y.getAcquire(this);
        VarHandle.fullFence();
    }

    @Actor
    public void b(II_Result r) {
        Y.setOpaque(this, 1);
        VarHandle.fullFence();
        r.r2 = (int) X.getAcquire(this);
        VarHandle.fullFence();
    }
}
