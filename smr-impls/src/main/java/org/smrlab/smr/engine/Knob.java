package org.smrlab.smr.engine;

import java.util.List;
import java.util.Locale;

/**
 * One knob an engine accepts: its name, its kind of value, its default and its valid range.
 *
 * <p>Values are parsed strictly: a bad value is rejected with a message that says what is valid,
 * never replaced by a default.
 */
public final class Knob {

    /** What kind of value the knob takes. */
    public enum Kind { INT, DURATION, BOOL, CHOICE, SEQUENCE }

    private final String name;
    private final Kind kind;
    private final String defaultText;
    private final long min;
    private final long max;
    private final List<String> choices;
    private final String doc;

    private Knob(String name, Kind kind, String defaultText, long min, long max, List<String> choices, String doc) {
        this.name = name;
        this.kind = kind;
        this.defaultText = defaultText;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.doc = doc;
    }

    /** The largest batch any engine accepts. */
    public static final long MAX_BATCH = 1 << 20;

    /** The {@code batch} knob every engine has, with the engine's own default. */
    public static Knob batch(long def) {
        return integer("batch", def, 1, MAX_BATCH, "nodes retired per batch (one advance, scan or grace period each)");
    }

    public static Knob integer(String name, long def, long min, long max, String doc) {
        return new Knob(name, Kind.INT, Long.toString(def), min, max, List.of(), doc);
    }

    /** A duration, written {@code 500us}, {@code 1ms}, {@code 2s} or {@code 100ns}; a bare number is milliseconds. */
    public static Knob duration(String name, String def, long minNanos, long maxNanos, String doc) {
        return new Knob(name, Kind.DURATION, def, minNanos, maxNanos, List.of(), doc);
    }

    public static Knob bool(String name, boolean def, String doc) {
        return new Knob(name, Kind.BOOL, Boolean.toString(def), 0, 1, List.of("true", "false"), doc);
    }

    public static Knob choice(String name, String def, List<String> choices, String doc) {
        return new Knob(name, Kind.CHOICE, def, 0, 0, List.copyOf(choices), doc);
    }

    /**
     * A starting sequence number: an odd unsigned 64-bit value (decimal or {@code 0x} hex), or
     * {@code wrap}, which starts 1000 increments before the 64-bit counter wraps.
     */
    public static Knob sequence(String name, String def, String doc) {
        return new Knob(name, Kind.SEQUENCE, def, 0, 0, List.of(), doc);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String defaultText() {
        return defaultText;
    }

    public String doc() {
        return doc;
    }

    /** What values are valid, for error messages and listings. */
    public String validValues() {
        return switch (kind) {
            case INT -> "integer " + min + ".." + max;
            case DURATION -> "duration " + Durations.format(min) + ".." + Durations.format(max) + " (e.g. 500us, 1ms, 2s; bare number = ms)";
            case BOOL -> "true|false";
            case CHOICE -> String.join("|", choices);
            case SEQUENCE -> "odd unsigned 64-bit number (decimal or 0x hex) or 'wrap'";
        };
    }

    /** One line for listings: {@code batch=64 (integer 1..1048576): nodes per batch}. */
    public String describe() {
        return name + "=" + defaultText + " (" + validValues() + "): " + doc;
    }

    /**
     * Parses {@code text} into the knob's canonical value: a {@code Long} for INT, DURATION (nanoseconds)
     * and SEQUENCE, a {@code Boolean} for BOOL, a {@code String} for CHOICE.
     */
    Object parse(String engine, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (kind) {
            case INT: {
                long v;
                try {
                    v = Long.parseLong(t);
                } catch (NumberFormatException e) {
                    throw bad(engine, text);
                }
                if (v < min || v > max) {
                    throw bad(engine, text);
                }
                return v;
            }
            case DURATION: {
                long v;
                try {
                    v = Durations.parseNanos(t, 1_000_000); // a bare number is milliseconds
                } catch (IllegalArgumentException e) {
                    throw bad(engine, text);
                }
                if (v < min || v > max) {
                    throw bad(engine, text);
                }
                return v;
            }
            case BOOL:
                if (t.equals("true")) {
                    return Boolean.TRUE;
                }
                if (t.equals("false")) {
                    return Boolean.FALSE;
                }
                throw bad(engine, text);
            case CHOICE:
                if (choices.contains(t)) {
                    return t;
                }
                throw bad(engine, text);
            case SEQUENCE: {
                long v;
                if (t.equals("wrap")) {
                    return WRAP_START;
                }
                try {
                    v = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
                } catch (NumberFormatException e) {
                    throw bad(engine, text);
                }
                if ((v & 1) == 0) {
                    throw bad(engine, text);
                }
                return v;
            }
            default:
                throw new AssertionError(kind);
        }
    }

    /** 1000 increments of 2 before the unsigned 64-bit counter wraps to 1 (0, INVALID, is skipped: it is even). */
    static final long WRAP_START = -2000L + 1;

    String render(Object value) {
        return switch (kind) {
            case DURATION -> Durations.format((Long) value);
            case SEQUENCE -> ((Long) value) == WRAP_START ? "wrap" : Long.toUnsignedString((Long) value);
            default -> String.valueOf(value);
        };
    }

    private IllegalArgumentException bad(String engine, String text) {
        return new IllegalArgumentException("engine " + engine + ": bad value '" + text + "' for knob '" + name
                + "'; valid: " + validValues());
    }

}
