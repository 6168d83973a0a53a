package org.smrlab.bench.support;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.smrlab.run.Metrics;

/**
 * A reader thread's sampled clock on its read sections (R15): one section in
 * {@link Metrics#SECTION_SAMPLE_PERIOD} is timed, and one longer than {@link Metrics#SECTION_LONG_NANOS}
 * (hundreds of times a section's cost) is counted as one that spanned a descheduling of the thread.
 * On a machine with as many runnable threads as cores, such sections hold every grace period back
 * while they last, which is what sets the peak of pending memory and the tail of retire-to-free
 * latency; their share is the measured evidence of what hides the batch knob.
 *
 * <p>Cost: a countdown per section, two {@code nanoTime} reads per sampled section; the counters are
 * single-writer opaque stores, summed by {@link Registry#counts()} off the hot path.
 */
public final class SectionClock {
    private static final VarHandle SAMPLED, LONG;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SAMPLED = l.findVarHandle(SectionClock.class, "sampled", long.class);
            LONG = l.findVarHandle(SectionClock.class, "longSections", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private int countdown = Metrics.SECTION_SAMPLE_PERIOD;
    private long sampled;
    private long longSections;

    /** Whether the next section is to be timed (one in {@link Metrics#SECTION_SAMPLE_PERIOD}). */
    public boolean sampleNext() {
        if (--countdown == 0) {
            countdown = Metrics.SECTION_SAMPLE_PERIOD;
            return true;
        }
        return false;
    }

    /** A timed section took {@code nanos}. */
    public void record(long nanos) {
        SAMPLED.setOpaque(this, sampled + 1);
        if (nanos > Metrics.SECTION_LONG_NANOS) {
            LONG.setOpaque(this, longSections + 1);
        }
    }

    /** Every thread's clock of one workload; the profiler reads the sums. */
    public static final class Registry {
        private final List<SectionClock> clocks = new CopyOnWriteArrayList<>();

        /** A clock for the calling thread's sections. */
        public SectionClock newClock() {
            SectionClock c = new SectionClock();
            clocks.add(c);
            return c;
        }

        /** {sampled sections, long sections}, summed over every thread. */
        public long[] counts() {
            long[] s = new long[2];
            for (SectionClock c : clocks) {
                s[0] += (long) SAMPLED.getOpaque(c);
                s[1] += (long) LONG.getOpaque(c);
            }
            return s;
        }
    }
}
