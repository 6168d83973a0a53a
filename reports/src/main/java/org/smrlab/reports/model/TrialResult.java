package org.smrlab.reports.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.TrialRecord;

/**
 * One JMH trial as read from a result file: the primary score and the secondary results
 * (JMH's {@code Benchmark:label} rows, such as {@code smr.r2f.p99}), with what the run's run.json
 * says of it where there is one.
 *
 * @param origin where the trial was read ({@code file:line}), for error messages about it
 * @param engine the trial's engine; null when the benchmark has no {@code engine} parameter (a floor)
 * @param record run.json's entry for the trial; null for a bare file, a schema-1 run, or a trial run.json lacks
 */
public record TrialResult(TrialKey key, Measurement primary, Map<String, Measurement> secondary, String origin,
                          EngineRef engine, TrialRecord record) {

    public TrialResult {
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }

    /** A trial as a result file gives it: its engine known by the parameter's text only. */
    public TrialResult(TrialKey key, Measurement primary, Map<String, Measurement> secondary, String origin) {
        this(key, primary, secondary, origin, key.params().containsKey(TrialRecord.ENGINE_PARAM)
                ? EngineRef.unknown(key.params().get(TrialRecord.ENGINE_PARAM)) : null, null);
    }

    /** The same trial with run.json's entry, and its engine as that entry and the catalogue's facts name it. */
    public TrialResult withRecord(TrialRecord r, EngineFacts facts) {
        EngineRef e = engine == null || r.engine() == null ? engine : EngineRef.of(engine.label(), r.engine(), facts);
        return new TrialResult(key, primary, secondary, origin, e, r);
    }

    public Optional<EngineRef> engineRef() {
        return Optional.ofNullable(engine);
    }

    /** Whether the benchmark has an engine; false for a floor. */
    public boolean hasEngine() {
        return engine != null;
    }

    /**
     * The batch size as the trial names it: the {@code batch} parameter, else a {@code batch} knob the
     * engine parameter wrote; empty when neither says.
     */
    public Optional<String> batchLabel() {
        String param = key.params().get(TrialRecord.BATCH_PARAM);
        return param != null ? Optional.of(param) : engineRef().flatMap(e -> e.writtenKnob(TrialRecord.BATCH_PARAM));
    }

    /** A parameter's value as run.json's one duration grammar read it, in ns; empty when not a duration or unknown. */
    public Optional<Long> durationNanos(String param) {
        return record == null ? Optional.empty() : Optional.ofNullable(record.durations().get(param));
    }
}
