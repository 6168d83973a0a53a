package org.smrlab.bench.support;

import java.util.Locale;

/** Parses the suites' duration parameters: {@code 500ns}, {@code 10us}, {@code 1ms}, {@code 2s}. */
public final class Durations {
    private Durations() {
    }

    /** Nanoseconds of {@code text}; throws naming {@code what} and the valid forms. */
    public static long parseNanos(String text, String what, String valid) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit;
        String digits;
        if (t.endsWith("ns")) {
            unit = 1;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us")) {
            unit = 1_000;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = 1_000_000;
            digits = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = 1_000_000_000;
            digits = t.substring(0, t.length() - 1);
        } else {
            throw bad(text, what, valid);
        }
        try {
            long v = Long.parseLong(digits.strip());
            if (v <= 0) {
                throw bad(text, what, valid);
            }
            return Math.multiplyExact(v, unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(text, what, valid);
        }
    }

    private static IllegalArgumentException bad(String text, String what, String valid) {
        return new IllegalArgumentException(what + " '" + text + "' is not valid; expected " + valid);
    }

}
