package org.smrlab.bench.support;

import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.smrlab.smr.engine.Durations;
import org.smrlab.smr.set.SmrHashSet;

/**
 * A reader's read section in the reclamation suite: either one hash-set lookup, or a section held
 * for a fixed time while protecting a node.
 *
 * <p>A held section uses {@link SmrHashSet.Handle#parkInSection}: enter, protect the first node of
 * the key's bucket, wait, check the node was neither freed nor recycled (a use-after-free
 * detection if it was), exit. Its {@code stop} test is polled inside the section before any park,
 * so a {@code stop} that spins until the deadline and then says "stop" makes a section that
 * <em>runs</em> (spins) for exactly its length instead of parking (parking has a granularity of
 * tens of microseconds). Spinning is what a reader doing work inside its section looks like.
 */
public final class Section {
    /** The {@code section} parameter value for one lookup per section. */
    public static final String LOOKUP = "lookup";

    private final long nanos;

    private Section(long nanos) {
        this.nanos = nanos;
    }

    /** {@code lookup}, or a duration such as {@code 1us}, {@code 100us}, {@code 1ms}. */
    public static Section parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals(LOOKUP)) {
            return new Section(0);
        }
        return new Section(Durations.positiveNanos(t, "section", "lookup, or a duration such as 1us, 100us, 1ms"));
    }

    public boolean isLookup() {
        return nanos == 0;
    }

    public long nanos() {
        return nanos;
    }

    /** One read section on {@code key}; true if the key was found (lookup) or the held node stayed intact. */
    public boolean run(SmrHashSet.Handle handle, long key) {
        if (nanos == 0) {
            return handle.contains(key);
        }
        long deadline = System.nanoTime() + nanos;
        BooleanSupplier spinUntilDeadline = () -> {
            while (System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return true;
        };
        return handle.parkInSection(key, nanos, spinUntilDeadline);
    }
}
