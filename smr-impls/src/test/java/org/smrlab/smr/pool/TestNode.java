package org.smrlab.smr.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/** A pooled node with one payload field, for the pool's tests. */
final class TestNode extends PooledNode {
    static final long POISON = 0xBAD0_BAD0_BAD0_BAD0L;
    private static final VarHandle PAYLOAD;

    static {
        try {
            PAYLOAD = MethodHandles.lookup().findVarHandle(TestNode.class, "payload", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long payload;

    long payload() {
        return (long) PAYLOAD.getOpaque(this);
    }

    void payload(long v) {
        PAYLOAD.setOpaque(this, v);
    }

    @Override
    protected void poisonFields() {
        PAYLOAD.setOpaque(this, POISON);
    }

    @Override
    protected boolean poisonIntact() {
        return payload() == POISON;
    }
}
