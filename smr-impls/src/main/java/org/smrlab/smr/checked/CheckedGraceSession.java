package org.smrlab.smr.checked;

import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Seq;

/**
 * A checked session whose engine has a write side ({@link GracePeriods}: the gus family, qsbr,
 * ebr, pserialize).
 *
 * <h2>Goals that skip the grace (gus family)</h2>
 * FreeBSD's {@code smr_poll} answers true at once, without scanning, for a goal that lies beyond the
 * write clock by more than a deferred or lazy advance could put it: it takes such a goal for one held
 * across a wrap of the sequence space, hence long expired. The lab's gus engines do the same. So a
 * goal the caller made up (say {@code current() + 8}, or a counter of its own) is "reached" at
 * once, while readers that could hold the node are still inside their sections; on gus-lazy, whose
 * read side has no fence, this also skips the two ticks whose barriers the read side relies on.
 * Goals come only from {@code advance()}, and the clock only moves forward, so every legitimate goal
 * satisfies, at any later time:
 * <pre>
 *   goal odd, and  goal - current() &lt;= 0 (gus),  &lt;= INCR (gus-deferred),  &lt;= 2 INCR (gus-lazy)
 * </pre>
 * where INCR is the domain's increment ({@code GusReclaimer.increment()}: 2, larger under
 * {@code invariants=true}, 2^32 for the lazy clock word).
 * Checked mode rejects any other goal before the engine sees it ({@link Rule#GOAL_NOT_ISSUED},
 * {@link Rule#LAZY_GRACE_SKIPPED} on gus-lazy), and after a successful poll or await it checks that
 * the clock has reached the goal, the one thing a real grace period guarantees and a skipped one
 * does not. A goal passed from one thread to another must be passed with a happens-before edge
 * (a lock, a volatile write and read), as any data is; then the bound is exact.
 * <p>A goal copied from an older advance, or made up below the clock, cannot be told from a
 * legitimate old goal by its value and is not caught; the litmus test
 * {@code broken.GusAdvanceBeforeUnlink} shows the related mistake of advancing before the unlink.
 *
 * @param <T> the node type
 */
public final class CheckedGraceSession<T> extends CheckedSession<T> implements GracePeriods {
    private final GracePeriods grace;

    CheckedGraceSession(CheckedReclaimer<T> domain, Session<T> inner) {
        super(domain, inner);
        this.grace = (GracePeriods) inner;
    }

    @Override
    public long advance() {
        checkUsable("advance()");
        checkOutsideSection("advance()");
        return grace.advance();
    }

    @Override
    public boolean poll(long goal) {
        checkUsable("poll()");
        checkGoal("poll", goal);
        boolean reached = grace.poll(goal);
        if (reached) {
            checkReached("poll", goal);
        }
        return reached;
    }

    @Override
    public void await(long goal) {
        checkUsable("await()");
        checkOutsideSection("await()");
        Sleepable.assertSleepable("await()");
        checkGoal("await", goal);
        grace.await(goal);
        checkReached("await", goal);
    }

    @Override
    public void synchronize() {
        checkUsable("synchronize()");
        checkOutsideSection("synchronize()");
        Sleepable.assertSleepable("synchronize()");
        grace.synchronize();
    }

    @Override
    public long current() {
        checkUsable("current()");
        return grace.current();
    }

    /** Before the engine sees a goal: could an advance of this domain have returned it? */
    private void checkGoal(String call, long goal) {
        long ahead = domain.goalsAhead;
        if (ahead < 0) {
            return; // not a gus engine: a made-up goal is merely never reached (or over-waited), not skipped
        }
        long now = grace.current();
        long mask = domain.goalFormMask;
        boolean badForm = (goal & mask) != 1;
        if (badForm || Seq.gt(goal, now + ahead)) {
            throw misuse(domain.lazy ? Rule.LAZY_GRACE_SKIPPED : Rule.GOAL_NOT_ISSUED, call + "(" + Long.toUnsignedString(goal)
                    + ") with a goal no advance() returned: the clock is " + Long.toUnsignedString(now)
                    + (ahead > 0 ? ", goals lie at most " + Long.toUnsignedString(ahead) + " beyond it" : ", goals never lie beyond it")
                    + (!badForm ? "" : mask == 1 ? ", and goals are odd"
                            : ", and goals have their lower 32 bits equal to 1 (the clock word's tick bits are not part of a goal)")
                    + "; the engine would take it for a wrapped goal and answer at once, or let readers that"
                    + " observed the clock before the goal pass it, skipping the grace period");
        }
    }

    /** After a poll or await succeeded: a real grace period leaves the clock at or past the goal. */
    private void checkReached(String call, long goal) {
        if (domain.goalsAhead < 0) {
            return;
        }
        long now = grace.current();
        if (Seq.lt(now, goal)) {
            throw misuse(domain.lazy ? Rule.LAZY_GRACE_SKIPPED : Rule.GOAL_NOT_ISSUED, call + "(" + Long.toUnsignedString(goal)
                    + ") reported the goal reached while the clock is still at " + Long.toUnsignedString(now)
                    + ": no grace period can have elapsed");
        }
    }
}
