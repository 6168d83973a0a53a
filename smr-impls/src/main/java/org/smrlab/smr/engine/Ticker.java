package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The lazy domain's clock: FreeBSD's {@code ticks}, counted by hardclock, together with the clock
 * interrupt every CPU takes. Every {@code tick} it issues the asymmetric barrier (when the domain
 * uses one) and then publishes the new tick count with a release store. Pollers move the lazy
 * clock only on counted ticks, so every counted tick stands for one completed barrier.
 *
 * <p>One daemon thread per lazy domain, stopped by the domain's close(). Its barriers are counted
 * in the domain's {@code membarriers} statistic.
 */
final class Ticker implements Runnable {
    private static final VarHandle TICKS;
    private static final AtomicInteger IDS = new AtomicInteger();

    static {
        try {
            TICKS = MethodHandles.lookup().findVarHandle(Ticker.class, "ticks", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long tickNanos;
    private final boolean membarrier;
    private final AbstractReclaimer<?> domain;
    private final Thread thread;
    private long ticks;
    private volatile boolean stop;

    Ticker(long tickNanos, boolean membarrier, AbstractReclaimer<?> domain) {
        this.tickNanos = tickNanos;
        this.membarrier = membarrier;
        this.domain = domain;
        this.thread = new Thread(this, "smr-lazy-ticker-" + IDS.incrementAndGet());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long ticks() {
        return (long) TICKS.getAcquire(this);
    }

    Thread thread() {
        return thread;
    }

    long tickNanos() {
        return tickNanos;
    }

    @Override
    public void run() {
        long next = System.nanoTime() + tickNanos;
        while (!stop) {
            long now = System.nanoTime();
            if (now < next) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            next += tickNanos;
            if (next < now) {
                next = now + tickNanos; // fell behind (a long pause): no burst of catch-up ticks
            }
            if (membarrier) {
                Membarrier.barrier(); // every running thread of the process executes a full barrier
                domain.countDomain(Counters::membarrier);
            }
            TICKS.setRelease(this, ticks + 1); // only after the barrier has completed
        }
    }

    void stop() {
        stop = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
