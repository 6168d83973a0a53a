package org.smrlab.bench.lab;

/** Which engines a profile entry runs, before {@code --engines} narrows it. */
public enum EngineSet {
    /** Every engine not unsafe by design ({@code Engines.safeNames()}), or the engines {@code --engines} names. */
    SAFE,
    /** The engines above whose sessions are {@code GracePeriods} (advance, synchronize): the catalogue's write-side fact. */
    WRITE_SIDE,
    /** The entry's own specs (knob variants); {@code --engines} keeps those of the named engines. */
    EXPLICIT,
    /** No engine parameter: the floors. Kept whatever {@code --engines} says. */
    NONE
}
