package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The per-thread records of one domain (FreeBSD iterates {@code CPU_FOREACH}; we iterate records).
 *
 * <p>Scanners read {@link #snapshot()} without a lock: the array only grows, copy-on-write, and is
 * published with a release store after the new record's idle word is written, so a scanner either
 * misses a brand-new record (whose owner has not entered yet: harmless, exactly as a reader that
 * enters after the scan) or sees it idle. Joining and leaving take the lock: they are rare.
 * Released records are reused, so a domain under thread churn does not grow without bound.
 */
final class Registry {
    private static final VarHandle RECORDS;

    static {
        try {
            RECORDS = MethodHandles.lookup().findVarHandle(Registry.class, "records", ThreadRecord[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long idle;
    private final int hazardSlots;
    private final int eraSlots;
    private final long eraIdle;
    private ThreadRecord[] records = new ThreadRecord[0];
    private volatile boolean refusing; // set by the domain's close(); written under the lock

    Registry(long idle, int hazardSlots) {
        this(idle, hazardSlots, 0, 0);
    }

    /** Records with {@code eraSlots} era slots, each holding {@code eraIdle} while its owner holds nothing. */
    Registry(long idle, int hazardSlots, int eraSlots, long eraIdle) {
        this.idle = idle;
        this.hazardSlots = hazardSlots;
        this.eraSlots = eraSlots;
        this.eraIdle = eraIdle;
    }

    ThreadRecord[] snapshot() {
        return (ThreadRecord[]) RECORDS.getAcquire(this);
    }

    /**
     * Takes a free record, or makes a new one; the record's word holds the idle value. Returns null
     * once the domain's close() has begun: a join that raced the close must fail, not register a
     * session the close no longer sees.
     */
    synchronized ThreadRecord acquire(AbstractSession<?> owner) {
        if (refusing) {
            return null;
        }
        ThreadRecord[] rs = records;
        for (ThreadRecord r : rs) {
            if (r.owner == null) {
                r.owner = owner;
                return r;
            }
        }
        ThreadRecord r = new ThreadRecord(rs.length, idle, hazardSlots, eraSlots, eraIdle);
        r.owner = owner;
        ThreadRecord[] grown = Arrays.copyOf(rs, rs.length + 1);
        grown[rs.length] = r;
        RECORDS.setRelease(this, grown);
        return r;
    }

    /** From now on {@link #acquire} refuses: the domain is closing. */
    synchronized void refuseOwners() {
        refusing = true;
    }

    boolean refusesOwners() {
        return refusing;
    }

    /** Returns a record; the caller has already restored its idle word. */
    synchronized void release(ThreadRecord r) {
        r.owner = null;
    }

    /** Sessions still open, for close(). */
    synchronized java.util.List<AbstractSession<?>> owners() {
        java.util.List<AbstractSession<?>> l = new java.util.ArrayList<>();
        for (ThreadRecord r : records) {
            if (r.owner != null) {
                l.add(r.owner);
            }
        }
        return l;
    }

    long idle() {
        return idle;
    }
}
