package org.smrlab.litmus.broken;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Engine;
import org.smrlab.litmus.Node;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * MUST FAIL. gus: advance before the unlink. Real engine code, spec {@code gus:batch=1}.
 * The writer takes its goal first and unlinks after. A reader that enters between the two observes
 * the new clock value (at the goal), loads head before the unlink and holds the old node; the scan
 * finds its sequence at the goal and declares the node free. The goal must come from an advance
 * made after the node became unreachable. No reordering is needed; checked mode cannot see it
 * (it does not know when the unlink happened), this litmus test does. The writer does a little work
 * between the two (prepares the replacement), which widens the window a reader has to enter in.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter (observes the clock after B's     goal = advance()
 *          advance); n = protect(head)      B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: poll(goal): A's sequence is at the goal
 *   A's barrier: exit                       B's access:  old.data = POISON (the free)
 * </pre>
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "gus",
        aAccess = "read n.data in the section",
        aBarrier = "exit",
        bBarrier = "poll of a goal taken before the unlink",
        bAccess = "free of the unlinked node (poison)")
@Description("gus: advance before the unlink.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(expect = ACCEPTABLE, desc = "the reader used a live node")
@State
public class GusAdvanceBeforeUnlink {
    static final Engine ENGINE = Engine.of("gus:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public GusAdvanceBeforeUnlink() {
        Reclaimer<Node> domain = ENGINE.create();
        reader = domain.join();
        writer = domain.join();
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
        GracePeriods w = Engine.grace(writer);
        long goal = w.advance();          // too early ...
        Node.dwell();                     // (preparing the replacement, say)
        head.setRelease(new Node(2));     // ... the unlink comes after it
        if (w.poll(goal)) {
            Node.free(old);
        }
    }
}
