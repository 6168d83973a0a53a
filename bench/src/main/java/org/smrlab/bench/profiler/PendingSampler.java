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
 *
 * <p><b>Growth.</b> Besides the peak and the mean, the sampler keeps the sums of a least-squares fit
 * of pending (and footprint) against time within its iteration: {@link #pendingSxy()} and
 * {@link #sxx()}, whose ratio is the slope in nodes per second. The profiler hands JMH the two sums,
 * not the ratio, so that pooling over iterations (Σ Sxy ÷ Σ Sxx) weighs each iteration's fit by its
 * spread in time. Time is counted in seconds from the sampler's start, which keeps the sums small
 * enough that the centring subtraction loses nothing that matters (60 s of 1-ms samples of millions
 * of nodes stay below 2^53).
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
    // least-squares sums over (t seconds since start, value)
    private long startNanos;
    private double sumT, sumTT, sumTP, sumTF, sumF;
    private long footprintSamples;
    private double[] seriesT = new double[1024];
    private long[] seriesV = new long[1024];
    private long[] seriesF = new long[1024];
    private boolean seriesHasFootprint;
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
        startNanos = System.nanoTime();
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
        long now = System.nanoTime();
        double t = (now - startNanos) / 1e9;
        samples++;
        pendingSum += pending;
        pendingPeak = Math.max(pendingPeak, pending);
        sumT += t;
        sumTT += t * t;
        sumTP += t * pending;
        long footprint = -1;
        if (target.pool() != null) {
            PoolStats p = target.pool().get();
            footprint = p.footprint();
            footprintPeak = Math.max(footprintPeak, Math.max(footprint, p.peakFootprint()));
            footprintSamples++;
            sumF += footprint;
            sumTF += t * footprint;
        }
        if (keepSeries) {
            if (seriesN == seriesT.length) {
                seriesT = Arrays.copyOf(seriesT, seriesN * 2);
                seriesV = Arrays.copyOf(seriesV, seriesN * 2);
                seriesF = Arrays.copyOf(seriesF, seriesN * 2);
            }
            seriesT[seriesN] = (now - originNanos) / 1e6;
            seriesV[seriesN] = pending;
            seriesF[seriesN] = footprint;
            seriesHasFootprint |= footprint >= 0;
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

    /** Σ (t - mean t)²: the denominator of the fitted slopes, in s²; 0 with fewer than two samples. */
    public double sxx() {
        return samples < 2 ? 0 : Math.max(0, sumTT - sumT * sumT / samples);
    }

    /** Σ (t - mean t)(pending - mean pending), in node-seconds; the pending slope is this ÷ {@link #sxx()}. */
    public double pendingSxy() {
        return samples < 2 ? 0 : sumTP - sumT * pendingSum / samples;
    }

    /** As {@link #pendingSxy()} for the footprint; 0 when the target has no pool. */
    public double footprintSxy() {
        return footprintSamples < 2 || footprintSamples != samples ? 0 : sumTF - sumT * sumF / samples;
    }

    /** Whether the series holds footprints (the target has a pool). */
    public boolean seriesHasFootprint() {
        return seriesHasFootprint;
    }

    /** The footprint of each series point; meaningful only when {@link #seriesHasFootprint()}. */
    public long[] seriesFootprints() {
        return Arrays.copyOf(seriesF, seriesN);
    }

    public double[] seriesTimes() {
        return Arrays.copyOf(seriesT, seriesN);
    }

    public long[] seriesValues() {
        return Arrays.copyOf(seriesV, seriesN);
    }
}
