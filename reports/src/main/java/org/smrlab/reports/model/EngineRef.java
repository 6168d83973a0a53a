package org.smrlab.reports.model;

import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.TrialRecord;

/**
 * The engine of one trial, as far as the input knows it. A run folder's run.json (schema 2) names
 * it exactly: its name, the knobs the {@code engine} parameter wrote, every knob in effect (the
 * engine's canonical spec, as it called itself on the forks' JVM) and the catalogue's facts about
 * it. A bare JMH file, or a schema-1 run, has only the parameter's text: then the name, knobs and
 * facts are unknown, and the reports use the text as an opaque label rather than parse it.
 *
 * @param label   the {@code engine} parameter as written: what rows are called
 * @param name    the engine name; null when unknown
 * @param written the knobs the parameter itself set; null when unknown
 * @param knobs   every knob in effect; null when unknown
 * @param checked whether it ran in checked mode; null when unknown
 * @param facts   the engine catalogue's facts; null when unknown
 */
public record EngineRef(String label, String name, Map<String, String> written, Map<String, String> knobs, Boolean checked,
                        EngineFacts facts) {

    /** An engine known only by its parameter's text. */
    public static EngineRef unknown(String label) {
        return new EngineRef(label, null, null, null, null, null);
    }

    /** The engine run.json records for a trial, with the catalogue's facts (null if the catalogue lacks it). */
    public static EngineRef of(String label, TrialRecord.EngineUse use, EngineFacts facts) {
        return new EngineRef(label, use.name(), use.written(), use.canonical() == null ? null : use.knobs(), use.checked(), facts);
    }

    /** Whether run.json named this engine (name and knobs); false for a bare file or a schema-1 run. */
    public boolean known() {
        return name != null;
    }

    /** The name, or the label when the name is unknown: what baselines and groupings compare. */
    public String nameOrLabel() {
        return name != null ? name : label;
    }

    /** A knob's value in effect; empty when unknown. */
    public Optional<String> knob(String knob) {
        return knobs == null ? Optional.empty() : Optional.ofNullable(knobs.get(knob));
    }

    /** A knob the parameter wrote; empty when it wrote none or that is unknown. */
    public Optional<String> writtenKnob(String knob) {
        return written == null ? Optional.empty() : Optional.ofNullable(written.get(knob));
    }

    /** Ran in checked mode, as far as known (false when unknown). */
    public boolean isChecked() {
        return Boolean.TRUE.equals(checked);
    }

    /**
     * The label without one knob the parameter wrote: {@code gus-deferred:limit=4} for
     * {@code gus-deferred:limit=4,batch=8} without {@code batch}. The label itself when the knob was
     * not written or the knobs are unknown.
     */
    public String labelWithout(String knob) {
        if (written == null || !written.containsKey(knob)) {
            return label;
        }
        StringJoiner rest = new StringJoiner(",", name + ":", "").setEmptyValue(name);
        written.forEach((k, v) -> {
            if (!k.equals(knob)) {
                rest.add(k + "=" + v);
            }
        });
        return rest.toString();
    }
}
