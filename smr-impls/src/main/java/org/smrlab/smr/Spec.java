package org.smrlab.smr;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A parsed engine spec: {@code name} or {@code name:key=value,key=value}.
 *
 * <p>Only the syntax is checked here; {@link Engines#create} checks names, knobs and values
 * against what the engine accepts and lists the valid ones when something is wrong.
 */
public final class Spec {
    private final String engine;
    private final Map<String, String> knobs;

    private Spec(String engine, Map<String, String> knobs) {
        this.engine = engine;
        this.knobs = Collections.unmodifiableMap(knobs);
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} naming the fault. */
    public static Spec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty engine spec; expected name or name:key=value,...; engines: "
                    + String.join(", ", Engines.names()));
        }
        String s = text.strip();
        int colon = s.indexOf(':');
        String name = colon < 0 ? s : s.substring(0, colon).strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("engine spec '" + text + "' has no engine name before ':'");
        }
        Map<String, String> knobs = new LinkedHashMap<>();
        if (colon >= 0) {
            String rest = s.substring(colon + 1);
            if (rest.isBlank()) {
                throw new IllegalArgumentException("engine spec '" + text + "' has ':' but no knobs after it");
            }
            for (String part : rest.split(",", -1)) {
                int eq = part.indexOf('=');
                if (eq <= 0 || eq == part.length() - 1) {
                    throw new IllegalArgumentException("engine spec '" + text + "': '" + part
                            + "' is not of the form key=value");
                }
                String key = part.substring(0, eq).strip();
                String value = part.substring(eq + 1).strip();
                if (knobs.put(key, value) != null) {
                    throw new IllegalArgumentException("engine spec '" + text + "' sets knob '" + key + "' twice");
                }
            }
        }
        return new Spec(name, knobs);
    }

    public String engine() {
        return engine;
    }

    /** The knobs as written, in order. */
    public Map<String, String> knobs() {
        return knobs;
    }

    @Override
    public String toString() {
        if (knobs.isEmpty()) {
            return engine;
        }
        StringBuilder b = new StringBuilder(engine).append(':');
        knobs.forEach((k, v) -> b.append(k).append('=').append(v).append(','));
        b.setLength(b.length() - 1);
        return b.toString();
    }
}
