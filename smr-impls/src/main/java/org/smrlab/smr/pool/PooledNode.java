package org.smrlab.smr.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.smrlab.smr.engine.SmrHeader;

/**
 * The base of every node an {@link SmrPool} hands out: a generation stamp that says whether the
 * node is live or freed, and the two hooks that poison a freed node and check the poison later.
 *
 * <h2>Implementation notes</h2>
 * The generation is even while the node is live (handed out by {@link SmrPool#get}) and odd while
 * it is freed (in the pool's caches, poisoned). Every free adds one, every reuse adds one, so a
 * reader that reads the same even generation before and after using a node knows the node was
 * not freed in between (a seqlock read, with the pool as the writer):
 * <pre>
 *   pool, on free:  CAS generation g -> g+1 (odd)   storeStoreFence   poisonFields()
 *   pool, on reuse: poisonIntact()?   setRelease generation g+1 -> g+2 (even)   (user re-initializes)
 *   reader:         g1 = generation() [acquire]   read fields   loadLoadFence   g2 = generation()
 *                   g1 odd, or g2 != g1  ->  use-after-free
 * </pre>
 * <table>
 * <tr><th>this access (pool, freeing thread)</th><th>pairs with (reader)</th><th>so that</th></tr>
 * <tr><td>CAS of the generation to odd, then {@code storeStoreFence}, then the poison stores</td>
 *     <td>field loads, {@code loadLoadFence}, {@code getAcquire} of the generation</td>
 *     <td>a reader that saw any poison value (or a value written after reuse) reads a generation
 *         other than its {@code g1}</td></tr>
 * <tr><td>reuse: {@code setRelease} of the even generation</td><td>{@code getAcquire} in {@link #generation()}</td>
 *     <td>a reader that sees the new generation also sees the pool's checks of the old poison done</td></tr>
 * </table>
 * The CAS on free (not a plain increment) makes a double free exact even when two threads free
 * the same node at once: exactly one of them moves the generation from even to odd.
 * <p>{@code retireNanos} is stamped by {@link SmrPool#put} only when a probe is attached; the node
 * reaches the freeing thread through the engine (the retiring thread's own batch, or the hand-on
 * list under a lock), which orders the stamp before the free; the accesses are opaque anyway, so a
 * long is never torn. {@code poolNext} links nodes in the pool's free caches; it is touched only by
 * the thread whose cache holds the node, and nodes change hands only under the depot's lock.
 */
public abstract class PooledNode implements SmrHeader {
    private static final VarHandle GENERATION, RETIRE_NANOS, HEADER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            GENERATION = l.findVarHandle(PooledNode.class, "generation", long.class);
            RETIRE_NANOS = l.findVarHandle(PooledNode.class, "retireNanos", long.class);
            HEADER = l.findVarHandle(PooledNode.class, "header", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // smr-only: generations begin
    /** Even = live, odd = freed (poisoned). A freshly allocated node is live at generation 0. */
    private long generation;
    // smr-only: generations end
    /** System.nanoTime() at put, when a probe is attached. */
    private long retireNanos;
    /** Link in a free cache; confined to the thread whose cache (or, under its lock, the depot) holds the node. */
    PooledNode poolNext;
    /** The engine's word ({@link SmrHeader}): a birth era, a count column; written only by the pool's engine. */
    private long header;

    protected PooledNode() {
    }

    // smr-only: generations begin
    /** The generation stamp, read with acquire: even = live, odd = freed. */
    public final long generation() {
        return (long) GENERATION.getAcquire(this);
    }

    /** Whether the node is freed (its generation is odd). */
    public final boolean isPoisoned() {
        return (generation() & 1) != 0;
    }
    // smr-only: generations end

    // smr-only: poison begin
    /** Called by the pool right after a free has made the generation odd: store poison values into every field. */
    protected abstract void poisonFields();

    /** Called by the pool before reuse: are all the poison values still there? False = someone wrote after free. */
    protected abstract boolean poisonIntact();
    // smr-only: poison end

    // ------------------------------------------------------------------ the engine's word

    @Override
    public final long smrHeader() {
        return (long) HEADER.getAcquire(this);
    }

    @Override
    public final void smrHeader(long word) {
        HEADER.setRelease(this, word);
    }

    @Override
    public final boolean casSmrHeader(long expect, long update) {
        return HEADER.compareAndSet(this, expect, update);
    }

    // ------------------------------------------------------------------ the pool's side (package-private)

    // smr-only: generations begin
    /** The freeing thread's view of the generation; the CAS that follows decides. */
    final long generationOpaque() {
        return (long) GENERATION.getOpaque(this);
    }

    /**
     * Moves a live generation to freed. False if the node was not live at {@code live}: a double
     * free (it was already odd, or another thread freed it first).
     */
    final boolean markFreed(long live) {
        if ((live & 1) != 0 || !GENERATION.compareAndSet(this, live, live + 1)) {
            return false;
        }
        VarHandle.storeStoreFence(); // the odd generation is visible before any poison value
        return true;
    }

    /** Moves a freed generation to live again (reuse); release: the poison check happens-before it. */
    final void markLive(long freed) {
        GENERATION.setRelease(this, freed + 1);
    }
    // smr-only: generations end

    final void stampRetire(long nanos) {
        RETIRE_NANOS.setOpaque(this, nanos);
    }

    final long retireStamp() {
        return (long) RETIRE_NANOS.getOpaque(this);
    }
}
