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
 * Broken, but not observable here. gus exit with an opaque store instead of a release store
 * ({@code GusSession.exit} uses {@code setRelease}). The Java memory model lets the section's read
 * of the node move after the opaque store, so the scan could see the reader gone, free the node,
 * and the reader's read return the poison. x86 never reorders a load with a later store, and C2
 * keeps opaque accesses in program order, so the outcome is not seen on this hardware; an ARM or
 * POWER machine may show it. The outcome is marked ACCEPTABLE_INTERESTING so the run passes and
 * reports how often (if ever) it appeared.
 * <pre>
 *   A (reader, inside a section)                 B (writer)
 *   A's access:  read node.data                  B's barrier: load A's record (acquire)
 *   A's barrier: setOpaque(INVALID) (too weak)   B's access:  node.data = POISON, if A was idle
 * </pre>
 */
@JCStressTest
@Pair(engine = "gus",
        aAccess = "read node.data in the section",
        aBarrier = "exit: setOpaque(INVALID) (too weak: no release)",
        bBarrier = "poll: acquire load of the record",
        bAccess = "free: node.data = POISON, if the reader was idle")
@Description("gus exit with an opaque store (no release): load-store reordering, not observable on x86")
@Outcome(id = "-1, 1", expect = ACCEPTABLE_INTERESTING, desc = "BROKEN: the reader's read moved after its exit and saw the free")
@Outcome(expect = ACCEPTABLE, desc = "the read happened before the free, or the node was kept")
@State
public class ExitWithoutRelease {
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(ExitWithoutRelease.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final Node node = new Node(1);
    long seq = 1; // inside a section

    @Actor
    public void reader(II_Result r) {
        r.r1 = node.data;
        SEQ.setOpaque(this, 0L);
    }

    @Actor
    public void writer(II_Result r) {
        if ((long) SEQ.getAcquire(this) == 0) {
            Node.free(node);
            r.r2 = 1;
        }
    }
}
