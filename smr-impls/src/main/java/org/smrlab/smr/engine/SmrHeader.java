package org.smrlab.smr.engine;

/**
 * One word of engine data kept inside a node: the header a kernel allocator keeps with each item.
 * Engines that need per-node state use it: interval-based reclamation and hazard eras store the
 * node's birth era (see {@link Births}), localcount(9) the number of the node's column in the
 * per-thread count arrays and its draining mark. Every {@code PooledNode} carries one, so every
 * node of an {@code SmrPool} has it; an engine meeting a node without one falls back to a safe
 * default (described in its header).
 *
 * <p>Only the engine of the domain that handles the node writes the word; a node belongs to one
 * domain at a time. Initially 0.
 */
public interface SmrHeader {

    /** The word, read with acquire. */
    long smrHeader();

    /** Stores the word with release: the node's publication (or a later acquire of the word) makes it visible. */
    void smrHeader(long word);

    /** Sets the word to {@code update} if it is {@code expect} (volatile compare-and-set). */
    boolean casSmrHeader(long expect, long update);
}
