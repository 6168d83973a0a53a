package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;

/*
 * Shared state of one gus domain, padded: readers load the write clock on every enter, pollers
 * CAS the read hand; keeping them on separate lines stops a poll from invalidating the line every
 * reader needs. (FreeBSD keeps both in one struct smr_shared; there the read hand moves rarely.)
 */
abstract class GusSharedPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;
}

abstract class GusSharedWr extends GusSharedPad0 {
    long wrSeq; // the write clock (s_wr_seq); in lazy mode a mirror of the clock pair, raised after each move
}

abstract class GusSharedPad1 extends GusSharedWr {
    long q00, q01, q02, q03, q04, q05, q06, q07, q08, q09, q10, q11, q12, q13, q14, q15;
}

abstract class GusSharedRd extends GusSharedPad1 {
    long rdSeq; // the read hand (s_rd_seq): every goal at or before it is reached
}

abstract class GusSharedPad2 extends GusSharedRd {
    long r00, r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15;
}

/**
 * Global Unbounded Sequences: FreeBSD's smr(9), in its three flavours {@code gus} (default),
 * {@code gus-deferred} (SMR_DEFERRED) and {@code gus-lazy} (SMR_LAZY).
 *
 * <h2>Implementation notes</h2>
 * A global write clock starts at INIT = 1 and moves by INCR = 2, so every valid sequence is odd and
 * 0 (INVALID) means "not in a section". A reader entering a section copies the clock into its
 * record; exiting stores INVALID. A writer that has unlinked something calls {@code advance()}: the
 * clock moves on and the new value is the goal. The goal is reached once every record is INVALID
 * or holds a value at or after the goal: every reader has left, or entered after the unlink. A poll
 * scans every record (skipping INVALID), takes the minimum observed value (clamping a stale one up
 * to the read hand, see below), and raises the shared read hand to it with one CAS; later polls
 * whose goal is at or before the read hand answer without a scan.
 * <pre>
 *   0 ............ rdSeq ==== observed by readers ==== wrSeq ............ 2^64 (wraps; comparisons are modular)
 *     freeable ───┘ ^reader A      ^reader C                └── deferred goals: wrSeq + 2, lazy goals: clock + 4
 * </pre>
 * <ul>
 * <li>{@code gus}: every advance is one fetch-and-add on the clock.</li>
 * <li>{@code gus-deferred}: only every {@code limit}-th advance of a thread touches the clock; the
 *     others return {@code current + INCR} without writing. A poll of such a goal fails until
 *     someone moves the clock; a blocking wait moves it itself.</li>
 * <li>{@code gus-lazy}: the clock is a (sequence, tick) pair moved by whoever advances or polls, at
 *     most once per tick and by at most 2 increments per move; goals are {@code clock + 4}, two ticks
 *     ahead. A helper thread plays FreeBSD's hardclock: every {@code tick} it issues the asymmetric
 *     barrier (membarrier, standing in for the clock interrupt every CPU takes) and then counts the
 *     tick. Because a goal needs two counted ticks after the advance, a whole barrier has run after
 *     the writer's unlink became visible, so the reader's enter needs no fence. There is no blocking
 *     wait that forces the clock: {@code await} on a lazy domain sleeps through the ticks.</li>
 * </ul>
 * <b>The stale-observation race</b> (smr.h): a reader loads the clock, is delayed, and stores it after
 * a poll has already raised the read hand past it. Only the observation is stale; its fence still
 * orders its loads after the unlinks that poll covered. So a scan clamps a value below the read hand
 * up to it rather than lowering the hand.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: store observed seq, {@code fullFence}, then {@code getAcquire} loads of protected links</td>
 *     <td>writer: unlink store, {@code fullFence} in advance; poll: {@code fullFence}, then load of each record</td>
 *     <td>store-buffering pair: the reader sees the unlink, or the scan sees the reader's sequence (below
 *         the goal) and the goal is not reached</td></tr>
 * <tr><td>exit: {@code setRelease(INVALID)}</td><td>scan: {@code getAcquire} of the record</td>
 *     <td>every access of the section happens-before the free that follows the poll</td></tr>
 * <tr><td>scan's CAS of the read hand (volatile)</td><td>a later poll's {@code getAcquire} of the read hand</td>
 *     <td>a poll that answers without scanning inherits the happens-before edges of the scan that
 *         raised the hand</td></tr>
 * <tr><td>advance: {@code getAndAdd} of the clock</td><td>enter: {@code getAcquire} of the clock</td>
 *     <td>a reader that observes a value at or after the goal entered after the advance, hence after
 *         the unlink</td></tr>
 * <tr><td>lazy enter: {@code setOpaque} of observed seq, no fence</td>
 *     <td>ticker: membarrier, then {@code setRelease} of the tick count; poll moves the clock only on
 *         counted ticks</td>
 *     <td>a goal needs two ticks after the advance, so one whole membarrier began after the unlink was
 *         visible: it either made the reader's store visible to the scan, or ordered the reader's loads
 *         after the unlink. Without membarrier, lazy enter fences like gus.</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch} nodes per batch (one advance each); {@code start} the clock's first value ({@code wrap}
 * starts 1000 increments before the 64-bit wrap, as FreeBSD's INVARIANTS kernels start near
 * UINT_MAX); {@code limit} (deferred) advances per clock write; {@code tick} and {@code barrier} (lazy).
 *
 * <h2>Differences from FreeBSD, and why</h2>
 * Sequences are 64-bit, not 32. A lazy advance that loses its CAS re-reads the pair instead of
 * returning its own computed value: a Java thread can be descheduled between reading the tick and
 * the CAS, which FreeBSD's critical section rules out, and a goal must come from a pair recorded at
 * or after the tick this thread read. Blocking waits spin briefly, then yield, then park, because a
 * JVM may run more threads than cores (FreeBSD's smr_wait spins: it runs with preemption off).
 */
