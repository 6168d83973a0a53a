package org.smrlab.smr.engine;

import java.util.List;

/**
 * The {@code barrier} knob of the engines whose read side can go without a fence (gus-lazy,
 * pserialize): {@code auto} uses membarrier where {@link Membarrier#available()}, else the fenced
 * read side; {@code membarrier} insists (and fails with the reason where it cannot); {@code fence}
 * forces the fenced read side, so both paths can be measured and tested on one JVM.
 */
final class AsymmetricBarrier {
    static final String KNOB = "barrier";
    static final List<String> CHOICES = List.of("auto", "membarrier", "fence");

    private AsymmetricBarrier() {
    }

    static Knob knob() {
        return Knob.choice(KNOB, "auto", CHOICES,
                "process-wide barrier that lets the read side skip its fence; auto = membarrier where available");
    }

    /** The knob with another default: hp keeps Michael's fenced protect unless asked ({@code fence}). */
    static Knob knob(String def, String doc) {
        return Knob.choice(KNOB, def, CHOICES, doc);
    }

    /** True to use membarrier, false for the fenced read side. */
    static boolean resolve(KnobValues config) {
        String want = config.choice(KNOB);
        switch (want) {
            case "fence":
                return false;
            case "membarrier":
                if (!Membarrier.available()) {
                    throw new IllegalArgumentException("engine " + config.engine() + ": barrier=membarrier requested but "
                            + Membarrier.status() + "; valid here: barrier=auto or barrier=fence (membarrier needs Linux and JDK 22+)");
                }
                return true;
            default:
                return Membarrier.available();
        }
    }

    static String render(boolean membarrier) {
        return membarrier ? "membarrier" : "fence";
    }
}
