package org.smrlab.smr.usage;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.smrlab.smr.pool.PooledNode;

/** The pooled variant of {@link Route}, for the pool examples: the pool poisons and checks it. */
final class PooledRoute extends PooledNode {
    static final long POISON = 0xDEAD_DEAD_DEAD_DEADL;
    private static final VarHandle DESTINATION, HOPS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            DESTINATION = l.findVarHandle(PooledRoute.class, "destination", long.class);
            HOPS = l.findVarHandle(PooledRoute.class, "hops", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long destination;
    private long hops;

    /** Initializes every field; the release store that publishes the node orders these before it. */
    void set(long destination, long hops) {
        DESTINATION.setOpaque(this, destination);
        HOPS.setOpaque(this, hops);
    }

    long destination() {
        return (long) DESTINATION.getOpaque(this);
    }

    long hops() {
        return (long) HOPS.getOpaque(this);
    }

    @Override
    protected void poisonFields() {
        DESTINATION.setOpaque(this, POISON);
        HOPS.setOpaque(this, POISON);
    }

    @Override
    protected boolean poisonIntact() {
        return destination() == POISON && hops() == POISON;
    }
}
