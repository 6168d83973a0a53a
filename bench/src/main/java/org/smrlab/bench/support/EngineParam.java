package org.smrlab.bench.support;

import org.smrlab.run.TrialRecord;
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
    /** The parameter that names the engine. */
    public static final String ENGINE = TrialRecord.ENGINE_PARAM;
    /** The parameter that sets the batch size. */
    public static final String BATCH = TrialRecord.BATCH_PARAM;
    /** The value of a {@code batch} parameter that leaves the engine's default alone. */
    public static final String DEFAULT_BATCH = TrialRecord.DEFAULT_BATCH;

    private EngineParam() {
    }

    /** The spec to build; throws {@link IllegalArgumentException} (listing what is valid) on a bad value. */
    public static String spec(String engine, String batch) {
        String spec = asSpec(engine);
        if (batch != null && !batch.isBlank() && !DEFAULT_BATCH.equals(batch)) {
            Spec parsed = Spec.parse(spec);
            if (parsed.knobs().containsKey(BATCH)) {
                throw new IllegalArgumentException("engine '" + engine + "' sets batch and the batch parameter is "
                        + batch + "; set it one way only (batch=" + DEFAULT_BATCH + " keeps the spec's)");
            }
            spec = spec + (parsed.knobs().isEmpty() ? ":" : ",") + "batch=" + batch;
        }
        Engines.canonical(spec); // validates name, knobs and values, listing the valid ones
        return spec;
    }

    /** The engine name of an {@code engine} parameter ({@code gus} for {@code gus:batch=8}), read by smr-impls' spec parser. */
    public static String name(String engine) {
        return Spec.parse(asSpec(engine)).engine();
    }

    /** The {@code engine} parameter as a spec: knobs may be separated by ';' there (JMH splits -p values at commas). */
    public static String asSpec(String engine) {
        return engine.strip().replace(';', ',');
    }
}
