package org.smrlab.litmus.holds;

import org.smrlab.litmus.Pair;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicReference;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
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
 * hp-asym: protect without a fence against the scan's membarrier. Real engine code
 * ({@code HpSession.protect} and {@code retire} with batch=1, which scans), spec
 * {@code hp-asym:batch=1,slots=1} (barrier=auto: membarrier where the forked JVM reaches it, JDK 22+
 * on Linux; elsewhere the fenced protect of hp).
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  store hazard = node (protect)   B's access:  head = new node (the unlink), retire(old)
 *   A's barrier: none of its own: membarrier     B's barrier: membarrier (every running thread executes a
 *                forces one on A's CPU                        full barrier), fullFence (scan)
 *   then:        re-read head (acquire)          then:        load every hazard slot (acquire); free old
 *                                                             unless a slot names it
 * </pre>
 * The barrier runs on A's CPU either before A's re-read, which then sees the unlink (and A retries
 * with the new node), or after A's hazard store, which B's scan then sees. A stays protected to
 * the end (no exit). r1 = the node protect returned; r2 = 1 when the old node was freed.
 */
@JCStressTest
@Pair(engine = "hp-asym",
        aAccess = "store hazard = node (release, protect)",
        aBarrier = "none of its own: the scan's membarrier runs a full barrier on its CPU",
        bBarrier = "membarrier, fullFence (scan)",
        bAccess = "acquire load of every hazard slot, after the unlink")
@Description("hp-asym: unfenced protect vs unlink + membarrier + scan (fenced protect where membarrier is unavailable)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "protect returned the old node and the scan freed it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "protect returned the old node; the scan saw the hazard and kept it")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "protect saw the unlink; the old node was freed")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "protect saw the unlink; the scan saw a hazard published before the retry")
@State
public class HpAsymProtectVsScan {
    static final Engine HP_ASYM = Engine.of("hp-asym:batch=1,slots=1");

    final Node old = new Node(1);
    final AtomicReference<Node> head = new AtomicReference<>(old);
    final Session<Node> reader;
    final Session<Node> writer;

    public HpAsymProtectVsScan() {
        Reclaimer<Node> domain = HP_ASYM.create();
        reader = domain.join();
        writer = domain.join();
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer() {
        head.setRelease(new Node(2));
        writer.retire(old);
    }

    @Arbiter
    public void freed(II_Result r) {
        r.r2 = old.data == Node.POISON ? 1 : 0;
    }
}
