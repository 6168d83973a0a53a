package org.smrlab.litmus.holds;

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
 * ebr: enter's fence against the writer's unlink and the epoch advancer's scan. Real engine code
 * ({@code EpochSession.enter}, {@code protect}, {@code advance}, {@code poll}).
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  store epoch|active (enter)      B's access:  head = new node (the unlink)
 *   A's barrier: fullFence (enter)               B's barrier: fullFence (advance: goal = epoch + 2),
 *                                                             fullFence (each try-advance)
 *   then:        load head (protect, acquire)    then:        load A's record (the try-advance scan)
 * </pre>
 * A store-buffering pair: if A's load of head misses the unlink, every try-advance sees A active in
 * epoch 1 and the epoch cannot get past 2, so the goal (3) is not reached; if B's scans miss A, A
 * entered late enough to see the unlink. r1 = the node A holds (1 old, 2 new); r2 = 1 when B's poll
 * says the goal is reached.
 */
@JCStressTest
@Pair(engine = "ebr",
        aAccess = "store epoch|active (enter)",
        aBarrier = "fullFence (enter)",
        bBarrier = "fullFence (advance, each try-advance)",
        bAccess = "load of the reader's record (the try-advance scan), after the unlink")
@Description("ebr enter fence vs unlink+advance attempts (store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "reader holds the unlinked node and the scan declared it free")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "reader holds the old node; the advancer saw it, goal not reached")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "reader saw the unlink; the advancer saw it idle or current")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "reader saw the unlink; the advancer saw it in an old epoch")
@State
public class EbrEnterVsScan {
    static final Engine EBR = Engine.of("ebr:batch=1");

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    final Session<Node> reader;
    final GracePeriods writer;

    public EbrEnterVsScan() {
        Reclaimer<Node> domain = EBR.create();
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
