package org.smrlab.smr.usage;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The node of the usage examples: a routing entry (destination, hop count) that may link to a next
 * entry. {@link #free} poisons it, so an example that used a freed route would see {@code -1}.
 */
final class Route {
    static final int POISON = -1;

    long destination;
    int hops;
    final AtomicReference<Route> next = new AtomicReference<>();
    volatile boolean freed;

    Route(long destination, int hops) {
        this.destination = destination;
        this.hops = hops;
    }

    /** The free function the examples give their engines. */
    static void free(Route r) {
        r.destination = POISON;
        r.hops = POISON;
        r.freed = true;
    }
}
