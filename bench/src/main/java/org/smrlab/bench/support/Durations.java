package org.smrlab.bench.support;

/**
 * The suites' duration parameters ({@code stall}, {@code section}): positive, with a unit, parsed by
 * smr-impls' {@link org.smrlab.smr.engine.Durations} so they are spelled as the engines' knobs are.
 */
public final class Durations {
    private Durations() {
    }

    /** Nanoseconds of {@code text}, positive; throws naming the parameter {@code what} and the valid forms. */
    public static long parseNanos(String text, String what, String valid) {
        long nanos;
        try {
            nanos = org.smrlab.smr.engine.Durations.parseNanos(text, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not valid (" + e.getMessage() + "); expected " + valid);
        }
        if (nanos == 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is not valid (must be positive); expected " + valid);
        }
        return nanos;
    }
}
