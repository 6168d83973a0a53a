package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
    long wrSeq; // the write clock (s_wr_seq); in lazy mode the packed (sequence, tick) word (s_wr._pair)
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
 *     freeable ───┘ ^reader A      ^reader C                └── deferred goals: wrSeq + INCR, lazy goals: clock + 2 INCR
 * </pre>
 * <ul>
 * <li>{@code gus}: every advance is one fetch-and-add on the clock, and nothing else: no fence (see
 *     the table).</li>
 * <li>{@code gus-deferred}: only every {@code limit}-th advance of a thread touches the clock; the
 *     others fence and return {@code current + INCR} without writing. A poll of such a goal fails
 *     until someone moves the clock; a blocking wait moves it itself.</li>
 * <li>{@code gus-lazy}: the clock is one 64-bit word packing a 32-bit sequence and the tick it last
 *     moved at (FreeBSD packs seq and ticks the same way), moved by whoever advances or polls, with
 *     one CAS, at most once per tick and by at most 2 increments per move; goals are
 *     {@code clock + 2 INCR}, two ticks ahead. A helper thread plays FreeBSD's hardclock: every
 *     {@code tick} it issues the asymmetric barrier (membarrier, standing in for the clock interrupt
 *     every CPU takes) and then counts the tick. Because a goal needs two counted ticks after the
 *     advance, a whole barrier has run after the writer's unlink became visible, so the reader's
 *     enter needs no fence. The ticker runs only while a goal waits for ticks (see below). There is
 *     no blocking wait that forces the clock: {@code await} on a lazy domain sleeps through the ticks.</li>
 * </ul>
 * <b>The lazy clock word.</b> {@code [ sequence: 32 bits | tick mod 2^31: 31 bits | 1 ]}. The word
 * is what readers load and store, so it is odd (never INVALID) and compares, as a whole, in sequence
 * order: two words with the same sequence are the same move. A move adds {@code d * INCR} to the
 * upper half and replaces the lower half; the increment in lazy mode is {@code 2^32}. Goals carry
 * the lowest lower half ({@code ...|1}), so any word whose sequence has reached the goal's is at or
 * past it whatever its tick. The sequence wraps after 2^32 increments: modular comparisons hold
 * while live values lie within 2^31 increments of each other. A move is one CAS of one word: no
 * allocation, no second word to keep in step.
 * <p><b>The ticker runs on demand.</b> An advance that names a lazy goal asks the ticker for the two
 * ticks the goal needs ({@link Ticker#demand}); the ticker ticks while a demand is unmet and parks
 * once every demanded tick has been counted, so an idle domain issues no membarrier and interrupts
 * no thread. After an idle period the first tick is issued as soon as the advance wakes the ticker
 * (and at least a period after the previous tick); the second a period later. <b>Latency bound:</b>
 * a lazy goal is reached at the first poll after two counted ticks, as before: while the ticker is
 * busy that is 1 to 2 periods after the advance; after an idle period it is one period plus a
 * wake-up and a membarrier (the low end of that range), never less than one period. What the
 * barrier argument needs (two counted ticks, each a completed barrier, after the advance read the
 * tick count) does not depend on when ticks happen, so ticking on demand changes no ordering.
 * <p><b>The stale-observation race</b> (smr.h): a reader loads the clock, is delayed, and stores it after
 * a poll has already raised the read hand past it. Only the observation is stale; its fence still
 * orders its loads after the unlinks that poll covered. So a scan clamps a value below the read hand
 * up to it rather than lowering the hand.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>enter: store observed seq, {@code fullFence}, then {@code getAcquire} loads of protected links</td>
 *     <td>poll: {@code getAcquire} of the clock (at or past the goal), {@code fullFence}, then load of each record</td>
 *     <td>store-buffering pair on the two fences: the reader sees the unlink, or the scan sees the
 *         reader's sequence (below the goal) and the goal is not reached. The unlink must
 *         happen-before the poller's fence: see the next two rows.</td></tr>
 * <tr><td>advance ({@code gus}, and the limit-th {@code gus-deferred} one): unlink store, then
 *         {@code getAndAdd} of the clock (a volatile read-modify-write: it releases, and on HotSpot
 *         it is a full barrier, {@code lock xadd} on x86, {@code ldaddal} on ARMv8.1)</td>
 *     <td>poll: {@code getAcquire} of the clock reads that value or a later one (every later clock
 *         write is a read-modify-write too, so it continues the release sequence); enter: {@code getAcquire}
 *         of the clock</td>
 *     <td>the unlink happens-before the poller's fence, whichever thread polls, which is all the pair
 *         above needs; and a reader that observes a value at or after the goal entered after the
 *         unlink and sees it. No store-load order is needed on the writer, so no fence: FreeBSD
 *         issues only a release fence here. Litmus: {@code holds.GusAdvanceOrdersThirdPartyPoll}.</td></tr>
 * <tr><td>deferred advance that does not write (and the lazy advance): unlink store, {@code fullFence},
 *         then {@code getAcquire} of the clock (the goal is that value + INCR)</td>
 *     <td>whoever moves the clock to the goal: a {@code getAndAdd}; a reader that loads that value</td>
 *     <td>here the writer writes nothing the reader or poller reads, so the unlink is ordered by the
 *         fence: before the fence the unlink, after it the load of a clock value that the goal's
 *         eventual writer must move past (store-load order, which only a full fence gives). Litmus:
 *         {@code broken.DeferredAdvanceWithoutFence} fails without it.</td></tr>
 * <tr><td>exit: {@code setRelease(INVALID)}</td><td>scan: {@code getAcquire} of the record</td>
 *     <td>every access of the section happens-before the free that follows the poll</td></tr>
 * <tr><td>scan's CAS of the read hand (volatile)</td><td>a later poll's {@code getAcquire} of the read hand</td>
 *     <td>a poll that answers without scanning inherits the happens-before edges of the scan that
 *         raised the hand</td></tr>
 * <tr><td>lazy enter: {@code setOpaque} of observed seq, no fence</td>
 *     <td>ticker: membarrier, then {@code setRelease} of the tick count; poll moves the clock only on
 *         counted ticks</td>
 *     <td>a goal needs two ticks after the advance, so one whole membarrier began after the unlink was
 *         visible: it either made the reader's store visible to the scan, or ordered the reader's loads
 *         after the unlink. Without membarrier, lazy enter fences like gus.</td></tr>
 * <tr><td>lazy move: CAS of the clock word (volatile)</td><td>enter and poll: {@code getAcquire} of the word</td>
 *     <td>as for {@code getAndAdd}: the word carries its sequence and tick together, so a mover reads
 *         a consistent pair and a reader that observes a value at or past a goal read it from a move
 *         made on a tick counted after that goal was named</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch} nodes per batch (one advance each); {@code start} the clock's first value, counted in
 * increments of the non-INVARIANTS kernel ({@code wrap} starts 1000 increments before the 64-bit
 * wrap); {@code limit} (deferred) advances per clock write; {@code tick} and {@code barrier} (lazy);
 * {@code invariants}: FreeBSD's INVARIANTS constants (below).
 *
 * <h2>{@code invariants=true}</h2>
 * FreeBSD's INVARIANTS kernels use {@code SMR_SEQ_INCR = UINT_MAX / 10000} and
 * {@code SMR_SEQ_MAX_DELTA = 32 * SMR_SEQ_INCR} ({@code SMR_SEQ_MAX_ADVANCE} half of it), so that the
 * clock wraps every ten thousand advances and the paths written for pathological cases run all the
 * time: an advance that finds the clock 32 increments past the read hand waits for readers (the
 * forced wait), and a goal held across half a wrap is answered true without a scan (the wrap answer).
 * Here the increment is {@code 2^64 / 10000} (rounded down to even; in lazy mode, {@code 2^32 / 10000}
 * increments of the upper half). The constants are final fields, read once per call; with the knob
 * off they hold the ordinary values. {@link #forcedWaits()} and {@link #wrapAnswers()} count the two
 * paths. The forced wait blocks an advance while a reader stays inside a section, so under this knob
 * {@code retire} can wait for readers (as FreeBSD's {@code smr_advance} can), and lazy readers must
 * not stay inside a section for 5000 increments (the wrap would make their sequence look new).
 *
 * <h2>Differences from FreeBSD, and why</h2>
 * Sequences are 64-bit, not 32 (the lazy word keeps FreeBSD's 32-bit sequence). A lazy advance that
 * loses its CAS re-reads the word instead of returning its own computed value: a Java thread can be
 * descheduled between reading the tick and the CAS, which FreeBSD's critical section rules out, and
 * a goal must come from a word recorded at or after the tick this thread read. Blocking waits spin
 * briefly, then yield, then park, because a JVM may run more threads than cores (FreeBSD's smr_wait
 * spins: it runs with preemption off). FreeBSD's hardclock ticks whether or not anyone waits; the
 * lab's ticker ticks only on demand, because its membarrier interrupts every running thread.
 */
public final class GusReclaimer<T> extends AbstractReclaimer<T> implements SequenceGoals {
    /** The three flavours. */
    public enum Mode { DEFAULT, DEFERRED, LAZY }

    public static final long INVALID = 0;
    public static final long INIT = 1;
    /** SMR_SEQ_INCR of a kernel without INVARIANTS (the default and deferred clocks). */
    public static final long INCR = 2;
    /** SMR_LAZY_GRACE: ticks a lazy goal lies ahead. */
    static final long LAZY_GRACE = 2;
    /** SMR_SEQ_MAX_DELTA without INVARIANTS: the furthest the clock may run ahead of the read hand before an advance waits. */
    static final long MAX_DELTA = Long.MAX_VALUE / 2;
    /** How many increments of the ordinary clock one INVARIANTS increment stands for, in spirit: the ring holds 10000. */
    static final long INVARIANTS_RING = 10_000;
    /** SMR_SEQ_MAX_DELTA under INVARIANTS, in increments. */
    static final long INVARIANTS_MAX_DELTA_INCRS = 32;

    /** The lazy clock word: the upper half is the sequence, the lower half the tick (31 bits) and the odd bit. */
    static final long LAZY_SEQ_UNIT = 1L << 32;
    static final long LAZY_SEQ_MASK = -LAZY_SEQ_UNIT;
    static final long LAZY_TICK_MASK = 0x7FFF_FFFFL;

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

    static final class Shared extends GusSharedPad2 {
    }

    private final Mode mode;
    private final Shared shared = new Shared();
    private final int limit;
    private final boolean invariants;
    /** SMR_SEQ_INCR: 2, or the INVARIANTS increment; in lazy mode a multiple of 2^32. */
    private final long incr;
    /** SMR_SEQ_ADVANCE = SMR_LAZY_INCR: how far past the clock a deferred or lazy goal may lie. */
    private final long seqAdvance;
    /** SMR_SEQ_MAX_DELTA and SMR_SEQ_MAX_ADVANCE (default and deferred clocks only). */
    private final long maxDelta, maxAdvance;
    // lazy only
    private final boolean membarrier;
    private final Ticker ticker;
    // the INVARIANTS paths, counted where they run (rare paths: a shared atomic costs nothing measurable there)
    private final AtomicLong forcedWaits = new AtomicLong();
    private final AtomicLong wrapAnswers = new AtomicLong();

    public GusReclaimer(Mode mode, KnobValues config, Consumer<? super T> free) {
        super(config, free, INVALID, 0);
        this.mode = mode;
        this.invariants = config.bool("invariants");
        this.limit = mode == Mode.DEFERRED ? config.intValue("limit") : 1;
        this.incr = increment(mode, invariants);
        this.seqAdvance = LAZY_GRACE * incr;
        this.maxDelta = invariants ? INVARIANTS_MAX_DELTA_INCRS * incr : MAX_DELTA;
        this.maxAdvance = invariants ? maxDelta / 2 : MAX_DELTA - 1024;
        // The start knob counts ordinary increments past INIT; the clock starts that many of its own.
        long increments = (config.longValue("start") - INIT) >>> 1;
        long start;
        if (mode == Mode.LAZY) {
            this.membarrier = AsymmetricBarrier.resolve(config);
            this.ticker = new Ticker(config.nanos("tick"), membarrier, this);
            start = increments * incr | tickBits(ticker.ticks());
        } else {
            this.membarrier = false;
            this.ticker = null;
            start = INIT + increments * incr;
        }
        WR.setRelease(shared, start);
        RD.setRelease(shared, start);
        VarHandle.fullFence(); // smr_create: the initial state is visible before any record is used
        if (ticker != null) {
            ticker.start();
        }
    }

    /** The catalogue's factory for one flavour. */
    private static EngineType.Factory factory(Mode mode) {
        return new EngineType.Factory() {
            @Override
            public <T> org.smrlab.smr.Reclaimer<T> create(KnobValues config, Consumer<? super T> free) {
                return new GusReclaimer<>(mode, config, free);
            }
        };
    }

    private static final String SOURCE = "FreeBSD sys/kern/subr_smr.c, sys/sys/smr.h, smr(9)";

    private static Knob start() {
        return Knob.sequence("start", "1",
                "first value of the write clock (odd); 'wrap' starts 1000 increments before the 64-bit wrap");
    }

    private static Knob invariants() {
        return Knob.bool("invariants", false,
                "FreeBSD's INVARIANTS constants: a huge increment (the clock wraps every 10000) and a 32-increment maximum delta, "
                        + "so the forced wait in advance and the wrap answer in poll run");
    }

    /** The catalogue entry of {@code gus}: smr(9)'s default flavour. */
    public static final EngineType GUS = EngineType.named("gus")
            .summary("FreeBSD smr(9), Global Unbounded Sequences: a global write clock, per-thread observed sequences, a "
                    + "shared read hand; one fetch-add per batch, fenced enter, polls scan all records")
            .models(SOURCE).family(EngineType.Family.GUS)
            .knobs(Knob.batch(64), start(), invariants())
            .writeSide().sectionsDoNotNest()
            .factory(factory(Mode.DEFAULT));

    /** The catalogue entry of {@code gus-deferred} (SMR_DEFERRED): a deferred advance returns current + INCR unwritten. */
    public static final EngineType DEFERRED = EngineType.named("gus-deferred")
            .summary("smr(9) SMR_DEFERRED: only every limit-th advance writes the shared clock")
            .models(SOURCE).family(EngineType.Family.GUS)
            .knobs(Knob.batch(64), start(), Knob.integer("limit", 16, 1, Knob.MAX_BATCH,
                    "advances per write of the shared clock (smr_create's limit)"), invariants())
            .writeSide().sectionsDoNotNest()
            .factory(factory(Mode.DEFERRED));

    /** The catalogue entry of {@code gus-lazy} (SMR_LAZY): goals are the clock + 2 × INCR, two ticks ahead. */
    public static final EngineType LAZY = EngineType.named("gus-lazy")
            .summary("smr(9) SMR_LAZY: the clock moves with ticks, goals 2 ticks ahead, unfenced enter with membarrier")
            .models(SOURCE).family(EngineType.Family.GUS)
            .knobs(Knob.batch(64), start(), Knob.duration("tick", "1ms", 10_000, 1_000_000_000,
                    "lazy clock period (FreeBSD's hardclock tick); goals lie 2 ticks ahead"), AsymmetricBarrier.knob(), invariants())
            .writeSide().sectionsDoNotNest().lazyClock()
            .factory(factory(Mode.LAZY));

    public Mode mode() {
        return mode;
    }

    /** Whether the read side relies on membarrier instead of its own fence (lazy only). */
    public boolean usesMembarrier() {
        return membarrier;
    }

    /** One increment of this domain's clock (SMR_SEQ_INCR): 2, more under {@code invariants}, 2^32 in lazy mode. */
    public long increment() {
        return incr;
    }

    /** SMR_SEQ_INCR of a domain of flavour {@code mode}: 2; under INVARIANTS 2^64 / 10000 (even); lazy: times 2^32. */
    public static long increment(Mode mode, boolean invariants) {
        if (mode == Mode.LAZY) {
            return invariants ? (LAZY_SEQ_UNIT / INVARIANTS_RING) * LAZY_SEQ_UNIT : LAZY_SEQ_UNIT;
        }
        return invariants ? Long.divideUnsigned(-1L, INVARIANTS_RING) & ~1L : INCR;
    }

    /**
     * How far beyond {@link GracePeriods#current()} a goal of such a domain may lie: 0 (gus), one
     * increment (a deferred advance names current + INCR) or two (lazy goals are clock + 2 INCR).
     */
    public static long goalsAhead(Mode mode, boolean invariants) {
        return switch (mode) {
            case DEFAULT -> 0;
            case DEFERRED -> increment(mode, invariants);
            case LAZY -> LAZY_GRACE * increment(mode, invariants);
        };
    }

    /**
     * The bits every goal of such a domain has set to exactly 1 ({@code (goal & mask) == 1}): the odd
     * bit; for the lazy word its whole lower half, which in a goal is 1 whatever the tick (a goal with
     * tick bits would be passed by a reader that observed the very word the goal was made from).
     */
    public static long goalFormMask(Mode mode) {
        return mode == Mode.LAZY ? ~LAZY_SEQ_MASK : 1;
    }

    @Override
    public long goalsAhead() {
        return goalsAhead(mode, invariants);
    }

    @Override
    public long goalFormMask() {
        return goalFormMask(mode);
    }

    /** Advances that found the clock too far ahead of the read hand and waited for readers (FreeBSD's advance_wait). */
    long forcedWaits() {
        return forcedWaits.get();
    }

    /** Polls answered true because the goal lay beyond the clock: held across half a wrap. */
    long wrapAnswers() {
        return wrapAnswers.get();
    }

    /** The lazy domain's ticker (tests), or null. */
    Ticker ticker() {
        return ticker;
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
    private long sharedAdvance() {
        return (long) WR.getAndAdd(shared, incr) + incr;
    }

    /** smr_current; for the lazy word, its sequence with the lowest lower half, comparable with goals. */
    long current() {
        long wr = (long) WR.getOpaque(shared);
        return mode == Mode.LAZY ? lazySeq(wr) : wr;
    }

    private static long tickBits(long ticks) {
        return (ticks & LAZY_TICK_MASK) << 1 | 1;
    }

    private static long tickOf(long word) {
        return word >>> 1 & LAZY_TICK_MASK;
    }

    /** The word's sequence, as the smallest word with that sequence: what goals and current() carry. */
    private static long lazySeq(long word) {
        return (word & LAZY_SEQ_MASK) | 1;
    }

    /**
     * smr_lazy_advance: moves the clock word if the tick count moved since it was last recorded (by
     * at most LAZY_GRACE increments), and returns the word's sequence + LAZY_INCR. With
     * {@code naming}, the caller names that goal: the ticker is asked for the ticks it needs.
     *
     * @return the goal; {@code counters} counts a move of the clock as an advance
     */
    private long lazyAdvance(Counters counters, boolean naming) {
        long word, t;
        for (;;) {
            word = laWr(); // the word first, so the tick read after it is the same or newer
            t = ticker.ticks();
            long d = (t - tickOf(word)) & LAZY_TICK_MASK;
            if (d == 0) {
                break;
            }
            if (d > LAZY_GRACE) {
                d = LAZY_GRACE; // cap the rate; long idle periods move the clock only twice
            }
            long moved = ((word & LAZY_SEQ_MASK) + d * incr) | tickBits(t);
            if (WR.compareAndSet(shared, word, moved)) {
                counters.advance();
                word = moved;
                break;
            }
            // Lost to another mover: re-read, so the goal comes from a word recorded at or after tick t.
        }
        if (naming) {
            ticker.demand(t + LAZY_GRACE); // the word records tick t: the goal needs two more
        }
        return lazySeq(word) + seqAdvance;
    }

    // ------------------------------------------------------------------ advance and poll

    /** smr_advance, with the flavour's rules and the fence each needs (see the table). */
    long advance(GusSession<T> s) {
        switch (mode) {
            case LAZY:
                VarHandle.fullFence(); // store-load: the unlink before the load of the clock word
                return lazyAdvance(s.counters, true);
            case DEFERRED:
                if (++s.record.deferred < limit) {
                    VarHandle.fullFence(); // store-load: the unlink before the load of the clock; nothing is written
                    return laWr() + incr;  // acquire: also keeps C2 from dropping the fence (docs/design.md, toolchain facts)
                }
                s.record.deferred = 0;
                return defaultAdvance(s);
            default:
                return defaultAdvance(s);
        }
    }

    /** The fetch-and-add orders the caller's unlink before the new clock value: no fence (see the table). */
    private long defaultAdvance(GusSession<T> s) {
        long rd = laRd(); // before the increment, so it is certainly behind the goal
        long goal = sharedAdvance();
        s.counters.advance();
        if (Seq.delta(goal, rd) >= maxDelta) {
            // The clock ran too far ahead of the read hand: wait, or the modular comparisons break.
            s.counters.waited();
            forcedWaits.incrementAndGet();
            forcedWait(s, goal - maxAdvance);
        }
        return goal;
    }

    /**
     * The forced wait of smr_default_advance: {@code smr_wait(goal - SMR_SEQ_MAX_ADVANCE)}, except
     * that it never waits for the caller's own record. FreeBSD forbids advancing inside a section;
     * the lab lets a thread retire inside one, and a thread cannot wait for itself to leave.
     */
    private void forcedWait(GusSession<T> s, long target) {
        long rd = laRd();
        if (Seq.leq(target, rd)) {
            return;
        }
        long wr = laWr();
        VarHandle.fullFence(); // as a poll's scan
        scan(s, rd, wr, target, true, s.record);
    }

    /**
     * smr_poll: whether every reader has observed {@code goal}. With {@code wait}, spins (then
     * yields, then parks) on each record until it has. Never called with wait on a lazy domain.
     */
    boolean poll(GusSession<T> s, long goal, boolean wait) {
        if (mode == Mode.LAZY) {
            lazyAdvance(s.counters, false); // any writer activity moves the lazy clock
        }
        long rd = laRd();
        if (Seq.leq(goal, rd)) {
            s.counters.poll(true);
            return true; // most polls end here
        }
        long wr = laWr(); // after rd: the read hand is never seen past the clock; acquire: see the table
        long delta = Seq.delta(goal, wr);
        if (delta > 0 && delta <= seqAdvance && mode != Mode.DEFAULT) {
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
            wrapAnswers.incrementAndGet();
            s.counters.poll(true);
            return true;
        }
        VarHandle.fullFence(); // the scan begins with a full fence: pairs with enter's fence
        rd = scan(s, rd, wr, goal, wait, null);
        boolean success = Seq.leq(goal, rd);
        s.counters.poll(success);
        return success;
    }

    /**
     * smr_poll_scan: the minimum observed sequence over all records; raises the read hand to it.
     * With {@code wait}, waits on every record but {@code noWait} until it reaches the goal.
     */
    private long scan(GusSession<T> s, long rdStart, long wr, long goal, boolean wait, ThreadRecord noWait) {
        s.counters.scan();
        long min = wr; // the read hand can be no larger than the clock at the start of the poll
        for (ThreadRecord r : registry.snapshot()) {
            long c = pollRecord(r, rdStart, goal, wait && r != noWait);
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

        /** smr_advance; each flavour orders the caller's unlink before the goal as the table says. */
        @Override
        public long advance() {
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
