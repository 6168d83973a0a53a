package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * Padding is done here, once, by class hierarchy (the JCTools idiom): HotSpot lays out a
 * superclass's fields before its subclass's, so each hot block sits alone between two 128-byte
 * blocks (two lines, against the adjacent-line prefetcher). Two hot blocks:
 *   - the shared word, which scanners read in every record and only its owner writes;
 *   - the owner's own words, written on every enter and exit (the section depth) or every
 *     deferred advance, read by no other thread: on their own lines, so those writes never
 *     invalidate a line that a scanner, or another thread's object allocated next to the
 *     session, is reading.
 * Every field of a padded block is 8 bytes wide: since JDK 15 HotSpot may place a subclass's
 * 4-byte field in the 4-byte hole after the object header, at the very start of the object, where
 * no padding protects it (a long cannot go there). The record's remaining fields (after the last
 * pad) are written once, at creation or under the registry's lock.
 */
abstract class ThreadRecordPadL {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class ThreadRecordHot extends ThreadRecordPadL {
    /** The one word other threads read: gus observed sequence, ebr epoch|active, qsbr counter, pserialize section count, hp in-section flag. */
    long word;
}

abstract class ThreadRecordPadM extends ThreadRecordHot {
    long m00, m01, m02, m03, m04, m05, m06, m07, m08, m09, m10, m11, m12, m13, m14, m15;
}

abstract class ThreadRecordOwner extends ThreadRecordPadM {
    /**
     * The owning session's section nesting depth (ebr, hp, hp-asym, ibr, he, psref, localcount, rwlock): written on every enter and exit,
     * by the owner only, plain. The session that next owns the record starts from 0 (the last owner's
     * goOffline resets it; the registry's lock orders that before the next owner's first enter).
     */
    long depth;
    /**
     * gus-deferred's {@code c_deferred}: advances since this record last wrote the clock. It lives
     * in the record, as FreeBSD's lives in the per-CPU record, so it survives a session's close:
     * short-lived sessions that each seal fewer than {@code limit} batches still move the clock
     * together. Owner-only; the registry's lock orders one owner's last write before the next's first.
     * ibr counts its record's allocations in it the same way (the authors' per-thread
     * {@code alloc_counters}), for the same reason.
     */
    long deferred;
}

abstract class ThreadRecordPadR extends ThreadRecordOwner {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

/**
 * One per-thread record of a domain (a per-CPU {@code struct smr} in FreeBSD). Records are owned
 * by one session at a time and reused after it closes; a record that no session owns holds the
 * engine's idle value, which scanners skip.
 *
 * <p>Accessor prefixes say the ordering, as in JCTools: {@code lv} getVolatile, {@code la}
 * getAcquire, {@code lo} getOpaque, {@code sv} setVolatile, {@code so} setRelease (ordered),
 * {@code sp} setOpaque (plain, but never torn and never hoisted by the compiler).
 */
public final class ThreadRecord extends ThreadRecordPadR {
    private static final VarHandle WORD;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);
    private static final VarHandle ERA = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle AREA;

