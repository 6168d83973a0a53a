package org.smrlab.smr.engine;

/**
 * A sealed group of retired nodes and the goal that proves them safe (a gus sequence, an ebr
 * epoch, a qsbr counter, a pserialize generation). Batches form intrusive FIFO lists, so sealing
 * allocates nothing once a session has spares.
 */
final class Batch {
    final Object[] nodes;
    int size;
    long goal;
    /**
     * A second goal, for engines that need two grace periods per batch (localcount: the pserialize
     * grace period that ends the acquires, then the drain's own that ends the fast releases); 0 until
     * the engine takes it, reset to 0 by every seal.
     */
    long drainGoal;
    Batch next;

    Batch(int capacity) {
        nodes = new Object[capacity];
    }

    boolean full() {
        return size == nodes.length;
    }
}
