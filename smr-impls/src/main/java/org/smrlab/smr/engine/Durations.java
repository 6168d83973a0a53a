package org.smrlab.smr.engine;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The lab's one spelling of durations: a number (decimals allowed) and a unit, {@code ns}, {@code us},
 * {@code ms} or {@code s}: {@code 500us}, {@code 1ms}, {@code 2.5s}. Engine knobs ({@code tick}), the
 * torture command line ({@code --stall}), the benchmark parameters ({@code stall}, {@code section}),
 * the SMR profiler's {@code period} and the lab's run.json (each trial's duration parameters, in
 * nanoseconds, for the reports, which cannot depend on this module) all parse through here, so one
 * spelling works everywhere; each caller adds its own range check and names what is valid in its message.
 */
public final class Durations {
    private Durations() {
    }

    /**
     * Nanoseconds of {@code text}, at least 0.
     *
     * @param bareUnitNanos the unit of a number written without one (engine knobs: 1 ms), or 0 where a
     *                      unit is required
     * @throws IllegalArgumentException with the reason (no unit, not a number, negative, not a whole
     *                                  number of nanoseconds, too large); callers put it in their message
     */
    public static long parseNanos(String text, long bareUnitNanos) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit;
        String number;
        if (t.endsWith("ns")) {
            unit = 1;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            unit = 1_000;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = 1_000_000;
            number = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000_000_000;
            number = t.substring(0, t.length() - 1);
        } else if (bareUnitNanos > 0) {
            unit = bareUnitNanos;
            number = t;
        } else {
            throw new IllegalArgumentException("duration '" + text + "' has no unit");
        }
        BigDecimal nanos;
        try {
            nanos = new BigDecimal(number.strip()).multiply(BigDecimal.valueOf(unit));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not a number with a unit");
        }
        if (nanos.signum() < 0) {
            throw new IllegalArgumentException("duration '" + text + "' is negative");
        }
        try {
            return nanos.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not a whole number of nanoseconds below 2^63");
        }
    }

    /**
     * Nanoseconds of {@code text}, a duration with a unit, more than 0; throws naming the parameter
     * {@code what}, the reason and {@code valid} (the forms the caller accepts).
     */
    public static long positiveNanos(String text, String what, String valid) {
        long nanos;
        try {
            nanos = parseNanos(text, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + text + "' is not valid (" + e.getMessage() + "); expected " + valid);
        }
        if (nanos == 0) {
            throw new IllegalArgumentException(what + " '" + text + "' is not valid (must be positive); expected " + valid);
        }
        return nanos;
    }

    /** The shortest exact form: {@code 10ms}, {@code 2s}, {@code 1500us}, {@code 0ns}. */
    public static String format(long nanos) {
        if (nanos != 0 && nanos % 1_000_000_000L == 0) {
            return nanos / 1_000_000_000L + "s";
        }
        if (nanos != 0 && nanos % 1_000_000L == 0) {
            return nanos / 1_000_000L + "ms";
        }
        if (nanos != 0 && nanos % 1_000L == 0) {
            return nanos / 1_000L + "us";
        }
        return nanos + "ns";
    }
}
