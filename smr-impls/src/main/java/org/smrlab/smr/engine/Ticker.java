package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The lazy domain's clock: FreeBSD's {@code ticks}, counted by hardclock, together with the clock
 * interrupt every CPU takes. Each tick it issues the asymmetric barrier (when the domain uses one)
 * and then publishes the new tick count with a release store. Pollers move the lazy clock only on
 * counted ticks, so every counted tick stands for one completed barrier.
 *
 * <h2>Implementation notes: ticking on demand</h2>
 * A membarrier interrupts every running thread of the process, so ticking when no goal waits for a
 * tick costs every bystander thread something and buys nothing. The ticker therefore ticks only
 * while a demand is unmet: whoever names a lazy goal calls {@link #demand}{@code (t)} with the tick
 * count the goal needs, which raises {@code wanted} to at least {@code t}; the ticker ticks every
 * period while {@code ticks < wanted}, and parks once it has caught up. Ticks stay at least a
 * period apart; after an idle period the first one is issued as soon as the ticker wakes.
 * <p>Waking is the usual Dekker handshake on two volatile variables: the ticker sets
 * {@code sleeping}, then re-reads {@code wanted} before it parks; a demander raises {@code wanted}
 * (a volatile CAS), then reads {@code sleeping} and unparks if it is set. Volatile accesses are
 * totally ordered, so at least one side sees the other's write: the ticker does not sleep through
 * a demand. A demand that is already met costs one opaque load.
 * <p>One daemon thread per lazy domain, stopped by the domain's close(). Its barriers are counted
 * in the domain's {@code membarriers} statistic.
 */
final class Ticker implements Runnable {
    private static final VarHandle TICKS, WANTED, SLEEPING, FAILED;
    private static final AtomicInteger IDS = new AtomicInteger();

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TICKS = l.findVarHandle(Ticker.class, "ticks", long.class);
            WANTED = l.findVarHandle(Ticker.class, "wanted", long.class);
            SLEEPING = l.findVarHandle(Ticker.class, "sleeping", boolean.class);
            FAILED = l.findVarHandle(Ticker.class, "failedBarriers", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long tickNanos;
    private final boolean membarrier;
    private final AbstractReclaimer<?> domain;
    private final Thread thread;
    private long ticks;        // written by the ticker (release), read by pollers (acquire)
    private long wanted;       // the highest tick count any named goal needs; raised by CAS
    private boolean sleeping;  // the ticker is parked, or about to park (volatile accesses only)
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

    /** Asks for the tick count to reach {@code tick}; wakes the ticker if it sleeps. Never waits. */
    void demand(long tick) {
        long w = (long) WANTED.getOpaque(this);
        if (tick - w <= 0) {
            return; // someone already asked for as much, and woke the ticker if it had to
        }
        do {
            if (WANTED.compareAndSet(this, w, tick)) {
                if ((boolean) SLEEPING.getVolatile(this)) {
                    LockSupport.unpark(thread);
                }
                return;
            }
            w = (long) WANTED.getVolatile(this);
        } while (tick - w > 0);
    }

    /** Whether the ticker is parked with nothing to do (tests). */
    boolean idle() {
        return (boolean) SLEEPING.getVolatile(this) && ticks - (long) WANTED.getVolatile(this) >= 0;
    }

    @Override
    public void run() {
        long last = System.nanoTime() - tickNanos; // the time of the previous tick
        while (!stop) {
            if (ticks - (long) WANTED.getVolatile(this) >= 0) {
                SLEEPING.setVolatile(this, true);
                if (ticks - (long) WANTED.getVolatile(this) >= 0 && !stop) {
                    LockSupport.park(this); // until a demand (or stop) unparks us; spurious wake-ups loop
                }
                SLEEPING.setVolatile(this, false);
                continue;
            }
            long now = System.nanoTime();
            long due = last + tickNanos; // ticks stay a period apart; after an idle period, due is past
            if (now - due < 0) {
                LockSupport.parkNanos(due - now);
                continue;
            }
            last = now - due > tickNanos ? now : due; // fell behind (idle, or a long pause): no burst of catch-up ticks
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
