package org.smrlab.reports;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The JMH parameter {@code engine}: an engine name, optionally with knobs,
 * {@code name:key=value,key=value} (for example {@code gus-deferred:batch=64,limit=16}).
 * The reports read it only to group rows: the name picks the baseline, and a {@code batch} knob is
 * the batch size when the benchmark has no separate {@code batch} parameter.
 */
public record EngineSpec(String spec, String name, Map<String, String> knobs) {

    public static final String PARAM = "engine";
    public static final String BATCH = "batch";

    public static EngineSpec parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon < 0) {
            return new EngineSpec(spec, spec, Map.of());
        }
        Map<String, String> knobs = new LinkedHashMap<>();
        for (String knob : spec.substring(colon + 1).split(",")) {
            if (knob.isBlank()) {
                continue;
            }
            int eq = knob.indexOf('=');
            knobs.put(eq < 0 ? knob : knob.substring(0, eq), eq < 0 ? "" : knob.substring(eq + 1));
        }
        return new EngineSpec(spec, spec.substring(0, colon), Map.copyOf(knobs));
    }

    public Optional<String> batch() {
        return Optional.ofNullable(knobs.get(BATCH));
    }

    /** The spec without its batch knob: the row label when batch sizes are swept. */
    public String withoutBatch() {
        int colon = spec.indexOf(':');
        if (colon < 0 || !knobs.containsKey(BATCH)) {
            return spec;
        }
        StringBuilder rest = new StringBuilder();
        for (String knob : spec.substring(colon + 1).split(",")) {
            if (knob.isBlank() || knob.equals(BATCH) || knob.startsWith(BATCH + "=")) {
                continue;
            }
            rest.append(rest.length() == 0 ? "" : ",").append(knob);
        }
        return rest.length() == 0 ? name : name + ":" + rest;
    }
}
