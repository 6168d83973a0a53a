package org.smrlab.smr.engine;

/**
 * A domain whose goals are smr(9) sequences: what a goal that some {@code advance()} really
 * returned looks like, so checked mode can refuse one that no advance could have returned.
 *
 * <p>An instance property, not a catalogue fact: how far ahead a goal may lie depends on knobs
 * (the gus family's {@code invariants=true} changes the increment; the lazy clock word counts
 * its sequence in units of 2^32).
 */
public interface SequenceGoals {
    /** How far beyond {@code current()} a goal may lie: 0 (gus), one increment (deferred), two (lazy). */
    long goalsAhead();

    /** The bits every goal has set to exactly 1 ({@code (goal & mask) == 1}): the odd bit, or the lazy word's lower half. */
    long goalFormMask();
}
