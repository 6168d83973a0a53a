package org.smrlab.litmus.broken;

import org.smrlab.litmus.Pair;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;

/**
 * MUST FAIL. localcount's drain without its cross-call: the drainer marks the node draining and at
 * once sums the counts, while a release that read the mark before it was set takes the fast path
 * (it decrements its own count and wakes nobody). The drain then sees the reference still counted
 * and sleeps on its condition variable, and the release that would have woken it has already
 * happened: the drain waits forever. No reordering is needed, only an interleaving. NetBSD's
 * {@code localcount_drain} prevents it with a cross-call between the mark and the count (a release
 * runs with preemption off, so the cross-call waits for it); {@code LocalCountReclaimer} with a
 * pserialize grace period between the mark and the sum, the release running inside a pserialize
 * read section. The holding pair is {@code holds.LocalCountReferenceVsDestroy}.
 * <pre>
 *   A (releaser, holds 1)                        B (drainer)
 *   A's access:  read the mark (acquire)         B's access:  mark = draining (volatile)
 *   A's barrier: MISSING (pserialize section)    B's barrier: MISSING grace period
 *   then:        not draining: count -= 1         then:        sum = count
 * </pre>
 * r1 = 1 when A took the slow path (it would wake B), r2 = the count B summed.
 */
@JCStressTest
@Pair(engine = "localcount",
        aAccess = "read the draining mark (acquire, release)",
        aBarrier = "MISSING (the release outside a pserialize section)",
        bBarrier = "MISSING grace period between mark and sum (drain)",
        bAccess = "sum of the counts after the volatile store of the mark")
@Description("localcount: a fast-path release vs a drain that marks and sums with no grace period between")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "the release took the fast path and the drain still counted it: the drain sleeps forever")
@Outcome(expect = ACCEPTABLE, desc = "the drain saw the release, or the release saw the mark and will wake the drain")
@State
public class LocalCountDrainWithoutGrace {
    private static final VarHandle MARK, COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MARK = l.findVarHandle(LocalCountDrainWithoutGrace.class, "draining", boolean.class);
            COUNT = l.findVarHandle(LocalCountDrainWithoutGrace.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    boolean draining;
    long count = 1; // A holds one reference

    @Actor
    public void releaser(II_Result r) {
        if ((boolean) MARK.getAcquire(this)) {
            r.r1 = 1; // slow path: under the interlock, wakes the drainer
            return;
        }
        Node.dwell();
        COUNT.setOpaque(this, (long) COUNT.getOpaque(this) - 1);
        r.r1 = 0;
    }

    @Actor
    public void drainer(II_Result r) {
        MARK.setVolatile(this, true);
        r.r2 = (int) (long) COUNT.getAcquire(this);
    }
}
