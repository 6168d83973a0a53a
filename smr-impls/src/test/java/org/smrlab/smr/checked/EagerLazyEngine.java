package org.smrlab.smr.checked;

import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;
import org.smrlab.smr.engine.GusReclaimer;
import org.smrlab.smr.engine.SequenceGoals;

/**
 * A stand-in for a lazy write side that answers too early: its clock never moves, yet every poll
 * and await reports the goal reached at once, as a helper that forced the answer (or an engine
 * that took a goal for a wrapped one) would. Only for {@link CheckedRulesTest}.
 */
final class EagerLazyEngine implements Reclaimer<Object>, SequenceGoals {
    /** Goals as a real lazy domain's: two increments ahead, lower half 1 (checked mode asks the engine). */
    @Override
    public long goalsAhead() {
        return GusReclaimer.goalsAhead(GusReclaimer.Mode.LAZY, false);
    }

    @Override
    public long goalFormMask() {
        return GusReclaimer.goalFormMask(GusReclaimer.Mode.LAZY);
    }

    static final long CLOCK = 1;

    @Override
    public Session<Object> join() {
        return new EagerSession();
    }

    @Override
    public Stats stats() {
        return new Stats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    @Override
    public String name() {
        return "gus-lazy:eager-stand-in,checked=true";
    }

    @Override
    public void close() {
    }

    static final class EagerSession implements Session<Object>, GracePeriods {
        @Override
        public long advance() {
            return CLOCK + 2 * GusReclaimer.increment(GusReclaimer.Mode.LAZY, false); // a legitimate lazy goal: two ticks ahead
        }

        @Override
        public boolean poll(long goal) {
            return true; // without waiting for any tick
        }

        @Override
        public void await(long goal) {
        }

        @Override
        public void synchronize() {
        }

        @Override
        public long current() {
            return CLOCK;
        }

        @Override
        public void enter() {
        }

        @Override
        public void exit() {
        }

        @Override
        public Object protect(int slot, AtomicReference<Object> source) {
            return source.get();
        }

        @Override
        public void retire(Object node) {
        }

        @Override
        public void quiescent() {
        }

        @Override
        public void flush() {
        }

        @Override
        public void barrier() {
        }

        @Override
        public void close() {
        }
    }
}
