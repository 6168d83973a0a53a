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
 * gus: enter's fence against the writer's unlink, advance and scan. Real engine code
 * ({@code GusSession.enter}, {@code protect}, {@code advance}, {@code poll}).
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  store observed seq (enter)      B's access:  head = new node (the unlink)
 *   A's barrier: fullFence (enter)               B's barrier: getAndAdd (advance: no fence), fullFence (poll)
 *   then:        load head (protect, acquire)    then:        load A's record (the scan)
 * </pre>
 * A store-buffering pair: if A's load of head misses the unlink, B's scan must see A's sequence
 * (older than the goal) and fail; if B's scan misses A, A's load must see the unlink. (When the
 * poller is another thread than the writer, the release of the advance's {@code getAndAdd} carries
 * the unlink to it: {@code GusAdvanceOrdersThirdPartyPoll}.)
 * r1 = the node A holds (1 old, 2 new); r2 = 1 when B's poll says the goal is reached.
 */
@JCStressTest
@Description("gus enter fence vs unlink+advance+scan (store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "reader holds the unlinked node and the scan declared it free")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader holds the old node; the scan saw it, goal not reached")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "reader saw the unlink; the scan saw it idle or entered after the advance")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "reader saw the unlink; the scan still saw its older sequence")
@State
public class GusEnterVsScan {
    static final Engine GUS = Engine.of("gus:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final GracePeriods writer;

    public GusEnterVsScan() {
        Reclaimer<Node> domain = GUS.create();
        reader = domain.join();
        writer = Engine.grace(domain.join());
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        long goal = writer.advance();
        r.r2 = writer.poll(goal) ? 1 : 0;
    }
}
