package org.smrlab.litmus.holds;

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
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * pserialize: a whole section against unlink, advance, then polls alone until the goal is met, free.
 * Real engine code, spec {@code pserialize:batch=1,barrier=auto}.
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: goal = advance(); poll(goal) until true: the first
 *   A's barrier: exit                                    poll starts the grace period (odd generation, fence,
 *                                                        membarrier, note the odd counts), later polls complete
 *                                                        it once every noted count has moved; no blocking wait
 *                                           B's access:  old.data = POISON (the free)
 * </pre>
 * The asynchronous pserialize (smr(9)'s "advance now, poll later"): a reader that held the old node
 * was inside when the grace period started, its odd count was noted, and the goal is met only after
 * that count moved, i.e. after A's exit (release) was seen (acquire). With barrier=auto the read side is unfenced where membarrier is
 * available (Linux, JDK 22+) and the start issues it; elsewhere both sides fence.
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Description("pserialize: a whole section against unlink, advance, polls until met, free.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the reader used the old node before it was freed")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "the reader saw the unlink")
@State
public class PserializeAsyncPoll {
    static final Engine ENGINE = Engine.of("pserialize:batch=1,barrier=auto");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public PserializeAsyncPoll() {
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
        head.setRelease(new Node(2));
        GracePeriods w = Engine.grace(writer);
        long goal = w.advance();
        while (!w.poll(goal)) {
            Thread.onSpinWait(); // never a blocking wait: the polls drive the grace period
        }
        Node.free(old);
    }
}
