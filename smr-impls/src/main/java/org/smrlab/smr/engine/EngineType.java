package org.smrlab.smr.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Spec;

/**
 * One entry of the engine catalogue: a name, a one-line summary, the knobs it accepts, how to
 * build it, and the engine's properties as data. {@link org.smrlab.smr.Engines} holds the
 * catalogue; each engine file declares its own entry ({@code GusReclaimer.GUS},
 * {@code QsbrReclaimer.TYPE}, ...) with {@link #named}.
 *
 * <h2>Why the properties are data</h2>
 * Checked mode (may sections nest? may retire block?), the torture harness (does the engine ever
 * free?), the lab's plan (which engines have a write side to advance?), the smoke check and the
 * report's alerts (is a use-after-free expected?) all need facts about an engine. Each reads them
 * here, never by comparing names, so a new engine states its facts once, in its own file, and every
 * tool treats it correctly. The lab copies them into every run's run.json for the reports tool,
 * which cannot depend on this module. A unit test builds each engine and checks the facts that
 * can be observed ({@link #hasWriteSide()} against its sessions, {@link #neverFrees()} against its
 * statistics).
 */
public final class EngineType {
    /** The knob every engine accepts: run the engine under the checked-mode wrapper. */
    public static final String CHECKED = "checked";
    /** The knob of the engines whose read side can skip its fence where a process-wide barrier (membarrier) exists. */
    public static final String BARRIER = AsymmetricBarrier.KNOB;

    /**
     * Families of engines that share their mechanism; the reports colour a family in related hues.
     * {@link #words()} is how the catalogue and the reports name it.
     */
    public enum Family {
        /** FreeBSD smr(9) and its flavours: a global write clock, per-thread observed sequences. */
        GUS("gus family"),
        /** Grace periods announced by the threads themselves: quiescent states, epochs. */
        EPOCH("epoch family"),
        /** Protection per pointer (hazard pointers): bounded memory, a fence per protect. */
        POINTER("pointer-based"),
        /**
         * Eras reserved by readers against the birth and retire eras stamped on nodes (interval-based
         * reclamation, hazard eras): bounded memory, with a fence only when the era moved.
         */
        ERA("era-based"),
        /** The writer waits for readers (a grace period per batch, a lock, or the references to what it destroys). */
        BLOCKING("blocking"),
        /** Not a reclamation scheme: a point of comparison. */
        BASELINE("baseline");

        private final String words;

        Family(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Builds an engine from validated knobs. */
    @FunctionalInterface
    public interface Factory {
        <T> Reclaimer<T> create(KnobValues knobs, Consumer<? super T> free);
    }

    /**
     * Engines kept outside this module (a test's toy engine, an experiment in a jar of its own)
     * join the catalogue through {@link java.util.ServiceLoader}: a class implementing this, named
     * in {@code META-INF/services/org.smrlab.smr.engine.EngineType$Provider}. Built-in engines are
     * listed in {@link org.smrlab.smr.Engines} instead.
     */
    public interface Provider {
        List<EngineType> engines();
    }

    private final String name;
    private final String summary;
    private final String models;
    private final Family family;
    private final List<Knob> knobs;
    private final Factory factory;
    private final boolean writeSide;
    private final boolean sectionsNest;
    private final boolean retireBlocks;
    private final boolean enterBlocks;
    private final boolean neverFrees;
    private final boolean unsafeByDesign;
    private final boolean lazyClock;
    private final boolean sectionsMaySleep;
    private final boolean protectionPerLoad;

    private EngineType(Builder b) {
        this.name = b.name;
        this.summary = require(b.summary, "summary");
        this.models = require(b.models, "models");
        this.family = require(b.family, "family");
        this.factory = require(b.factory, "factory");
        List<Knob> all = new ArrayList<>(b.knobs);
        all.add(Knob.bool(CHECKED, false, "run under checked mode: misuse throws at the faulty call"));
        this.knobs = List.copyOf(all);
        this.writeSide = b.writeSide;
        this.sectionsNest = b.sectionsNest;
        this.retireBlocks = b.retireBlocks;
        this.enterBlocks = b.enterBlocks;
        this.neverFrees = b.neverFrees;
        this.unsafeByDesign = b.unsafeByDesign;
        this.lazyClock = b.lazyClock;
        this.sectionsMaySleep = b.sectionsMaySleep;
        this.protectionPerLoad = b.protectionPerLoad;
    }

    private <V> V require(V value, String what) {
        if (value == null) {
            throw new IllegalStateException("engine " + name + ": the catalogue entry has no " + what);
        }
        return value;
    }

    /** Starts the catalogue entry of engine {@code name}. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public String summary() {
        return summary;
    }

    /** What the engine is faithful to, e.g. {@code FreeBSD sys/kern/subr_smr.c}. */
    public String models() {
        return models;
    }

    public Family family() {
        return family;
    }

    /** Every knob, {@code checked} last. */
    public List<Knob> knobs() {
        return knobs;
    }

    /** Whether the engine accepts knob {@code name}. */
    public boolean hasKnob(String name) {
        return knobs.stream().anyMatch(k -> k.name().equals(name));
    }

    /** Every knob's default, in declaration order, as a spec would spell it ({@code batch=64, start=1, ...}). */
    public Map<String, String> defaultKnobs() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Knob k : knobs) {
            m.put(k.name(), k.defaultText());
        }
        return Collections.unmodifiableMap(m);
    }

