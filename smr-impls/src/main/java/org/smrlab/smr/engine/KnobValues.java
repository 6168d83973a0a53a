package org.smrlab.smr.engine;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smrlab.smr.Spec;

/**
 * The knob values an engine was created with: every knob it accepts, defaults filled in, each
 * value checked. Built by {@link EngineType#configure}; read by the engine's constructor.
 */
public final class KnobValues {
    private final String engine;
    private final List<Knob> knobs;
    private final Map<String, Object> values;

    KnobValues(String engine, List<Knob> knobs, Map<String, Object> values) {
        this.engine = engine;
        this.knobs = knobs;
        this.values = values;
    }

    static KnobValues of(EngineType type, Spec spec) {
        Map<String, Knob> byName = new LinkedHashMap<>();
        for (Knob k : type.knobs()) {
            byName.put(k.name(), k);
        }
        for (String key : spec.knobs().keySet()) {
            if (!byName.containsKey(key)) {
                StringBuilder valid = new StringBuilder();
                for (Knob k : type.knobs()) {
                    valid.append("\n  ").append(k.describe());
                }
                throw new IllegalArgumentException("engine " + type.name() + ": unknown knob '" + key
                        + "'; valid knobs:" + valid);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Knob k : type.knobs()) {
            String text = spec.knobs().getOrDefault(k.name(), k.defaultText());
            values.put(k.name(), k.parse(type.name(), text));
        }
        return new KnobValues(type.name(), type.knobs(), values);
    }

    public String engine() {
        return engine;
    }

    public int intValue(String knob) {
        return Math.toIntExact((Long) get(knob));
    }

    public long longValue(String knob) {
        return (Long) get(knob);
    }

    public long nanos(String knob) {
        return (Long) get(knob);
    }

    public boolean bool(String knob) {
        return (Boolean) get(knob);
    }

    public String choice(String knob) {
        return (String) get(knob);
    }

    private Object get(String knob) {
        Object v = values.get(knob);
        if (v == null) {
            throw new IllegalStateException("engine " + engine + " has no knob " + knob);
        }
        return v;
    }

    /**
     * The canonical spec: the engine name and every knob with its effective value, in declaration
     * order. {@code resolved} replaces values decided at creation (e.g. {@code barrier=auto} becomes
     * the barrier actually in use). The {@code checked} knob is left out when false.
     */
    public String canonical(Map<String, String> resolved) {
        StringBuilder b = new StringBuilder(engine);
        char sep = ':';
        for (Knob k : knobs) {
            Object v = values.get(k.name());
            if (k.name().equals(EngineType.CHECKED) && Boolean.FALSE.equals(v)) {
                continue;
            }
            String text = resolved.getOrDefault(k.name(), k.render(v));
            b.append(sep).append(k.name()).append('=').append(text);
            sep = ',';
        }
        return b.toString();
    }

    public String canonical() {
        return canonical(Map.of());
    }
}
