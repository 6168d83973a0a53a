package org.smrlab.smr.set;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.pool.PooledNode;

/**
 * A node of {@link SmrHashSet}: a key, the link to the next node of its bucket, and the
 * {@code removed} flag that tells a hazard-pointer reader standing on it that it was unlinked.
 *
 * <p>Poison values (stored by the pool on free): key {@link #POISON_KEY}, next {@link #POISON},
 * removed {@code true}. A reader that loads {@link #POISON} from a link has followed a freed node.
 * Writers initialize a reused node with plain/opaque stores; the release store that links it into
 * a bucket publishes them (readers load links with acquire, through {@code Session.protect}).
 */
public final class SetNode extends PooledNode {
    /** The key a freed node carries. */
    public static final long POISON_KEY = 0xDEAD_DEAD_DEAD_DEADL;
    /** The successor a freed node points to; never linked into a set, never handed out. */
    public static final SetNode POISON = new SetNode();

    private static final VarHandle KEY, REMOVED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            KEY = l.findVarHandle(SetNode.class, "key", long.class);
            REMOVED = l.findVarHandle(SetNode.class, "removed", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long key;
    private boolean removed;
    /** The link to the next node of the bucket; loaded by readers only through {@code protect}. */
    final AtomicReference<SetNode> next = new AtomicReference<>();

    /** A fresh node (the pool's allocate supplier). */
    public SetNode() {
    }

    /** The key; opaque: a racing reader of a recycled node must still get some whole value. */
    public long key() {
        return (long) KEY.getOpaque(this);
    }

    /** Whether a writer has unlinked this node; acquire: pairs with {@link #markRemoved()}. */
    public boolean isRemoved() {
        return (boolean) REMOVED.getAcquire(this);
    }

    /** The successor link (read it with {@code Session.protect} inside a section). */
    public AtomicReference<SetNode> next() {
        return next;
    }

    /** A writer, under the set's lock, prepares a node from the pool; the linking release store publishes it. */
    void init(long k, SetNode successor) {
        KEY.setOpaque(this, k);
        REMOVED.setOpaque(this, false);
        next.setPlain(successor);
    }

    /** A writer marks the node right after unlinking it, under the lock; release: a reader that sees the mark sees the unlink. */
    void markRemoved() {
        REMOVED.setRelease(this, true);
    }

    @Override
    protected void poisonFields() {
        KEY.setOpaque(this, POISON_KEY);
        REMOVED.setOpaque(this, true);
        next.setRelease(POISON);
    }

    @Override
    protected boolean poisonIntact() {
        return (long) KEY.getOpaque(this) == POISON_KEY
                && (boolean) REMOVED.getOpaque(this)
                && next.getPlain() == POISON;
    }

    /** Test hook (also for checked mode's demonstrations): a write into a node, live or freed. */
    public void scribbleKey(long k) {
        KEY.setOpaque(this, k);
    }

    @Override
    public String toString() {
        return this == POISON ? "SetNode(POISON)" : "SetNode(key=" + key() + ", gen=" + generation() + ")";
    }
}
