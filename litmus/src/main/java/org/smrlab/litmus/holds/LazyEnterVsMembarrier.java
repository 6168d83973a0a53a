package org.smrlab.litmus.holds;

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
import org.smrlab.litmus.Pair;
import org.openjdk.jcstress.infra.results.II_Result;
import org.smrlab.litmus.Node;
import org.smrlab.smr.engine.Membarrier;

/**
 * gus-lazy (and pserialize with barrier=membarrier): the unfenced enter against membarrier.
 * <p>A lazy domain starts a ticker thread, too many to build one per jcstress state, so this test
 * replays the engine's access modes on the same primitives: the reader's side is
 * {@code GusSession.enter} with membarrier in use (load the clock, {@code setOpaque} the observed
 * sequence, no fence) followed by {@code protect} ({@code getAcquire}); the writer's side is the
 * unlink, the process-wide barrier ({@code Membarrier.barrier()}, issued in the engine by
 * {@code Ticker.run}) and the scan's {@code fullFence} and {@code getAcquire} of the record
 * ({@code GusReclaimer.poll}). In the engine a tick that began after the unlink must have completed
 * before the poll can reach a lazy goal (goals lie two ticks ahead); here the writer issues that
 * barrier itself.
 * <pre>
 *   A (reader)                                   B (writer)
 *   A's access:  setOpaque(observed seq)         B's access:  head = new node (the unlink)
 *   A's barrier: none of its own: membarrier     B's barrier: membarrier (every running thread executes a
 *                forces one on A's CPU                        full barrier), then fullFence (scan)
 *   then:        load head (acquire)             then:        load A's record (acquire)
 * </pre>
 * Where membarrier is unavailable (JDK before 22, or not Linux) the engines fall back to a fenced
 * read side, and so does this test: A fences after its store and B fences instead of membarrier.
 * Which variant ran is decided by {@link Membarrier#available()} in the forked JVM.
 * r1 = the node A holds; r2 = 1 when B's scan saw A's record.
 */
@JCStressTest
@Pair(engine = "gus-lazy",
        aAccess = "setOpaque(observed sequence) (enter, no fence)",
        aBarrier = "none of its own: membarrier runs a full barrier on its CPU",
        bBarrier = "membarrier, then fullFence (scan)",
        bAccess = "acquire load of the reader's record")
@Description("gus-lazy unfenced enter vs unlink+membarrier+scan (fenced fallback where membarrier is unavailable)")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "reader holds the unlinked node and the scan saw it idle")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "reader holds the old node; the scan saw it")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "reader saw the unlink; the scan saw it idle")
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "reader saw the unlink; the scan saw it")
@State
public class LazyEnterVsMembarrier {
    static final boolean MEMBARRIER = Membarrier.available();
    private static final VarHandle SEQ;

    static {
        try {
            SEQ = MethodHandles.lookup().findVarHandle(LazyEnterVsMembarrier.class, "seq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final AtomicReference<Node> head = new AtomicReference<>(new Node(1));
    long seq; // the reader's record word: 0 = INVALID (idle), odd = observed sequence

    @Actor
    public void reader(II_Result r) {
        SEQ.setOpaque(this, 1L);
        if (!MEMBARRIER) {
            VarHandle.fullFence();
        }
        r.r1 = head.getAcquire().id;
    }

    @Actor
    public void writer(II_Result r) {
        head.setRelease(new Node(2));
        if (MEMBARRIER) {
            Membarrier.barrier();
        }
        VarHandle.fullFence();
        r.r2 = (long) SEQ.getAcquire(this) == 0 ? 0 : 1;
    }
}
