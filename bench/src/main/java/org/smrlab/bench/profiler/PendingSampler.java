package org.smrlab.bench.profiler;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.smrlab.bench.SmrProbe;
import org.smrlab.smr.pool.PoolStats;

/**
 * A daemon thread that samples the target's pending nodes (and pool footprint) about every
 * period while one measurement iteration runs, off the benchmark threads' hot path.
 *
 * <h2>Implementation notes</h2>
 * One sampler per iteration: {@link #start} before it, {@link #stop} (which joins the thread)
 * after it; the figures are then read on the profiler's thread, ordered by the join. A sample is a
 * {@code stats()} snapshot: a pass over the engine's per-thread counters, so it is as racy as the
 * contract says (not one instant) but never touches a line the hot path writes more than a load
 * would. When the target says it wants no sampling (the ns-scale suites), the thread ends at
 * once; while no target is attached yet (a first measurement iteration without warmup) it waits.
 */
public final class PendingSampler {
    private final long periodNanos;
    private final boolean keepSeries;
    private final long originNanos;
    private volatile boolean running;
    private Thread thread;

    private long samples;
    private double pendingSum;
    private long pendingPeak = -1;
    private long footprintPeak = -1;
    private double[] seriesT = new double[1024];
    private long[] seriesV = new long[1024];
    private int seriesN;

    /**
     * @param periodNanos  time between samples
     * @param keepSeries   keep (t, pending) points for {@link #seriesTimes()} / {@link #seriesValues()}
     * @param originNanos  {@code System.nanoTime()} that is t = 0 of the series
     */
    public PendingSampler(long periodNanos, boolean keepSeries, long originNanos) {
        this.periodNanos = periodNanos;
        this.keepSeries = keepSeries;
        this.originNanos = originNanos;
    }

    public void start() {
        running = true;
        thread = new Thread(this::run, "smr-profiler-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and waits for it; the figures are stable afterwards. */
    public void stop() {
        running = false;
        Thread t = thread;
        if (t == null) {
            return;
        }
        LockSupport.unpark(t);
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running) {
            SmrProbe.Target target = SmrProbe.target();
            if (target != null) {
                if (!target.samplePending()) {
                    return;
                }
                sample(target);
            }
            LockSupport.parkNanos(periodNanos);
        }
    }

    private void sample(SmrProbe.Target target) {
        long pending = target.stats().get().pending();
        samples++;
        pendingSum += pending;
        pendingPeak = Math.max(pendingPeak, pending);
        if (target.pool() != null) {
            PoolStats p = target.pool().get();
            footprintPeak = Math.max(footprintPeak, Math.max(p.footprint(), p.peakFootprint()));
        }
        if (keepSeries) {
            if (seriesN == seriesT.length) {
                seriesT = Arrays.copyOf(seriesT, seriesN * 2);
                seriesV = Arrays.copyOf(seriesV, seriesN * 2);
            }
            seriesT[seriesN] = (System.nanoTime() - originNanos) / 1e6;
            seriesV[seriesN] = pending;
            seriesN++;
        }
    }

    public long samples() {
        return samples;
    }

    public double pendingSum() {
        return pendingSum;
    }

    /** The highest pending count sampled, or -1 when nothing was sampled. */
    public long pendingPeak() {
        return pendingPeak;
    }

    /** The highest footprint sampled, or -1 when nothing was sampled. */
    public long footprintPeak() {
        return footprintPeak;
    }

    public double[] seriesTimes() {
        return Arrays.copyOf(seriesT, seriesN);
    }

    public long[] seriesValues() {
        return Arrays.copyOf(seriesV, seriesN);
    }
}
