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
 * MUST FAIL. The writer's side of the store-buffering pair without its fences. A deferred advance
 * ({@code gus-deferred}, most calls) writes nothing shared: it returns {@code current + 2}. If
 * {@code GusSession.advance} dropped its leading {@code fullFence} and the poll dropped the one
 * before its scan, nothing would order the unlink store before the load of the reader's record. The
 * reader here is the real, fenced enter shape; the failure is all on the writer's side. (A default
 * gus advance is a {@code getAndAdd} and has no fence: the read-modify-write releases the unlink to
 * whoever acquires the new clock value, and is a full barrier on HotSpot besides, see
 * {@code holds.GusAdvanceOrdersThirdPartyPoll}. A deferred or lazy advance writes nothing a reader
 * or poller reads, which is why its explicit fence stays.)
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  setOpaque(observed seq)         B's access:  head = new node (the unlink)
 *   A's barrier: fullFence (enter)               B's barrier: MISSING (advance, poll)
 *   then:        load head (acquire)             then:        load the clock (opaque), load A's record
 * </pre>
 */
@JCStressTest
@Description("deferred advance and poll without their fences vs fenced enter: store-load reordering on the writer")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "reader holds the unlinked node and the scan saw it idle")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the reader")
@State
public class DeferredAdvanceWithoutFence {
    private static final VarHandle SEQ, CLOCK;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SEQ = l.findVarHandle(DeferredAdvanceWithoutFence.class, "seq", long.class);
            CLOCK = l.findVarHandle(DeferredAdvanceWithoutFence.class, "clock", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long clock = 1; // the write clock
    long seq;       // the reader's record word: 0 = INVALID (idle), odd = observed sequence

    @Actor
    public void reader(II_Result r) {
        SEQ.setOpaque(this, (long) CLOCK.getAcquire(this));
        VarHandle.fullFence();
        r.r1 = head.getAcquire().id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        long goal = (long) CLOCK.getOpaque(this) + 2; // deferred advance: no fence, no write
        long observed = (long) SEQ.getAcquire(this);  // poll's scan: no fence before it
        r.r2 = observed == 0 ? 0 : 1;
        if (goal == 0) {
            r.r2 = -1; // never: keeps the goal computation alive
        }
    }
}
