package org.smrlab.smr.torture;

import java.math.BigDecimal;
import java.util.Locale;

/** Durations as the command line writes them: a number and a unit ({@code ns}, {@code us}, {@code ms}, {@code s}). */
final class Durations {
    private Durations() {
    }

    /** Parses {@code 10ms}, {@code 2.5s}, {@code 500us}, {@code 100ns}; throws naming the valid forms. */
    static long parse(String text) {
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
        } else {
            throw new IllegalArgumentException("duration '" + text + "' has no unit; write e.g. 10ms, 2s, 500us or 100ns");
        }
        try {
            BigDecimal nanos = new BigDecimal(number.strip()).multiply(BigDecimal.valueOf(unit));
            if (nanos.signum() <= 0) {
                throw new IllegalArgumentException("duration '" + text + "' must be positive");
            }
            return nanos.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("duration '" + text + "' is not a number with a unit (e.g. 10ms, 2s, 500us, 100ns)");
        }
    }

    /** The shortest exact form: {@code 10ms}, {@code 2s}, {@code 1500us}. */
    static String format(long nanos) {
        if (nanos % 1_000_000_000 == 0) {
            return nanos / 1_000_000_000 + "s";
        }
        if (nanos % 1_000_000 == 0) {
            return nanos / 1_000_000 + "ms";
        }
        if (nanos % 1_000 == 0) {
            return nanos / 1_000 + "us";
        }
        return nanos + "ns";
    }
}
