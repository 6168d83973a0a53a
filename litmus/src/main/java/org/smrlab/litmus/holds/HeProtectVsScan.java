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
 * he: the reader's publish-and-fence against the scan. Real engine code, spec {@code he:batch=1}.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  protect: load head, then the clock; era differs from the slot: store era in the slot (opaque), fullFence, load head again
 *   A's barrier: fullFence (before the load)     B's access:  head = new node (the unlink), retire(old)
 *                                                B's barrier: fullFence (the scan)
 *   then:        the node it loads is A's        then:        clock read (the retire era), every record's
 *                                                             reservation (acquire); free old unless one covers it
 * </pre>
 * A store-buffering pair: if A's load still finds the old node, B's scan sees A's era, published before its fence,
 * which lies within the old node's lifetime, and keeps it; if B's scan misses it, A's load sees the
 * unlink. A stays inside to the end (no exit). r1 = the node protect returned; r2 = 1 when the old
 * node was freed (read after both actors by the arbiter).
 */
@JCStressTest
@Pair(engine = "he",
        aAccess = "slot = era (opaque, protect)",
        aBarrier = "fullFence (protect)",
        bBarrier = "fullFence (scan)",
        bAccess = "acquire load of every era slot, after the unlink")
@Description("he: reservation published with a fence vs unlink + scan (store-buffering pair)")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "protect returned the old node and the scan freed it")
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "protect returned the old node; the scan saw the reservation and kept it")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "protect saw the unlink; the old node was freed")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "protect saw the unlink; the scan saw a reservation that covers the old node")
@State
public class HeProtectVsScan {
    static final Engine ENGINE = Engine.of("he:batch=1");

    final Node old;
    final AtomicReference<Node> head;
    final Session<Node> reader;
    final Session<Node> writer;

    public HeProtectVsScan() {
        Reclaimer<Node> domain = ENGINE.create();
        reader = domain.join();
        writer = domain.join();
        old = Engine.born(writer, 1);
        head = new AtomicReference<>(old);
    }

    @Actor
    public void reader(II_Result r) {
        reader.enter();
        r.r1 = reader.protect(0, head).id;
    }

    @Actor
    public void writer() {
        head.setRelease(Engine.born(writer, 2));
        writer.retire(old);
    }

    @Arbiter
    public void freed(II_Result r) {
        r.r2 = old.data == Node.POISON ? 1 : 0;
    }
}
