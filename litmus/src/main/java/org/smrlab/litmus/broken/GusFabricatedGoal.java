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
 * MUST FAIL. gus: poll a goal no advance returned. Real engine code, spec {@code gus:batch=1}.
 * The writer unlinks and then, instead of taking its goal from {@code advance()}, makes one up
 * beyond the clock ({@code current() + 2}). {@code smr_poll} treats a goal past the clock as one
 * held across a wrap of the sequence space and answers true at once, without a scan: the free
 * races with a reader still inside its section. No reordering is needed. Checked mode rejects the
 * call ({@code Rule.GOAL_NOT_ISSUED}; on gus-lazy, whose poll takes the same branch for goals
 * beyond {@code current() + 4}, {@code Rule.LAZY_GRACE_SKIPPED}).
 * <pre>
 *   A (reader)                              B (writer)
 *   enter; n = protect(head)                B's access:  head = new node (the unlink)
 *   A's access:  read n.data                B's barrier: poll(current() + 2): true at once, no scan
 *   A's barrier: exit                       B's access:  old.data = POISON (the free)
 * </pre>
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Pair(engine = "gus",
        aAccess = "read n.data in the section",
        aBarrier = "exit",
        bBarrier = "poll(current() + 2): true at once, no scan",
        bAccess = "free of the unlinked node (poison)")
@Description("gus: poll a goal no advance returned.")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(expect = ACCEPTABLE, desc = "the reader used a live node")
@State
public class GusFabricatedGoal {
    static final Engine ENGINE = Engine.of("gus:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final Session<Node> writer;

    public GusFabricatedGoal() {
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
        long fabricated = w.current() + 2; // not from advance(): beyond the clock
        if (w.poll(fabricated)) {
            Node.free(old);
        }
    }
}
