package org.smrlab.bench.profiler;

import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One latency metric recorded from many threads: a {@link SingleWriterRecorder} per recording
 * thread, found through a {@link ThreadLocal}, and swapped and summed off the hot path.
 *
 * <h2>Implementation notes</h2>
 * A single shared {@code Recorder} would put one contended counter (its phaser) on every free of
 * every thread: the profiler would then measure its own cache-line ping-pong. Per-thread recorders
 * cost a thread-local lookup and an uncontended atomic per value. {@link #swap} takes every
 * recorder's interval histogram (the recorder's phaser makes that safe against a concurrent
 * record) and adds them up; the caller stamps the interval's start and end times itself, so the
 * recorders' own timestamps (from whenever they were created) never reach a log.
 *
 * <p>Values are nanoseconds at 3 significant digits, clamped to [1 ns, 1 hour]. The histograms
 * resize themselves to the values seen, so an interval of microsecond latencies is small to copy,
 * encode and send.
 */
public final class LatencyRecorders {
    static final long HIGHEST = 3_600_000_000_000L;
    static final int DIGITS = 3;

    private final CopyOnWriteArrayList<SingleWriterRecorder> all = new CopyOnWriteArrayList<>();
    private final ThreadLocal<SingleWriterRecorder> mine = ThreadLocal.withInitial(this::newRecorder);

    private SingleWriterRecorder newRecorder() {
        SingleWriterRecorder r = new SingleWriterRecorder(DIGITS); // auto-resizing: as large as the values seen
        all.add(r);
        return r;
    }

    /** Records one value from the calling thread. */
    public void record(long nanos) {
        mine.get().recordValue(Math.max(1, Math.min(nanos, HIGHEST)));
    }

    /** Everything recorded since the last swap, summed over threads; the recorders start afresh. */
    public Histogram swap() {
        Histogram sum = newHistogram();
        for (SingleWriterRecorder r : all) {
            sum.add(r.getIntervalHistogram());
        }
        return sum;
    }

    /** An empty auto-resizing histogram at the recorders' precision. */
    public static Histogram newHistogram() {
        return new Histogram(DIGITS);
    }
}
