package org.smrlab.smr;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.smrlab.smr.checked.CheckedReclaimer;
import org.smrlab.smr.engine.BrokenReclaimer;
import org.smrlab.smr.engine.Config;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.EpochReclaimer;
import org.smrlab.smr.engine.GusReclaimer;
import org.smrlab.smr.engine.HazardEras;
import org.smrlab.smr.engine.HazardPointers;
import org.smrlab.smr.engine.IntervalReclaimer;
import org.smrlab.smr.engine.Knob;
import org.smrlab.smr.engine.LocalCountReclaimer;
import org.smrlab.smr.engine.NoneReclaimer;
import org.smrlab.smr.engine.PserializeReclaimer;
import org.smrlab.smr.engine.PsrefReclaimer;
import org.smrlab.smr.engine.QsbrReclaimer;
import org.smrlab.smr.engine.RwLockReclaimer;

/**
 * The engine catalogue: every engine's name, summary and knobs, and the one way to build them.
 *
 * <p>A spec is {@code name} or {@code name:key=value,...}. Every engine accepts {@code batch} and
 * {@code checked}; the rest are its own. Unknown names, unknown knobs and bad values are rejected
 * with an {@link IllegalArgumentException} that lists what is valid.
 */
public final class Engines {
    private static final long MAX_BATCH = 1 << 20;
    private static final Map<String, EngineType> CATALOGUE = new LinkedHashMap<>();

    static {
        Knob start = Knob.sequence("start", "1",
                "first value of the write clock (odd); 'wrap' starts 1000 increments before the 64-bit wrap");
        Knob tick = Knob.duration("tick", "1ms", 10_000, 1_000_000_000,
                "lazy clock period (FreeBSD's hardclock tick); goals lie 2 ticks ahead");
        Knob invariants = Knob.bool("invariants", false,
                "FreeBSD's INVARIANTS constants: a huge increment (the clock wraps every 10000) and a 32-increment maximum delta, "
                        + "so the forced wait in advance and the wrap answer in poll run");
        Knob barrier = Knob.choice("barrier", "auto", List.of("auto", "membarrier", "fence"),
                "process-wide barrier that lets the read side skip its fence; auto = membarrier where available");

        add(new EngineType("gus", "FreeBSD smr(9) default: one fetch-add per batch, fenced enter, polls scan all records",
                List.of(batch(64), start, invariants), GusReclaimer.factory(GusReclaimer.Mode.DEFAULT)));
        add(new EngineType("gus-deferred", "smr(9) SMR_DEFERRED: only every limit-th advance writes the shared clock",
                List.of(batch(64), start, Knob.integer("limit", 16, 1, MAX_BATCH,
                        "advances per write of the shared clock (smr_create's limit)"), invariants),
                GusReclaimer.factory(GusReclaimer.Mode.DEFERRED)));
        add(new EngineType("gus-lazy", "smr(9) SMR_LAZY: the clock moves with ticks, goals 2 ticks ahead, unfenced enter with membarrier",
                List.of(batch(64), start, tick, barrier, invariants), GusReclaimer.factory(GusReclaimer.Mode.LAZY)));
        add(new EngineType("qsbr", "liburcu urcu-qsbr: readers do nothing, threads announce quiescent states",
                List.of(batch(64)), QsbrReclaimer::new));
        add(new EngineType("ebr", "Fraser's epoch-based reclamation: global epoch, three limbo generations",
                List.of(batch(64)), EpochReclaimer::new));
        Knob slots = Knob.integer("slots", 2, 1, 64, "hazard slots per thread");
        add(new EngineType("hp", "Michael's hazard pointers: publish, fence, re-validate; scan every batch retires",
                List.of(batch(64), slots, Knob.choice("barrier", "fence", List.of("auto", "membarrier", "fence"),
                        "fence: Michael's fenced protect; membarrier: no fence in protect, membarrier in the scan (hp-asym)")),
                HazardPointers::new));
        add(new EngineType("hp-asym", "hazard pointers with asymmetric fences (Folly hazptr): protect without a fence, membarrier per scan",
                List.of(batch(64), slots, barrier), HazardPointers::new));
        add(new EngineType("ibr", "interval-based reclamation, 2GEIBR (Wen et al. 2018): birth/retire epochs, reserved intervals",
                List.of(batch(64), Knob.integer("freq", 150, 1, MAX_BATCH,
                        "allocations of a thread, times the thread count, per epoch advance (the authors' epochFreq)")),
                IntervalReclaimer::new));
        add(new EngineType("he", "hazard eras (Ramalhete and Correia 2017): eras published per slot, fence only when the era moved",
                List.of(batch(64), Knob.integer("slots", 2, 1, 64, "era slots per thread")), HazardEras::new));
        add(new EngineType("pserialize", "NetBSD pserialize(9) + PR_PSERIALIZE pool: the retiring thread waits one grace period per batch",
                List.of(batch(64), Knob.bool("coalesce", true,
                        "concurrent callers share one grace period (NetBSD 1.17 generation counter)"), barrier),
                PserializeReclaimer::new));
        add(new EngineType("psref", "NetBSD psref(9): per-thread reference lists, held across sleep; retire waits until none names the node",
                List.of(batch(64), Knob.integer("slots", 2, 1, 64, "references a session holds at once"), barrier),
                PsrefReclaimer::new));
        add(new EngineType("localcount", "NetBSD localcount(9): per-thread counts per node, held across sleep; retire drains them",
                List.of(batch(64), Knob.integer("slots", 2, 1, 64, "references a session holds at once"), barrier),
                LocalCountReclaimer::new));
        add(new EngineType("rwlock", "reader/writer lock: readers take the read lock, retire takes the write lock and frees at once",
                List.of(batch(1)), RwLockReclaimer::new));
        add(new EngineType("none", "baseline: never frees, leaves nodes to the garbage collector",
                List.of(batch(64)), NoneReclaimer::new));
        add(new EngineType("broken", "frees at once on retire: unsafe by design, to show the detectors fire",
                List.of(batch(1)), BrokenReclaimer::new));
    }

    private Engines() {
    }

    private static Knob batch(long def) {
        return Knob.integer("batch", def, 1, MAX_BATCH, "nodes retired per batch (one advance, scan or grace period each)");
    }

    private static void add(EngineType t) {
        CATALOGUE.put(t.name(), t);
    }

    /** Every engine name, in catalogue order. */
    public static List<String> names() {
        return List.copyOf(CATALOGUE.keySet());
    }

    /** The engines a default sweep runs: every one but {@code broken}. */
    public static List<String> safeNames() {
        List<String> l = new ArrayList<>(CATALOGUE.keySet());
        l.remove("broken");
        return Collections.unmodifiableList(l);
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
        Config config = type.configure(parsed);
        Reclaimer<T> r = type.factory().create(config, free);
        return config.bool(EngineType.CHECKED) ? CheckedReclaimer.wrap(r, config) : r;
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
