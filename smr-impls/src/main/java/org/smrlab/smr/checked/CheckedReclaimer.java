package org.smrlab.smr.checked;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;
import org.smrlab.smr.engine.Config;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.GusReclaimer;

/**
 * Checked mode: any engine, with every rule of use enforced at the faulty call. Selected by the
 * knob {@code checked=true} on any spec ({@code gus:batch=64,checked=true}); {@code Engines.create}
 * builds the engine and wraps it here. {@link #name()} is the engine's canonical spec, which then
 * includes {@code checked=true}.
 *
 * <h2>Implementation notes</h2>
 * A wrapper, not a change to the engines: each {@link CheckedSession} tracks its owner thread,
 * closed flag and section depth itself, checks each call against the {@link Rule}s and only then
 * calls the engine's session; a thread-wide depth across all checked sessions backs
 * {@link Sleepable#assertSleepable}. Per engine, the wrapper knows:
 * <ul>
 * <li>whether sections nest: not on {@code gus}, {@code gus-deferred}, {@code gus-lazy} (one
 *     observed sequence per record, as smr(9), which asserts against recursion); yes on
 *     {@code pserialize}, {@code ebr}, {@code hp}, {@code hp-asym}, {@code ibr}, {@code he},
 *     {@code psref}, {@code localcount} (depth counters), {@code rwlock} (a reentrant read
 *     lock), {@code qsbr}, {@code none}, {@code broken} (sections are no-ops);</li>
 * <li>whether {@code retire} may block: yes on {@code pserialize} (a full batch waits for a grace
 *     period), {@code rwlock} (the write lock), {@code psref} and {@code localcount} (the destroy
 *     waits for references), so there it is a sleepable point; and whether {@code enter} may: the
 *     outermost one on {@code rwlock} (the read lock waits for writers);</li>
 * <li>whether a section may span a sleep: yes on {@code psref} and {@code localcount}, whose
 *     references exist to be held across sleeps, so their sections do not count for
 *     {@link Sleepable}; their own misuses ({@link Rule#ACQUIRE_AFTER_RETIRE},
 *     {@link Rule#RETIRE_WHILE_REFERENCED}) are checked inside the engines, which know their
 *     references;</li>
 * <li>how far past the clock a legitimate goal may lie (gus family only; see
 *     {@link CheckedGraceSession}).</li>
 * </ul>
 * A checked domain costs, per call, a thread comparison, a flag test and, for enter and exit, two
 * field updates; the read-side suite measures it against the plain engine ({@code checked=true} in
 * its engine parameter).
 *
 * <h2>What it does not check</h2>
 * Whether the caller unlinked a node before retiring it, or advanced after unlinking (the litmus
 * tests show those); sessions of unchecked domains (their sections are invisible to
 * {@link Sleepable}); blocking calls outside the lab's own blocking points (a {@code Thread.sleep}
 * inside a section goes unseen); double retire of one node (an {@code SmrPool} counts double frees).
 *
 * @param <T> the node type
 */
public final class CheckedReclaimer<T> implements Reclaimer<T> {
    final Reclaimer<T> inner;
    final boolean nests;
    final boolean retireBlocks;
    /** psref, localcount: a section may span a sleep, so it does not count for {@link Sleepable}. */
    final boolean sectionsMaySleep;
    /** rwlock: the outermost enter takes the read lock, which waits while a writer holds or awaits it. */
    final boolean enterBlocks;
    /** How far beyond {@code current()} a legitimate goal may lie; -1 when goals are not gus sequences. */
    final long goalsAhead;
    /** The bits a legitimate goal has set to exactly 1 ({@code GusReclaimer.goalFormMask}); 0 when goals are not gus sequences. */
    final long goalFormMask;
    final boolean lazy;
    private final String name;
    private final Set<CheckedSession<T>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private CheckedReclaimer(Reclaimer<T> inner, Config config) {
        this.inner = inner;
        this.name = inner.name();
        String engine = config.engine();
        GusReclaimer.Mode gus = switch (engine) {
            case "gus" -> GusReclaimer.Mode.DEFAULT;
            case "gus-deferred" -> GusReclaimer.Mode.DEFERRED;
            case "gus-lazy" -> GusReclaimer.Mode.LAZY;
            default -> null;
        };
        this.nests = gus == null;
        // gus goals lie at most one increment (deferred: current + INCR) or two (lazy: clock + 2 INCR)
        // past the clock; invariants=true and the lazy clock word change the increment.
        this.goalsAhead = gus == null ? -1 : GusReclaimer.goalsAhead(gus, config.bool("invariants"));
        this.goalFormMask = gus == null ? 0 : GusReclaimer.goalFormMask(gus);
        this.lazy = gus == GusReclaimer.Mode.LAZY;
        EngineType type = org.smrlab.smr.Engines.type(engine);
        this.retireBlocks = type.retireBlocks();
        this.sectionsMaySleep = type.sectionsMaySleep();
        this.enterBlocks = engine.equals("rwlock");
    }

    /**
     * Wraps {@code reclaimer}, built from {@code config}, in checked mode. Called by
     * {@code Engines.create} when the spec says {@code checked=true}.
     */
    public static <T> Reclaimer<T> wrap(Reclaimer<T> reclaimer, Config config) {
        if (reclaimer instanceof CheckedReclaimer) {
            return reclaimer;
        }
        return new CheckedReclaimer<>(reclaimer, config);
    }

    /** Whether {@code reclaimer} runs in checked mode. */
    public static boolean isChecked(Reclaimer<?> reclaimer) {
        return reclaimer instanceof CheckedReclaimer;
    }

    /** The engine under the checked wrapper, or {@code reclaimer} itself when it is not checked. */
    public static Reclaimer<?> unwrap(Reclaimer<?> reclaimer) {
        return reclaimer instanceof CheckedReclaimer<?> c ? c.inner : reclaimer;
    }

    /** Whether this engine's read sections nest. */
    public boolean nests() {
        return nests;
    }

    @Override
    public Session<T> join() {
        if (closed) {
            throw new SmrMisuseException(Rule.USE_AFTER_CLOSE, name, "join() on a closed domain");
        }
        Session<T> s = inner.join();
        CheckedSession<T> c = s instanceof GracePeriods ? new CheckedGraceSession<>(this, s) : new CheckedSession<>(this, s);
        open.add(c);
        return c;
    }

    void forget(CheckedSession<T> s) {
        open.remove(s);
    }

    @Override
    public Stats stats() {
        return inner.stats();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * Closes the calling thread's sessions, then the engine (which waits for other threads' sessions
     * and frees everything pending). Closing may block, so it is refused inside a read section.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        Sleepable.assertSleepable("Reclaimer.close() of " + name);
        closed = true;
        Thread me = Thread.currentThread();
        for (CheckedSession<T> s : open) {
            if (s.owner == me) {
                s.close();
            }
        }
        inner.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