    static {
        try {
            WORD = MethodHandles.lookup().findVarHandle(ThreadRecordHot.class, "word", long.class);
            AREA = MethodHandles.lookup().findVarHandle(ThreadRecord.class, "area", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Hazard slots are spaced this far from the array ends, so neighbouring objects never share their lines. */
    static final int SLOT_PAD = 16;

    final int index;
    /** Hazard slots (hp, psref), at indices SLOT_PAD .. SLOT_PAD + slots - 1; written by the owner, scanned by all. */
    final Object[] hazards;
    /**
     * Era slots (hazard eras: one era per slot; IBR: the reservation's lower and upper epoch), at
     * indices SLOT_PAD .. SLOT_PAD + eraSlots - 1, holding the engine's idle value while the owner
     * holds nothing; written by the owner, scanned by all. Null for engines without eras.
     */
    final long[] eras;
    /**
     * An owner-published per-thread area that other threads read (localcount's per-thread counts,
     * the analogue of a CPU's percpu(9) area): the owner replaces it with a release store when it
     * grows it, readers load it with acquire. Null for engines without one.
     */
    private Object area;
    /** The per-thread counters; they outlive sessions, so totals survive a record's reuse. */
    final Counters counters = new Counters();
    /** The session that owns the record, or null; guarded by the registry's lock. */
    AbstractSession<?> owner;

    ThreadRecord(int index, long idle, int hazardSlots) {
        this(index, idle, hazardSlots, 0, 0);
    }

    ThreadRecord(int index, long idle, int hazardSlots, int eraSlots, long eraIdle) {
        this.index = index;
        this.hazards = hazardSlots == 0 ? null : new Object[hazardSlots + 2 * SLOT_PAD];
        this.eras = eraSlots == 0 ? null : new long[eraSlots + 2 * SLOT_PAD];
        if (eras != null) {
            java.util.Arrays.fill(eras, eraIdle);
        }
        WORD.setRelease(this, idle); // publishes the slots' initial values with the record
    }

    /** The record's position in its registry: its column in per-record tables. */
    public int index() {
        return index;
    }

    public long lvWord() {
        return (long) WORD.getVolatile(this);
    }

    public long laWord() {
        return (long) WORD.getAcquire(this);
    }

    public long loWord() {
        return (long) WORD.getOpaque(this);
    }

    /** The owner's own read of its word: it is the only writer. */
    public long lpWord() {
        return word;
    }

    public void svWord(long v) {
        WORD.setVolatile(this, v);
    }

    public void soWord(long v) {
        WORD.setRelease(this, v);
    }

    public void spWord(long v) {
        WORD.setOpaque(this, v);
    }

    public boolean casWord(long expect, long update) {
        return WORD.compareAndSet(this, expect, update);
    }

    public long gaaWord(long delta) {
        return (long) WORD.getAndAdd(this, delta);
    }

    public int slots() {
        return hazards == null ? 0 : hazards.length - 2 * SLOT_PAD;
    }

    /** Hazard slot {@code i}, read by a scanner. */
    public Object laSlot(int i) {
        return SLOT.getAcquire(hazards, SLOT_PAD + i);
    }

    /**
     * Publishes (or clears) a hazard with a release store: the uses of whatever the slot held before
     * happen-before a scan that sees the new value. The caller fences before re-validating.
     */
    public void soSlot(int i, Object v) {
        SLOT.setRelease(hazards, SLOT_PAD + i, v);
    }

    /** The owner's own read of a slot. */
    public Object lpSlot(int i) {
        return hazards[SLOT_PAD + i];
    }

    public int eraSlots() {
        return eras == null ? 0 : eras.length - 2 * SLOT_PAD;
    }

    /** Era slot {@code i}, read by a scanner. */
    public long laEra(int i) {
        return (long) ERA.getAcquire(eras, SLOT_PAD + i);
    }

    /** Publishes an era with a release store; the caller fences where a store-load order is needed. */
    public void soEra(int i, long v) {
        ERA.setRelease(eras, SLOT_PAD + i, v);
    }

    /** Stores an era opaque (ordered by a fence or a later release store of the caller). */
    public void spEra(int i, long v) {
        ERA.setOpaque(eras, SLOT_PAD + i, v);
    }

    /** The owner's own read of an era slot. */
    public long lpEra(int i) {
        return eras[SLOT_PAD + i];
    }

    /** The per-thread area, read by another thread (acquire: pairs with {@link #soArea}). */
    public Object laArea() {
        return AREA.getAcquire(this);
    }

    /** The owner's own read of its area. */
    public Object lpArea() {
        return area;
    }

    /** The owner publishes a (new) area; release: everything it wrote into the area happens-before a reader that sees it. */
    public void soArea(Object a) {
        AREA.setRelease(this, a);
    }
}
