package org.smrlab.smr.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * How every blocking wait of the lab waits: spin briefly, then yield, then park in 50 us naps.
 *
 * <p>Kernels spin in these waits because the reader they wait for holds its CPU (preemption is off
 * inside a section). A JVM thread inside a section can be descheduled, and a benchmark may run more
 * threads than cores; a waiter that only spins could starve the very reader it waits for.
 */
final class Backoff {
    private int spins;

    void pause() {
        if (spins < 64) {
            Thread.onSpinWait();
        } else if (spins < 128) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(50_000);
        }
        spins++;
    }
}
