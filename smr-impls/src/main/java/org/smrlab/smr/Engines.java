package org.smrlab.smr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.smrlab.smr.checked.CheckedReclaimer;
import org.smrlab.smr.engine.BrokenReclaimer;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.EpochReclaimer;
import org.smrlab.smr.engine.GusReclaimer;
import org.smrlab.smr.engine.HazardEras;
import org.smrlab.smr.engine.HazardPointers;
import org.smrlab.smr.engine.IntervalReclaimer;
import org.smrlab.smr.engine.Knob;
import org.smrlab.smr.engine.KnobValues;
import org.smrlab.smr.engine.LocalCountReclaimer;
import org.smrlab.smr.engine.NoneReclaimer;
import org.smrlab.smr.engine.PserializeReclaimer;
import org.smrlab.smr.engine.PsrefReclaimer;
import org.smrlab.smr.engine.QsbrReclaimer;
import org.smrlab.smr.engine.RwLockReclaimer;

/**
 * The engine catalogue: every engine's name, summary, knobs and properties, and the one way to
 * build them.
 *
 * <p>A spec is {@code name} or {@code name:key=value,...}. Every engine accepts {@code batch} and
 * {@code checked}; the rest are its own. Unknown names, unknown knobs and bad values are rejected
 * with an {@link IllegalArgumentException} that lists what is valid.
 *
 * <h2>Adding an engine</h2>
 * One file in {@code org.smrlab.smr.engine} that declares its {@link EngineType} (name, knobs,
 * properties, factory), and one line in {@link #BUILT_IN}. Checked mode, the torture harness, the
 * lab's plan, its run.json and the reports take everything else from the entry. (The JMH suites'
 * {@code @Param} lists must name it too: annotations cannot read a list; a bench test fails until
 * they do.) An engine kept outside this module joins through {@link EngineType.Provider}.
 */
public final class Engines {
    /** The built-in engines, one line each, in the order listings and reports use. */
    private static final List<EngineType> BUILT_IN = List.of(
            GusReclaimer.GUS,
            GusReclaimer.DEFERRED,
            GusReclaimer.LAZY,
            QsbrReclaimer.TYPE,
            EpochReclaimer.TYPE,
            HazardPointers.TYPE,
            HazardPointers.ASYM,
            IntervalReclaimer.TYPE,
            HazardEras.TYPE,
            PserializeReclaimer.TYPE,
            PsrefReclaimer.TYPE,
            LocalCountReclaimer.TYPE,
            RwLockReclaimer.TYPE,
            NoneReclaimer.TYPE,
            BrokenReclaimer.TYPE);

    private static final Map<String, EngineType> CATALOGUE = new LinkedHashMap<>();

    static {
        BUILT_IN.forEach(Engines::add);
        for (EngineType.Provider p : ServiceLoader.load(EngineType.Provider.class, Engines.class.getClassLoader())) {
            p.engines().forEach(Engines::add);
        }
    }

    private Engines() {
    }

    private static void add(EngineType t) {
        if (CATALOGUE.putIfAbsent(t.name(), t) != null) {
            throw new IllegalStateException("two engines are named " + t.name());
        }
    }

    /** Every engine name, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(CATALOGUE.keySet());
    }

    /** Every catalogue entry, in catalogue order. */
    public static List<EngineType> types() {
        return List.copyOf(CATALOGUE.values());
    }

    /** The engines a default sweep runs: every one but those unsafe by design. */
    public static List<String> safeNames() {
        return CATALOGUE.values().stream().filter(t -> !t.unsafeByDesign()).map(EngineType::name).toList();
    }

    /** The safe engines whose sessions implement {@link GracePeriods}: what the write-side advance and synchronize run. */
    public static List<String> writeSideNames() {
        return CATALOGUE.values().stream().filter(t -> !t.unsafeByDesign() && t.hasWriteSide()).map(EngineType::name).toList();
    }

    /** The catalogue entry for {@code name}; throws listing the valid names. */
    public static EngineType type(String name) {
        EngineType t = CATALOGUE.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown engine '" + name + "'; valid engines: " + String.join(", ", names()));
        }
        return t;
    }

    /** Builds the engine {@code spec} names; {@code free} is called exactly once per retired node. */
    public static <T> Reclaimer<T> create(String spec, Consumer<? super T> free) {
        if (free == null) {
            throw new IllegalArgumentException("free function is null");
        }
        Spec parsed = Spec.parse(spec);
        EngineType type = type(parsed.engine());
        KnobValues knobs = type.configure(parsed);
        Reclaimer<T> r = type.factory().create(knobs, free);
        return knobs.bool(EngineType.CHECKED) ? CheckedReclaimer.wrap(r, type) : r;
    }

    /** The canonical form of {@code spec} (every knob spelled out) without building the engine. */
    public static String canonical(String spec) {
        Spec parsed = Spec.parse(spec);
        return type(parsed.engine()).configure(parsed).canonical();
    }

    /** A multi-line description of every engine and its knobs, for --help texts and error messages. */
    public static String describe() {
        StringBuilder b = new StringBuilder();
        for (EngineType t : CATALOGUE.values()) {
            b.append(t.name()).append(": ").append(t.summary()).append('\n');
            for (Knob k : t.knobs()) {
                b.append("    ").append(k.describe()).append('\n');
            }
        }
        return b.toString();
    }
}