    public KnobValues configure(Spec spec) {
        return KnobValues.of(this, spec);
    }

    public Factory factory() {
        return factory;
    }

    /** Sessions implement {@link org.smrlab.smr.GracePeriods}: advance, poll, await, synchronize (smr(9)'s write side). */
    public boolean hasWriteSide() {
        return writeSide;
    }

    /** A read section may be entered inside another of the same session. */
    public boolean sectionsNest() {
        return sectionsNest;
    }

    /** {@code retire} may wait for readers (a full batch waits for a grace period, or the write lock). */
    public boolean retireBlocks() {
        return retireBlocks;
    }

    /** The outermost {@code enter} may wait (a read lock behind a writer). */
    public boolean enterBlocks() {
        return enterBlocks;
    }

    /** Never frees a retired node (the garbage collector does): "lost" nodes are its design, not a bug. */
    public boolean neverFrees() {
        return neverFrees;
    }

    /** Frees too early on purpose, so the detectors can be shown to fire; never in default sweeps. */
    public boolean unsafeByDesign() {
        return unsafeByDesign;
    }

    /** The write clock moves with ticks rather than with advances (SMR_LAZY). */
    public boolean lazyClock() {
        return lazyClock;
    }

    /**
     * A thread may block or sleep inside a read section: its section is the span over which it keeps
     * references that may be held across sleeps (psref(9), localcount(9)). Checked mode does not
     * count such sections as non-sleepable.
     */
    public boolean sectionsMaySleep() {
        return sectionsMaySleep;
    }

    /**
     * A reader holds back only what it loaded with {@code protect} (a hazard, an era, a reference):
     * a section that loaded nothing holds nothing back, and memory stays bounded under a stalled
     * reader. Otherwise a section holds back everything retired after it began (a grace period).
     */
    public boolean protectionPerLoad() {
        return protectionPerLoad;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Declares an engine: every property says what the engine does; unset ones are false. */
    public static final class Builder {
        private final String name;
        private String summary;
        private String models;
        private Family family;
        private final List<Knob> knobs = new ArrayList<>();
        private Factory factory;
        private boolean writeSide;
        private boolean sectionsNest = true;
        private boolean retireBlocks;
        private boolean enterBlocks;
        private boolean neverFrees;
        private boolean unsafeByDesign;
        private boolean lazyClock;
        private boolean sectionsMaySleep;
        private boolean protectionPerLoad;

        private Builder(String name) {
            this.name = name;
        }

        /** One line for listings and error messages. */
        public Builder summary(String s) {
            summary = s;
            return this;
        }

        /** What the engine is faithful to: a source file, a man page, a paper. */
        public Builder models(String source) {
            models = source;
            return this;
        }

        public Builder family(Family f) {
            family = f;
            return this;
        }

        public Builder knobs(Knob... k) {
            knobs.addAll(List.of(k));
            return this;
        }

        /** Its sessions implement GracePeriods. */
        public Builder writeSide() {
            writeSide = true;
            return this;
        }

        /** Its read sections do not nest (one observed sequence per record, as smr(9)). */
        public Builder sectionsDoNotNest() {
            sectionsNest = false;
            return this;
        }

        public Builder retireBlocks() {
            retireBlocks = true;
            return this;
        }

        public Builder enterBlocks() {
            enterBlocks = true;
            return this;
        }

        public Builder neverFrees() {
            neverFrees = true;
            return this;
        }

        public Builder unsafeByDesign() {
            unsafeByDesign = true;
            return this;
        }

        public Builder lazyClock() {
            lazyClock = true;
            return this;
        }

        /** Its sections hold references that may be kept across sleeps (see {@link EngineType#sectionsMaySleep()}). */
        public Builder sectionsMaySleep() {
            sectionsMaySleep = true;
            return this;
        }

        /** A reader holds back only what it loaded (see {@link EngineType#protectionPerLoad()}). */
        public Builder protectionPerLoad() {
            protectionPerLoad = true;
            return this;
        }

        public EngineType factory(Factory f) {
            factory = f;
            return new EngineType(this);
        }
    }
}
