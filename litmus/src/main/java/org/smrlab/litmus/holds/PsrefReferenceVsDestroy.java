package org.smrlab.litmus.holds;

import org.smrlab.litmus.Pair;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Engine;
import org.smrlab.litmus.Node;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * psref: a reference held across the reader's work against unlink and the blocking destroy. Real
 * engine code, spec {@code psref:batch=1,barrier=auto} (the read sections inside protect go without a fence where
 * membarrier is available, JDK 22+ on Linux, and fence elsewhere).
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: retire (batch=1): grace period, then wait for references
 *   A's barrier: exit (the release)         B's access:  old.data = POISON (the engine's free)
 * </pre>
 * protect runs pserialize_read_enter, loads the link, stores the node into the thread's reference slot
 * (psref_acquire), pserialize_read_exit; the reader then holds the reference across its dwell, as a
 * psref holder may hold it across a sleep; exit clears the slot (psref_release). The writer's retire
 * with batch=1 is the blocking destroy: a pserialize grace period, then psref_target_destroy's
 * wait until no slot names the node, then the free.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "psref",
        aAccess = "read n.data while holding the reference",
        aBarrier = "exit: release store clearing the reference slot (psref_release)",
        bBarrier = "destroy: grace period, then acquire loads of every reference slot until none names the node",
        bAccess = "free of the unlinked node (poison)")
@Description("psref: a held reference against unlink, blocking destroy, free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class PsrefReferenceVsDestroy {
    static final Engine ENGINE = Engine.of("psref:batch=1,barrier=auto");

    final AtomicReference<Node> head;
    final Session<Node> reader;
    final Session<Node> writer;

    public PsrefReferenceVsDestroy() {
        Reclaimer<Node> domain = ENGINE.create();
        reader = domain.join();
        writer = domain.join();
        head = new AtomicReference<>(Engine.born(writer, 1));
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        Node n = reader.protect(0, head);
        r.r1 = n.id;
        Node.dwell();
        r.r2 = n.data;
        reader.exit();
    }

    @Actor
    public void writer() {
        Node old = head.get();
        head.setRelease(Engine.born(writer, 2));
        writer.retire(old); // batch=1: destroys it (blocking) and frees it
    }
}
