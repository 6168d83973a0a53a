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
    private static final VarHandle TICKS, FAILED;
    private static final AtomicInteger IDS = new AtomicInteger();

    static {
        try {
            TICKS = MethodHandles.lookup().findVarHandle(Ticker.class, "ticks", long.class);
            FAILED = MethodHandles.lookup().findVarHandle(Ticker.class, "failedBarriers", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long tickNanos;
    private final boolean membarrier;
    private final AbstractReclaimer<?> domain;
    private final Thread thread;
    private long ticks;
    private long failedBarriers; // written by the ticker thread only
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
            if (!barrier()) {
                continue; // a tick whose barrier failed is not counted: no goal may complete without one
            }
            TICKS.setRelease(this, ticks + 1); // only after the barrier has completed
        }
    }

    /**
     * The tick's process-wide barrier (a {@link FaultInjector.Point#BARRIER} fault point in either
     * mode); false if it failed, and the ticker lives on to try again at the next tick.
     */
    private boolean barrier() {
        try {
            domain.faultPoint(FaultInjector.Point.BARRIER);
            if (membarrier) {
                Membarrier.barrier(); // every running thread of the process executes a full barrier
                domain.countDomain(Counters::membarrier);
            }
            return true;
        } catch (RuntimeException e) {
            FAILED.setOpaque(this, failedBarriers + 1);
            return false;
        }
    }

    /** Ticks not counted because their barrier failed. */
    long failedBarriers() {
        return (long) FAILED.getOpaque(this);
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
