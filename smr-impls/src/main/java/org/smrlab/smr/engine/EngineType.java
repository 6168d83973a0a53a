package org.smrlab.smr.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Spec;

/**
 * One entry of the engine catalogue: a name, a one-line summary, the knobs it accepts and how to
 * build it. {@link org.smrlab.smr.Engines} holds the catalogue.
 */
public final class EngineType {
    /** The knob every engine accepts: run the engine under the checked-mode wrapper. */
    public static final String CHECKED = "checked";

    /** Builds an engine from validated knobs. */
    @FunctionalInterface
    public interface Factory {
        <T> Reclaimer<T> create(Config config, Consumer<? super T> free);
    }

    private final String name;
    private final String summary;
    private final List<Knob> knobs;
    private final Factory factory;

    public EngineType(String name, String summary, List<Knob> knobs, Factory factory) {
        this.name = name;
        this.summary = summary;
        List<Knob> all = new ArrayList<>(knobs);
        all.add(Knob.bool(CHECKED, false, "run under checked mode: misuse throws at the faulty call"));
        this.knobs = List.copyOf(all);
        this.factory = factory;
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    public List<Knob> knobs() {
        return knobs;
    }

    public Config configure(Spec spec) {
        return Config.of(this, spec);
    }

    public Factory factory() {
        return factory;
    }

    /**
     * Whether a thread may block or sleep while inside a read section, holding references: psref(9)
     * and localcount(9) exist for that. Checked mode does not count such sections as non-sleepable.
     * (Interim: issue 10 moves engine facts into the catalogue as data.)
     */
    public boolean sectionsMaySleep() {
        return name.equals("psref") || name.equals("localcount");
    }

    /**
     * Whether {@code retire} may block the caller: pserialize (a grace period per batch), rwlock (the
     * write lock), psref and localcount (the destroy waits for references). (Interim, as above.)
     */
    public boolean retireBlocks() {
        return name.equals("pserialize") || name.equals("rwlock") || name.equals("psref") || name.equals("localcount");
    }
}
