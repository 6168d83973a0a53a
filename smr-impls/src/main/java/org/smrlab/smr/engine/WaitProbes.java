package org.smrlab.smr.engine;

import java.util.function.LongConsumer;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.checked.CheckedReclaimer;

/** Attaches a probe that receives the duration of each blocking wait of a domain (the bench's block-time histogram). */
public final class WaitProbes {
    private WaitProbes() {
    }

    /**
     * Makes {@code probe} receive every blocking wait of {@code reclaimer} (in nanoseconds), looking
     * through a checked-mode wrapper; returns false for an engine of another kind (none of the lab's).
     */
    public static boolean attach(Reclaimer<?> reclaimer, LongConsumer probe) {
        Reclaimer<?> r = CheckedReclaimer.unwrap(reclaimer);
        if (r instanceof AbstractReclaimer<?> a) {
            a.observeWaits(probe);
            return true;
        }
        return false;
    }
}
