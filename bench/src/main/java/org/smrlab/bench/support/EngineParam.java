package org.smrlab.bench.support;

import org.smrlab.smr.Engines;
import org.smrlab.smr.Spec;

/**
 * Turns the suites' JMH parameters {@code engine} and {@code batch} into one engine spec.
 *
 * <p>{@code engine} is an engine name or a spec with knobs ({@code gus-deferred:limit=4}). JMH's
 * command line splits {@code -p} values at commas, so a spec with several knobs may separate them
 * with {@code ;} instead ({@code -p 'engine=gus-deferred:limit=4;start=wrap'}). {@code batch} is
 * {@code default} (the engine's own default) or a number; setting it both ways is an error.
 */
public final class EngineParam {
    /** The value of a {@code batch} parameter that leaves the engine's default alone. */
    public static final String DEFAULT_BATCH = "default";

    private EngineParam() {
    }

    /** The spec to build; throws {@link IllegalArgumentException} (listing what is valid) on a bad value. */
    public static String spec(String engine, String batch) {
        String spec = engine.strip().replace(';', ',');
        if (batch != null && !batch.isBlank() && !DEFAULT_BATCH.equals(batch)) {
            Spec parsed = Spec.parse(spec);
            if (parsed.knobs().containsKey("batch")) {
                throw new IllegalArgumentException("engine '" + engine + "' sets batch and the batch parameter is "
                        + batch + "; set it one way only (batch=" + DEFAULT_BATCH + " keeps the spec's)");
            }
            spec = spec + (parsed.knobs().isEmpty() ? ":" : ",") + "batch=" + batch;
        }
        Engines.canonical(spec); // validates name, knobs and values, listing the valid ones
        return spec;
    }

    /** The engine name of a spec ({@code gus} for {@code gus:batch=8}). */
    public static String name(String spec) {
        int colon = spec.indexOf(':');
        return (colon < 0 ? spec : spec.substring(0, colon)).strip();
    }
}
