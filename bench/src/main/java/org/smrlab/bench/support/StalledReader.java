package org.smrlab.bench.support;

import org.smrlab.smr.set.SmrHashSet;

/**
 * The stall suite's reader: a thread of its own (not a JMH worker) that sits inside read sections
 * for one iteration, protecting the first node of a bucket.
 *
 * <h2>Why a thread of its own, with a deadline</h2>
 * The blocking engines (rwlock, pserialize) make a writer wait while this reader is inside a
 * section. JMH runs {@code @TearDown(Level.Iteration)} only after every benchmark thread has left
 * the iteration, so a reader released by that teardown would never be released: the blocked
 * writer never leaves. Instead the reader is given the iteration's end as a deadline when it
 * starts ({@code @Setup(Level.Iteration)}: now + the iteration time, which falls just before JMH's
 * own end, because JMH starts its clock after setup); at the deadline it leaves its section, the
 * writers finish their last operation, and JMH completes the iteration normally. The teardown
 * then only joins the thread (and stops it early if JMH ended first).
 *
 * <p>Modes: a stall of {@code n} ns re-enters right after each section (so it is inside a section
 * nearly all the time, leaving it every {@code n}), announcing a quiescent state in between;
 * {@code n < 0} means one section until the deadline. The handle is closed (the thread goes
 * offline) before the thread ends.
 */
public final class StalledReader {
    private final Thread thread;
    private volatile boolean stop;

    /** Starts the reader on {@code domain}, stalling on {@code key}'s bucket until {@code deadlineNanos}. */
    public StalledReader(SetDomain domain, long key, long stallNanos, long deadlineNanos) {
        thread = new Thread(() -> run(domain, key, stallNanos, deadlineNanos), "stalled-reader");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(SetDomain domain, long key, long stallNanos, long deadlineNanos) {
        SmrHashSet.Handle handle = domain.set().join();
        try {
            long left;
            while (!stop && (left = deadlineNanos - System.nanoTime()) > 0) {
                handle.parkInSection(key, stallNanos < 0 ? left : Math.min(stallNanos, left), () -> stop);
                handle.quiescent();
            }
        } finally {
            handle.close();
        }
    }

    /** Ends the stall now (if the deadline has not) and waits for the thread. */
    public void stopAndJoin() {
        stop = true;
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the stalled reader did not leave its section within 60 s");
        }
    }
}