public final class GusReclaimer<T> extends AbstractReclaimer<T> {
    /** The three flavours. */
    public enum Mode { DEFAULT, DEFERRED, LAZY }

    public static final long INVALID = 0;
    public static final long INIT = 1;
    public static final long INCR = 2;
    /** SMR_LAZY_GRACE: ticks a lazy goal lies ahead. */
    static final long LAZY_GRACE = 2;
    static final long LAZY_INCR = LAZY_GRACE * INCR;
    /** SMR_SEQ_ADVANCE: how far past the clock a deferred or lazy goal may lie. */
    static final long SEQ_ADVANCE = LAZY_INCR;
    /** SMR_SEQ_MAX_DELTA: the furthest the clock may run ahead of the read hand before an advance waits. */
    static final long MAX_DELTA = Long.MAX_VALUE / 2;
    static final long MAX_ADVANCE = MAX_DELTA - 1024;

    private static final VarHandle WR, RD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            WR = l.findVarHandle(GusSharedWr.class, "wrSeq", long.class);
            RD = l.findVarHandle(GusSharedRd.class, "rdSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The lazy clock: sequence and the tick it was last moved at, swapped as one (FreeBSD packs them in 64 bits). */
    record LazyClock(long seq, long ticks) {
    }

    static final class Shared extends GusSharedPad2 {
    }

    private final Mode mode;
    private final Shared shared = new Shared();
    private final int limit;
    // lazy only
    private final AtomicReference<LazyClock> lazyClock;
    private final boolean membarrier;
    private final Ticker ticker;

    public GusReclaimer(Mode mode, Config config, Consumer<? super T> free) {
        super(config, free, INVALID, 0);
        this.mode = mode;
        long start = config.longValue("start");
        WR.setRelease(shared, start);
        RD.setRelease(shared, start);
        this.limit = mode == Mode.DEFERRED ? config.intValue("limit") : 1;
        if (mode == Mode.LAZY) {
            this.membarrier = AsymmetricBarrier.resolve(config);
            this.ticker = new Ticker(config.nanos("tick"), membarrier, this);
            this.lazyClock = new AtomicReference<>(new LazyClock(start, ticker.ticks()));
            ticker.start();
        } else {
            this.membarrier = false;
            this.ticker = null;
            this.lazyClock = null;
        }
        VarHandle.fullFence(); // smr_create: the initial state is visible before any record is used
    }

    /** The catalogue's factory for one flavour. */
    public static EngineType.Factory factory(Mode mode) {
        return new EngineType.Factory() {
            @Override
            public <T> org.smrlab.smr.Reclaimer<T> create(Config config, Consumer<? super T> free) {
                return new GusReclaimer<>(mode, config, free);
            }
        };
    }

    public Mode mode() {
        return mode;
    }

    /** Whether the read side relies on membarrier instead of its own fence (lazy only). */
    public boolean usesMembarrier() {
        return membarrier;
    }

    @Override
    protected Map<String, String> resolvedKnobs() {
        return mode == Mode.LAZY ? Map.of(AsymmetricBarrier.KNOB, AsymmetricBarrier.render(membarrier)) : Map.of();
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new GusSession<>(this);
    }

    @Override
    protected void stopHelpers() {
        if (ticker != null) {
            ticker.stop();
        }
    }

    @Override
    public java.util.List<Thread> helperThreads() {
        return ticker == null ? java.util.List.of() : java.util.List.of(ticker.thread());
    }

    // ------------------------------------------------------------------ the shared clock

    long laWr() {
        return (long) WR.getAcquire(shared);
    }

    long laRd() {
        return (long) RD.getAcquire(shared);
    }

    /** smr_shared_advance: one fetch-and-add; a full barrier on every platform HotSpot runs on. */
    long sharedAdvance() {
        return (long) WR.getAndAdd(shared, INCR) + INCR;
    }

    /** smr_current. */
    long current() {
        return mode == Mode.LAZY ? lazyClock.get().seq() : (long) WR.getOpaque(shared);
    }

    /**
     * smr_lazy_advance: moves the (seq, tick) pair if the tick count moved since it was last
     * recorded (by at most LAZY_GRACE increments), and returns the pair's seq + LAZY_INCR.
     *
     * @return the goal; {@code counters} counts a move of the clock as an advance
     */
    long lazyAdvance(Counters counters) {
        for (;;) {
            LazyClock old = lazyClock.getAcquire(); // the pair first, so the tick read after it is the same or newer
            long t = ticker.ticks();
            long d = t - old.ticks();
            if (d <= 0) {
                return old.seq() + LAZY_INCR;
            }
            if (d > LAZY_GRACE) {
                d = LAZY_GRACE; // cap the rate; long idle periods move the clock only twice
            }
            LazyClock moved = new LazyClock(old.seq() + d * INCR, t);
            if (lazyClock.compareAndSet(old, moved)) {
                raiseMirror(moved.seq());
                counters.advance();
                return moved.seq() + LAZY_INCR;
            }
            // Lost to another mover: re-read, so the goal comes from a pair recorded at or after tick t.
        }
    }

    /** Readers load {@code wrSeq}; in lazy mode it follows the pair, only ever upwards. */
    private void raiseMirror(long seq) {
        long cur = (long) WR.getOpaque(shared);
        while (Seq.lt(cur, seq)) {
            long witness = (long) WR.compareAndExchangeRelease(shared, cur, seq);
            if (witness == cur) {
                return;
            }
            cur = witness;
        }
    }

    private long lazySeq() {
        return lazyClock.getAcquire().seq();
    }

    // ------------------------------------------------------------------ advance and poll

    /** smr_advance, with the flavour's rules; the caller has already fenced. */
    long advance(GusSession<T> s) {
        switch (mode) {
            case LAZY:
                return lazyAdvance(s.counters);
            case DEFERRED:
                if (++s.record.deferred < limit) {
                    return (long) WR.getOpaque(shared) + INCR;
                }
                s.record.deferred = 0;
                return defaultAdvance(s);
            default:
                return defaultAdvance(s);
        }
    }

    private long defaultAdvance(GusSession<T> s) {
        long rd = laRd(); // before the increment, so it is certainly behind the goal
        long goal = sharedAdvance();
        s.counters.advance();
        if (Seq.delta(goal, rd) >= MAX_DELTA) {
            // The clock ran too far ahead of the read hand: wait, or the modular comparisons break.
            s.counters.waited();
            poll(s, goal - MAX_ADVANCE, true);
        }
        return goal;
    }

    /**
     * smr_poll: whether every reader has observed {@code goal}. With {@code wait}, spins (then
     * yields, then parks) on each record until it has. Never called with wait on a lazy domain.
     */
    boolean poll(GusSession<T> s, long goal, boolean wait) {
        if (mode == Mode.LAZY) {
            lazyAdvance(s.counters); // any writer activity moves the lazy clock
        }
        boolean success = true;
        long rd = laRd();
        if (Seq.leq(goal, rd)) {
            s.counters.poll(true);
            return true; // most polls end here
        }
        long wr = mode == Mode.LAZY ? lazySeq() : laWr(); // after rd: the read hand is never seen past the clock
        long delta = Seq.delta(goal, wr);
        if (delta > 0 && delta <= SEQ_ADVANCE && mode != Mode.DEFAULT) {
            // A deferred or lazy goal the clock has not reached yet.
            if (!wait) {
                s.counters.poll(false);
                return false;
            }
            wr = sharedAdvance(); // deferred only: a blocking wait moves the clock itself
            s.counters.advance();
            delta = 0;
        }
        if (delta > 0) {
            // Beyond the clock: a goal held across a wrap of the sequence space. It expired long ago.
            s.counters.poll(true);
            return true;
        }
        VarHandle.fullFence(); // the scan begins with a full fence: pairs with enter's fence
        rd = scan(s, rd, wr, goal, wait);
        success = Seq.leq(goal, rd);
        s.counters.poll(success);
        return success;
    }

    /** smr_poll_scan: the minimum observed sequence over all records; raises the read hand to it. */
    private long scan(GusSession<T> s, long rdStart, long wr, long goal, boolean wait) {
        s.counters.scan();
        long min = wr; // the read hand can be no larger than the clock at the start of the poll
        for (ThreadRecord r : registry.snapshot()) {
            long c = pollRecord(r, rdStart, goal, wait);
            if (c != INVALID) {
                min = Seq.min(min, c);
            }
        }
        long rd = laRd();
        if (Seq.gt(min, rd)) {
            RD.compareAndSet(shared, rd, min); // one attempt: a failure means another poll raised it
            rd = min;
        }
        return rd;
    }

    /** smr_poll_cpu: one record's observed sequence, clamped up to the read hand; waits if asked. */
    private static long pollRecord(ThreadRecord r, long rdStart, long goal, boolean wait) {
        Backoff backoff = null;
        for (;;) {
            long c = r.laWord(); // acquire: pairs with exit's release store
            if (c == INVALID) {
                return INVALID;
            }
            if (Seq.lt(c, rdStart)) {
                c = rdStart; // a stale observation: pin it, never lower the read hand
            }
            if (Seq.leq(goal, c) || !wait) {
                return c;
            }
            if (backoff == null) {
                backoff = new Backoff();
            }
            backoff.pause();
        }
    }

    void await(GusSession<T> s, long goal) {
        s.counters.waited();
        if (mode != Mode.LAZY) {
            poll(s, goal, true);
            return;
        }
        // Lazy: never force the clock (that would skip the grace the read side relies on); sleep through ticks.
        long nap = Math.max(1_000, ticker.tickNanos() / 4);
        while (!poll(s, goal, false)) {
            LockSupport.parkNanos(nap);
        }
    }

    // ------------------------------------------------------------------ the session

    static final class GusSession<T> extends AbstractSession<T> implements GracePeriods {
        private final GusReclaimer<T> gus;
        private final boolean fenced;

        GusSession(GusReclaimer<T> gus) {
            super(gus);
            this.gus = gus;
            this.fenced = !gus.membarrier;
        }

        @Override
        public void enter() {
            long c = gus.laWr();
            record.spWord(c);
            if (fenced) {
                VarHandle.fullFence(); // StoreLoad: pairs with the scan's fence (see table)
            }
        }

        @Override
        public void exit() {
            record.soWord(INVALID);
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        @Override
        public long advance() {
            VarHandle.fullFence(); // a full fence precedes the advance: the unlink is visible before the clock moves
            return gus.advance(this);
        }

        @Override
        public boolean poll(long goal) {
            return gus.poll(this, goal, false);
        }

        @Override
        public void await(long goal) {
            gus.await(this, goal);
        }

        @Override
        public void synchronize() {
            await(advance());
        }

        @Override
        public long current() {
            return gus.current();
        }

        @Override
        protected long sealGoal() {
            return advance();
        }

        @Override
        protected boolean reached(long goal) {
            return poll(goal);
        }

        @Override
        protected void awaitGoal(long goal) {
            await(goal);
        }

        @Override
        protected void goOffline() {
            record.soWord(INVALID);
        }
    }
}
