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
 * MUST FAIL. psref without its pserialize half: the reader loads the node and then stores its
 * reference (psref_acquire) outside any pserialize read section, and the destroyer scans the
 * reference lists right after the unlink, without waiting for a grace period. The scan can run
 * between the reader's load and its reference: it finds no reference and frees a node the reader is
 * about to use. No reordering is needed, only an interleaving. This is why psref(9) requires
 * psref_acquire inside {@code pserialize_read_enter}/{@code exit} and a {@code pserialize_perform}
 * before {@code psref_target_destroy}, and why {@code PsrefReclaimer} waits for the batch's grace
 * period before its scan. The holding pair is {@code holds.PsrefReferenceVsDestroy}.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  load head (acquire)             B's access:  head = new node (the unlink)
 *   A's barrier: MISSING (pserialize section)    B's barrier: fullFence only: MISSING grace period
 *   then:        slot = the node (release)       then:        load A's slot (acquire): free if empty
 * </pre>
 */
@JCStressTest
@Pair(engine = "psref",
        aAccess = "load head (acquire), then slot = node (release)",
        aBarrier = "MISSING (no pserialize section around the acquire)",
        bBarrier = "fullFence only: MISSING grace period (destroy)",
        bAccess = "acquire load of the reader's reference slot")
@Description("psref: a reference taken outside a pserialize section vs a destroy without a grace period")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "the reader took a reference on the old node and the destroy's scan missed it")
@Outcome(expect = ACCEPTABLE, desc = "the reader saw the unlink, or the scan saw the reference")
@State
public class PsrefAcquireOutsideSection {
    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(PsrefAcquireOutsideSection.class, "slot", Node.class);
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
        Node.dwell(); // the time between finding the node and taking the reference
        SLOT.setRelease(this, p);
        r.r1 = p.id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        VarHandle.fullFence();
        r.r2 = SLOT.getAcquire(this) == old ? 1 : 0;
    }
}
