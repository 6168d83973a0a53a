package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

abstract class CountersPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class CountersFields extends CountersPadL {
    long retired, freed, advances, polls, pollFailures, scans, waits, gracePeriods, coalesced, membarriers;
}

abstract class CountersPadR extends CountersFields {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * Statistics of one thread: single-writer counters, summed by {@link AbstractReclaimer#stats()}.
 *
 * <p>Why not a shared atomic: a contended {@code getAndAdd} per retire would cost more than some
 * of the engines it measures. The owner adds with an opaque store (a plain {@code mov} on x86, but
 * never torn and never cached in a register across the loop), readers sum opaque loads. The
 * domain's own counters (frees done by {@code close()} or a helper thread) use the same class under
 * the domain's lock, which makes their writers sequential.
 */
public final class Counters extends CountersPadR {
    private static final VarHandle RETIRED, FREED, ADVANCES, POLLS, POLL_FAILURES, SCANS, WAITS, GRACE, COALESCED, MEMBARRIERS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            RETIRED = l.findVarHandle(CountersFields.class, "retired", long.class);
            FREED = l.findVarHandle(CountersFields.class, "freed", long.class);
            ADVANCES = l.findVarHandle(CountersFields.class, "advances", long.class);
            POLLS = l.findVarHandle(CountersFields.class, "polls", long.class);
            POLL_FAILURES = l.findVarHandle(CountersFields.class, "pollFailures", long.class);
            SCANS = l.findVarHandle(CountersFields.class, "scans", long.class);
            WAITS = l.findVarHandle(CountersFields.class, "waits", long.class);
            GRACE = l.findVarHandle(CountersFields.class, "gracePeriods", long.class);
            COALESCED = l.findVarHandle(CountersFields.class, "coalesced", long.class);
            MEMBARRIERS = l.findVarHandle(CountersFields.class, "membarriers", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public void retired(long n) {
        RETIRED.setOpaque(this, retired + n);
    }

    public void freed(long n) {
        FREED.setOpaque(this, freed + n);
    }

    public void advance() {
        ADVANCES.setOpaque(this, advances + 1);
    }

    public void poll(boolean success) {
        POLLS.setOpaque(this, polls + 1);
        if (!success) {
            POLL_FAILURES.setOpaque(this, pollFailures + 1);
        }
    }

    public void scan() {
        SCANS.setOpaque(this, scans + 1);
    }

    public void waited() {
        WAITS.setOpaque(this, waits + 1);
    }

    public void gracePeriod() {
        GRACE.setOpaque(this, gracePeriods + 1);
    }

    public void coalesced() {
        COALESCED.setOpaque(this, coalesced + 1);
    }

    public void membarrier() {
        MEMBARRIERS.setOpaque(this, membarriers + 1);
    }

    /** Adds this thread's counters into {@code sum} (indices as in {@link org.smrlab.smr.Stats#FIELDS}, without pending/peak). */
    void addTo(long[] sum) {
        sum[0] += (long) RETIRED.getOpaque(this);
        sum[1] += (long) FREED.getOpaque(this);
        sum[2] += (long) ADVANCES.getOpaque(this);
        sum[3] += (long) POLLS.getOpaque(this);
        sum[4] += (long) POLL_FAILURES.getOpaque(this);
        sum[5] += (long) SCANS.getOpaque(this);
        sum[6] += (long) WAITS.getOpaque(this);
        sum[7] += (long) GRACE.getOpaque(this);
        sum[8] += (long) COALESCED.getOpaque(this);
        sum[9] += (long) MEMBARRIERS.getOpaque(this);
    }
}
