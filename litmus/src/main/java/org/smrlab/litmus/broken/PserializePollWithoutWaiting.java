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
 * MUST FAIL. pserialize's asynchronous poll without its second half: the grace period is declared
 * complete as soon as it has started (odd generation, fence, the reader's count read and found
 * odd), without waiting for the noted odd count to move. The shapes of {@code PszSession.enter} /
 * {@code exit} (fenced) and of the engine's start are kept; only the completion check is missing.
 * The fence pair works (the writer does see A's odd count whenever A holds the old node), and that
 * is exactly what it ignores: the free races with A's use of the node. Compare
 * {@code holds.PserializeFencedAsyncPoll}, which is this with the wait.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  count = 1 (odd), fullFence      B's access:  head = new node (the unlink)
 *   then:        n = head (acquire); n.data      B's barrier: fullFence (advance); gen odd, fullFence;
 *   A's barrier: count = 2 (release)                          read A's count: odd, noted... and not waited for
 *                                                B's access:  old.data = POISON (the free)
 * </pre>
 * r1 = the node A held (1 old, 2 new); r2 = the data A read (1 live, -1 poisoned).
 */
@JCStressTest
@Description("pserialize poll that completes a grace period without waiting for the odd counts to move")
@Outcome(id = "1, -1", expect = FORBIDDEN, desc = "the reader used the unlinked node after it was freed")
@Outcome(expect = ACCEPTABLE, desc = "the reader used a live node")
@State
public class PserializePollWithoutWaiting {
    private static final VarHandle COUNT, GEN;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(PserializePollWithoutWaiting.class, "count", long.class);
            GEN = l.findVarHandle(PserializePollWithoutWaiting.class, "gen", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long count; // the reader's record word: odd while inside
    long gen;   // the domain's generation: odd while a grace period is in flight
    long lastNoted; // what the start noted of A's count (and the broken completion ignores)

    @Actor
    public void reader(II_Result r) {
        COUNT.setOpaque(this, 1L);  // enter: odd
        VarHandle.fullFence();      // the fenced enter
        Node n = head.getAcquire(); // protect
        r.r1 = n.id;
        Node.dwell();
        r.r2 = n.data;
        COUNT.setRelease(this, 2L); // exit: even
    }

    @Actor
    public void writer() {
        Node old = head.get();
        head.setRelease(new Node(2));
        VarHandle.fullFence();                        // advance: the unlink before the generation is read
        long g = (long) GEN.getAcquire(this);
        GEN.setRelease(this, g + 1);                  // start: odd
        VarHandle.fullFence();                        // start's fence (pairs with the fenced enter)
        long noted = (long) COUNT.getAcquire(this);   // the reader found inside, or not
        lastNoted = noted;                            // noted (odd if A is inside) ...
        GEN.setRelease(this, g + 2);                  // BROKEN: ... and completed without waiting for it to move
        Node.free(old);
    }
}
