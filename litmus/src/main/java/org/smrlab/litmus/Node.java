package org.smrlab.litmus;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.smrlab.smr.engine.SmrHeader;

/**
 * The node every litmus test publishes, unlinks and frees. {@code data} is the payload a reader
 * uses inside its section; the free function overwrites it with {@link #POISON}, so a reader that
 * reports {@code POISON} used the node after it was freed.
 *
 * <p>{@code data} is a plain field on purpose: a reader's use of a node and the free's overwrite
 * are ordinary accesses, and it is the engine's barriers, not the field, that must order them.
 */
public final class Node implements SmrHeader {
    public static final int LIVE = 1;
    public static final int POISON = -1;
    private static final VarHandle HEADER;

    static {
        try {
            HEADER = MethodHandles.lookup().findVarHandle(Node.class, "header", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Which node: 1 = the old one (unlinked by the writer), 2 = its replacement. */
    public final int id;
    public int data = LIVE;
    /** The engine's word (a birth era, a count column), as every pooled node carries one. */
    private long header;

    public Node(int id) {
        this.id = id;
    }

    /**
     * The reader's use of a node inside its section: a few hundred nanoseconds of busy work between
     * loading the node and reading its data, as a real section does some work. It widens the window
     * in which a writer can overlap the section: the tests that must hold are then exercised with the
     * writer's grace period racing a live section, and the interleaving counterexamples show up in a
     * quick run instead of once in a million samples.
     */
    public static void dwell() {
        for (int i = 0; i < 16; i++) {
            Thread.onSpinWait();
        }
    }

    /** The free function every test's engine is built with: poison the node. */
    public static void free(Node n) {
        n.data = POISON;
    }

    @Override
    public long smrHeader() {
        return (long) HEADER.getAcquire(this);
    }

    @Override
    public void smrHeader(long word) {
        HEADER.setRelease(this, word);
    }

    @Override
    public boolean casSmrHeader(long expect, long update) {
        return HEADER.compareAndSet(this, expect, update);
    }
}
