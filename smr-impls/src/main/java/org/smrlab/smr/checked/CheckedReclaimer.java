package org.smrlab.smr.checked;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.SequenceGoals;

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
 * {@link Sleepable#assertSleepable}. What it knows of each engine comes from the engine's catalogue
 * entry ({@link EngineType}), never from its name:
 * <ul>
 * <li>whether sections nest ({@link EngineType#sectionsNest()}): not on the gus family (one
 *     observed sequence per record, as smr(9), which asserts against recursion);</li>
 * <li>whether {@code retire} may block ({@link EngineType#retireBlocks()}: pserialize, rwlock, psref,
 *     localcount), so it is a sleepable point; and whether the outermost {@code enter} may
 *     ({@link EngineType#enterBlocks()}: rwlock's read lock waits for writers);</li>
 * <li>whether a section may span a sleep ({@link EngineType#sectionsMaySleep()}: psref and
 *     localcount, whose references exist to be held across sleeps), in which case its sections do
 *     not count for {@link Sleepable}; those engines check their own misuses
 *     ({@link Rule#ACQUIRE_AFTER_RETIRE}, {@link Rule#RETIRE_WHILE_REFERENCED}) themselves, since
 *     only they know the references;</li>
 * <li>how far past the clock a legitimate goal may lie and what its bits look like: asked of the
 *     engine itself when it implements {@link SequenceGoals} (the gus family; the answer depends on
 *     knobs such as {@code invariants}), see {@link CheckedGraceSession}.</li>
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
    /** rwlock: the outermost enter takes the read lock, which waits while a writer holds or awaits it. */
    final boolean enterBlocks;
    /** psref, localcount: a section may span a sleep, so it does not count for {@link Sleepable}. */
    final boolean sectionsMaySleep;
    /** How far beyond {@code current()} a legitimate goal may lie; -1 when goals are not gus sequences. */
    final long goalsAhead;
    final boolean lazy;
    private final String name;
    private final Set<CheckedSession<T>> open = ConcurrentHashMap.newKeySet();
    /** Set by the first close(): joins are refused from then on. */
    private volatile boolean closed;
    /** Set once the engine's close() has completed; until then a close() (again) closes the engine. */
    private volatile boolean engineClosed;

    /** The bits a legitimate goal has set to exactly 1 ({@link SequenceGoals#goalFormMask()}); 0 when goals are not gus sequences. */
    final long goalFormMask;

    private CheckedReclaimer(Reclaimer<T> inner, EngineType type) {
        this.inner = inner;
        this.name = inner.name();
        this.nests = type.sectionsNest();
        SequenceGoals goals = inner instanceof SequenceGoals g ? g : null;
        this.goalsAhead = goals == null ? -1 : goals.goalsAhead();
        this.goalFormMask = goals == null ? 0 : goals.goalFormMask();
        this.lazy = type.lazyClock();
        this.retireBlocks = type.retireBlocks();
        this.enterBlocks = type.enterBlocks();
        this.sectionsMaySleep = type.sectionsMaySleep();
    }

    /**
     * Wraps {@code reclaimer}, an engine of {@code type}, in checked mode. Called by
     * {@code Engines.create} when the spec says {@code checked=true}.
     */
    public static <T> Reclaimer<T> wrap(Reclaimer<T> reclaimer, EngineType type) {
        if (reclaimer instanceof CheckedReclaimer) {
            return reclaimer;
        }
        return new CheckedReclaimer<>(reclaimer, type);
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
     * and frees everything pending). Closing may block, so it is refused inside a read section. If
     * the engine's close gives up (a session of another thread still open), a later close() tries
     * again: it is all or nothing, as the engine's.
     */
    @Override
    public void close() {
        if (engineClosed) {
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
        inner.close(); // throws if it gives up; engineClosed stays false
        engineClosed = true;
    }

    @Override
    public String toString() {
        return name;
    }
}
