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
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;

/**
 * MUST FAIL. gus enter without its full fence: {@code GusSession.enter} minus the
 * {@code fullFence}, against the writer's real shape (unlink, the {@code getAndAdd} of
 * {@code advance}, the fence and acquire scan of {@code poll}; here one full fence stands for both). x86 lets a store wait in the store buffer while a later
 * load goes ahead, so the reader's observed sequence is not yet visible to the scan while its load
 * of head already returned the old node: the scan declares the node free while the reader holds it.
 * This is also exactly what an unfenced lazy enter (gus-lazy, pserialize with membarrier) faces
 * when the grace it relies on is skipped: no membarrier between the unlink and the scan.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  setOpaque(observed seq)         B's access:  head = new node (the unlink)
 *   A's barrier: MISSING                         B's barrier: getAndAdd (advance), fullFence (poll)
 *   then:        load head (acquire)             then:        load A's record (acquire)
 * </pre>
 */
@JCStressTest
@Description("gus enter without the full fence vs unlink+fence+scan: store-load reordering")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "reader holds the unlinked node and the scan saw it idle")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the reader")
@State
public class UnfencedEnter {
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(UnfencedEnter.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long seq; // the reader's record word: 0 = INVALID (idle), odd = observed sequence

    @Actor
    public void reader(II_Result r) {
        SEQ.setOpaque(this, 1L);            // enter: store the observed sequence ...
        r.r1 = head.getAcquire().id;        // ... and no fence before protect's load
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence();               // the poll's fence before its scan (the advance's getAndAdd adds nothing here)
        r.r2 = (long) SEQ.getAcquire(this) == 0 ? 0 : 1;
    }
}
