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
    Batch next;

    Batch(int capacity) {
        nodes = new Object[capacity];
    }

    boolean full() {
        return size == nodes.length;
    }
}
