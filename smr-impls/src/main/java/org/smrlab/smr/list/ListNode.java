package org.smrlab.smr.list;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.pool.PooledNode;

/**
 * A node of {@link SmrSortedList}: a key and the link to its successor; or a <em>marker</em>, the
 * stand-in for Harris's mark bit.
 *
 * <h2>Why markers</h2>
 * Harris and Michael delete a node by setting the low bit of its {@code next} pointer (the mark),
 * so that one CAS changes the link and its mark together and no insertion can slip in behind a
 * deleted node. Java cannot steal a bit from a reference, so a deleter instead CASes the victim's
 * link from its successor {@code s} to a fresh marker whose own link is {@code s}, as
 * {@code java.util.concurrent.ConcurrentSkipListMap} does: "the link points to a marker" is the mark,
 * set by one CAS, and a marked link never changes again, exactly as a marked pointer never does.
 * A marker is immutable after construction, is never linked into the list (only a victim's link
 * points to it), never comes from the pool and is never retired: the garbage collector takes it
 * with its victim. So it holds nothing that needs protection, and standing on one is harmless.
 *
 * <p>Poison (stored by the pool on free): key {@link #POISON_KEY}, link {@link #POISON}. A reader
 * that loads {@link #POISON} from a link has followed a freed node. Writers initialize a reused
 * node with plain/opaque stores; the CAS that links it into the list publishes them.
 */
public final class ListNode extends PooledNode {
    /** The key a freed node carries. */
    public static final long POISON_KEY = 0xDEAD_BEEF_DEAD_BEEFL;
    /** The successor a freed node points to; never linked into a list, never handed out. */
    public static final ListNode POISON = new ListNode();

    private static final VarHandle KEY;

    static {
        try {
            KEY = MethodHandles.lookup().findVarHandle(ListNode.class, "key", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long key;
    private final boolean marker;
    /** The link to the successor (or to a marker once the node is deleted); loaded by readers only through {@code protect}. */
    final AtomicReference<ListNode> next = new AtomicReference<>();

    /** A fresh node (the pool's allocate supplier). */
    public ListNode() {
        this.marker = false;
    }

    private ListNode(ListNode successor) {
        this.marker = true;
        this.next.setPlain(successor); // published with the marker by the CAS that installs it
    }

    /** A marker whose link is {@code successor}: installing it in a node's link marks the node deleted. */
    static ListNode markerFor(ListNode successor) {
        return new ListNode(successor);
    }

    /** Whether this is a marker (the mark of the node whose link points to it), not a list node. */
    public boolean isMarker() {
        return marker;
    }

    /** The key; opaque: a racing reader of a recycled node must still get some whole value. */
    public long key() {
        return (long) KEY.getOpaque(this);
    }

    /** The successor link (read it with {@code Session.protect} inside a section). */
    public AtomicReference<ListNode> next() {
        return next;
    }

    /** An inserter prepares a node from the pool; the CAS that links it publishes these stores. */
    void init(long k, ListNode successor) {
        KEY.setOpaque(this, k);
        next.setPlain(successor);
    }

    @Override
    protected void poisonFields() {
        KEY.setOpaque(this, POISON_KEY);
        next.setRelease(POISON);
    }

    @Override
    protected boolean poisonIntact() {
        return (long) KEY.getOpaque(this) == POISON_KEY && next.getPlain() == POISON;
    }

    @Override
    public String toString() {
        if (this == POISON) {
            return "ListNode(POISON)";
        }
        return marker ? "ListNode(marker)" : "ListNode(key=" + key() + ", gen=" + generation() + ")";
    }
}
