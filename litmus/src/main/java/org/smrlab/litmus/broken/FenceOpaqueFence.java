package org.smrlab.litmus.broken;

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
 * MUST FAIL. C2's fence elision: a {@code VarHandle.fullFence()} followed, with no branch between,
 * by a second full fence, with only plain or opaque loads between them, is compiled to nothing
 * (observed on JDK 17.0.15 and 25.0.3 on x86). Each actor is a fenced enter followed by a read
 * done with {@code getOpaque} and a second enter-like fence: the store-buffering outcome appears.
 * The engines are immune because every fence in them is followed by a {@code getAcquire}
 * (see {@code holds.FenceAcquireFence}, the same test with acquire loads, which holds).
 * <pre>
 *   A                                B
 *   A's access:  x = 1 (opaque)      B's access:  y = 1 (opaque)
 *   A's barrier: fullFence           B's barrier: fullFence       (both elided by C2)
 *   then:        r1 = y (opaque)     then:        r2 = x (opaque)
 *                fullFence                        fullFence
 * </pre>
 */
@JCStressTest
@Pair(engine = "fence shape",
        aAccess = "x = 1 (opaque)",
        aBarrier = "fullFence, then an opaque load (C2 drops the fence)",
        bBarrier = "fullFence, then an opaque load (C2 drops the fence)",
        bAccess = "r2 = x")
@Description("store; fullFence; getOpaque; fullFence: C2 drops the first fence (store-buffering observed)")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "the first fence was dropped: both loads passed both stores")
@Outcome(expect = ACCEPTABLE, desc = "at least one load saw the other thread's store")
@State
public class FenceOpaqueFence {
    private static final VarHandle X, Y;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            X = l.findVarHandle(FenceOpaqueFence.class, "x", int.class);
            Y = l.findVarHandle(FenceOpaqueFence.class, "y", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    int x, y;

    @Actor
    public void a(II_Result r) {
        X.setOpaque(this, 1);
        VarHandle.fullFence();
        r.r1 = (int) Y.getOpaque(this);
        VarHandle.fullFence();
    }

    @Actor
    public void b(II_Result r) {
        Y.setOpaque(this, 1);
        VarHandle.fullFence();
        r.r2 = (int) X.getOpaque(this);
        VarHandle.fullFence();
    }
}
