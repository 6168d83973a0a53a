package org.smrlab.bench.support;

import java.util.concurrent.atomic.AtomicInteger;
import org.smrlab.bench.SmrProbe;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * One engine domain shared by a benchmark's threads, closed by the last thread to leave.
 *
 * <p>Why not close it in a {@code Scope.Benchmark} {@code @TearDown}: JMH runs that teardown on one
 * thread while others may still be in their own {@code Scope.Thread} teardowns, and
 * {@link Reclaimer#close()} waits for every other thread's session to close. Counting members
 * makes the order explicit: each thread closes its session, the last one detaches the profiler's
 * probe (freezing the counters before close frees what is pending) and closes the domain.
 *
 * @param <T> the node type
 */
public final class SharedDomain<T> {
    private final Reclaimer<T> reclaimer;
    private final AutoCloseable owner;
    private final AtomicInteger members = new AtomicInteger();

    /** A domain that closes {@code owner} (a pool, a set) or, when null, the reclaimer itself. */
    public SharedDomain(Reclaimer<T> reclaimer, AutoCloseable owner) {
        this.reclaimer = reclaimer;
        this.owner = owner;
    }

    public Reclaimer<T> reclaimer() {
        return reclaimer;
    }

    /** Counts the calling thread in; call once per thread, from its own {@code Level.Trial} setup. */
    public void enroll() {
        members.incrementAndGet();
    }

    /** Registers the calling thread and returns its session. */
    public Session<T> join() {
        enroll();
        return reclaimer.join();
    }

    /** Closes {@code session} (null: already closed by the caller) and, for the last member, the domain. */
    public void leave(AutoCloseable session) {
        closeQuietly(session);
        if (members.decrementAndGet() == 0) {
            SmrProbe.detach();
            closeQuietly(owner != null ? owner : reclaimer);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
