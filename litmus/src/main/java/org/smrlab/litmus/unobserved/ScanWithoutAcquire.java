package org.smrlab.litmus.unobserved;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;

/**
 * Broken, but not observable here. The scan reads the reader's record with an opaque load instead of
 * {@code getAcquire} ({@code ThreadRecord.laWord}, used by {@code GusReclaimer.pollRecord}). Without
 * acquire, the free's store is not ordered after the load that saw the reader gone, and the exit's
 * release has nothing to pair with. x86 never lets a store pass an earlier load and C2 does not
 * speculate stores past the branch, so the outcome is not seen on this hardware.
 * <pre>
 *   A (reader, inside a section)                 B (writer)
 *   A's access:  read node.data                  B's barrier: load A's record (opaque: too weak)
 *   A's barrier: setRelease(INVALID) (exit)      B's access:  node.data = POISON, if A was idle
 * </pre>
 */
@JCStressTest
@Pair(engine = "gus",
        aAccess = "read node.data in the section",
        aBarrier = "exit: setRelease(INVALID)",
        bBarrier = "poll: opaque load of the record (too weak: no acquire)",
        bAccess = "free: node.data = POISON, if the reader was idle")
@Description("poll's scan with an opaque load (no acquire): load-store reordering, not observable on x86")
@Outcome(id = "-1, 1", expect = ACCEPTABLE_INTERESTING, desc = "BROKEN: the free overtook the reader's read")
@Outcome(expect = ACCEPTABLE, desc = "the read happened before the free, or the node was kept")
@State
public class ScanWithoutAcquire {
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(ScanWithoutAcquire.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Node node = new Node(1);
    long seq = 1; // inside a section

    @Actor
    public void reader(II_Result r) {
        r.r1 = node.data;
        SEQ.setRelease(this, 0L);
    }

    @Actor
    public void writer(II_Result r) {
        if ((long) SEQ.getOpaque(this) == 0) {
            Node.free(node);
            r.r2 = 1;
        }
    }
}
