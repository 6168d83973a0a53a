package org.smrlab.smr.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * Padding by class hierarchy, as for the engines' per-thread records: HotSpot lays a superclass's
 * fields out before its subclass's, so the counters sit between two 128-byte blocks and one
 * thread's increments never invalidate the line another thread's cache lives on.
 */
abstract class ThreadCachePadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class ThreadCacheFields extends ThreadCachePadL {
    // Single-writer counters: the owner thread writes (opaque), stats() sums (opaque).
    long gets, slowGets, slowGetNanos, allocated, retired, freed, doubleFrees, writeAfterFree, dropped;
    /** Free nodes on this thread's stack; mirrored for stats(). */
    long size;
    /** Top of the free stack, linked by PooledNode.poolNext; owner-only. */
    PooledNode top;
}

abstract class ThreadCachePadR extends ThreadCacheFields {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * One thread's part of an {@link SmrPool} (UMA's per-CPU bucket): a LIFO stack of free nodes and
 * the thread's counters. Only its owner thread touches the stack; the counters are single-writer
 * values that {@link SmrPool#stats()} sums with opaque loads. The owner writes them with opaque
 * stores of {@code plain + n}: a plain {@code mov} on x86, never torn, never kept in a register.
 * The object outlives its thread (the pool keeps it for the totals), so counts are never lost.
 */
final class ThreadCache extends ThreadCachePadR {
    private static final VarHandle GETS, SLOW_GETS, SLOW_GET_NANOS, ALLOCATED, RETIRED, FREED,
            DOUBLE_FREES, WRITE_AFTER_FREE, DROPPED, SIZE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            GETS = l.findVarHandle(ThreadCacheFields.class, "gets", long.class);
            SLOW_GETS = l.findVarHandle(ThreadCacheFields.class, "slowGets", long.class);
            SLOW_GET_NANOS = l.findVarHandle(ThreadCacheFields.class, "slowGetNanos", long.class);
            ALLOCATED = l.findVarHandle(ThreadCacheFields.class, "allocated", long.class);
            RETIRED = l.findVarHandle(ThreadCacheFields.class, "retired", long.class);
            FREED = l.findVarHandle(ThreadCacheFields.class, "freed", long.class);
            DOUBLE_FREES = l.findVarHandle(ThreadCacheFields.class, "doubleFrees", long.class);
            WRITE_AFTER_FREE = l.findVarHandle(ThreadCacheFields.class, "writeAfterFree", long.class);
            DROPPED = l.findVarHandle(ThreadCacheFields.class, "dropped", long.class);
            SIZE = l.findVarHandle(ThreadCacheFields.class, "size", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ------------------------------------------------------------------ the free stack (owner only)

    // pool-core: cache begin
    void push(PooledNode n) {
        n.poolNext = top;
        top = n;
        SIZE.setOpaque(this, size + 1);
    }

    PooledNode pop() {
        PooledNode n = top;
        if (n != null) {
            top = n.poolNext;
            n.poolNext = null;
            SIZE.setOpaque(this, size - 1);
        }
        return n;
    }

    long size() {
        return size;
    }

    /** Detaches the top {@code count} nodes (count <= size) as a chain; returns its head. */
    PooledNode detach(int count) {
        PooledNode head = top;
        PooledNode last = head;
        for (int i = 1; i < count; i++) {
            last = last.poolNext;
        }
        top = last.poolNext;
        last.poolNext = null;
        SIZE.setOpaque(this, size - count);
        return head;
    }

    /** Puts a chain of {@code count} nodes (taken from the depot) on the stack. */
    void adopt(PooledNode head, int count) {
        PooledNode last = head;
        while (last.poolNext != null) {
            last = last.poolNext;
        }
        last.poolNext = top;
        top = head;
        SIZE.setOpaque(this, size + count);
    }
    // pool-core: cache end

    // ------------------------------------------------------------------ counters (owner writes)

    // pool-core: accounting begin
    void countGet() {
        GETS.setOpaque(this, gets + 1);
    }

    void countSlowGet(long nanos) {
        SLOW_GETS.setOpaque(this, slowGets + 1);
        ALLOCATED.setOpaque(this, allocated + 1);
        if (nanos != 0) {
            SLOW_GET_NANOS.setOpaque(this, slowGetNanos + nanos);
        }
    }

    void countRetired() {
        RETIRED.setOpaque(this, retired + 1);
    }

    void countFreed() {
        FREED.setOpaque(this, freed + 1);
    }

    void countDoubleFree() {
        DOUBLE_FREES.setOpaque(this, doubleFrees + 1);
    }

    void countWriteAfterFree() {
        WRITE_AFTER_FREE.setOpaque(this, writeAfterFree + 1);
    }

    void countDropped() {
        DROPPED.setOpaque(this, dropped + 1);
    }

    /** Adds this thread's counters to {@code s}: gets, slowGets, slowGetNanos, allocated, retired, freed, doubleFrees, writeAfterFree, dropped, size. */
    void addTo(long[] s) {
        s[0] += (long) GETS.getOpaque(this);
        s[1] += (long) SLOW_GETS.getOpaque(this);
        s[2] += (long) SLOW_GET_NANOS.getOpaque(this);
        s[3] += (long) ALLOCATED.getOpaque(this);
        s[4] += (long) RETIRED.getOpaque(this);
        s[5] += (long) FREED.getOpaque(this);
        s[6] += (long) DOUBLE_FREES.getOpaque(this);
        s[7] += (long) WRITE_AFTER_FREE.getOpaque(this);
        s[8] += (long) DROPPED.getOpaque(this);
        s[9] += (long) SIZE.getOpaque(this);
    }
    // pool-core: accounting end
}
