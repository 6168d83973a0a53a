package org.smrlab.bench.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.smrlab.smr.pool.PooledNode;

/**
 * A pool node with a payload: umaperf's packet (PacketBench), and the published cell of
 * RetireRateBench (payload 0).
 *
 * <p>{@code link} chains packets in a batch and in a queue; {@code stamp} is what a reader of a
 * published cell checks. Poison (stored by the pool on free): link {@link #POISON}, stamp
 * {@link #POISON_STAMP}. The payload is not poisoned: writing 4 KB per free would be a cost of the
 * lab, not of the engine; the stamp and the generation are what readers check.
 */
public final class Packet extends PooledNode {
    /** The link a freed packet carries; never handed out. */
    public static final Packet POISON = new Packet(0);
    /** The stamp a freed packet carries. */
    public static final long POISON_STAMP = 0xDEAD_0F_BAD_0F_DEADL;

    private static final VarHandle STAMP;

    static {
        try {
            STAMP = MethodHandles.lookup().findVarHandle(Packet.class, "stamp", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The payload, as large as the packet size. */
    public final byte[] payload;
    /** The next packet of a batch or queue: written by the one thread that holds the packet, published by a CAS. */
    public Packet link;
    private long stamp;

    public Packet(int payloadBytes) {
        this.payload = new byte[payloadBytes];
    }

    /** The stamp, opaque: a reader racing a recycled cell must still read a whole value. */
    public long stamp() {
        return (long) STAMP.getOpaque(this);
    }

    /** Sets the stamp (opaque); the store that publishes the packet orders it for readers. */
    public void stamp(long s) {
        STAMP.setOpaque(this, s);
    }

    @Override
    protected void poisonFields() {
        STAMP.setOpaque(this, POISON_STAMP);
        link = POISON;
    }

    @Override
    protected boolean poisonIntact() {
        return (long) STAMP.getOpaque(this) == POISON_STAMP && link == POISON;
    }
}
