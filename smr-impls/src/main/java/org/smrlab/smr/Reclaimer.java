package org.smrlab.smr;

/**
 * One reclamation domain: the analogue of {@code smr_create(9)}.
 *
 * <p>A domain owns a set of per-thread records (one per joined {@link Session}) and the free
 * function given to {@link Engines#create}. Nodes retired through any session of the domain are
 * passed to that function exactly once, by whichever thread proves that no reader can still hold
 * them.
 *
 * @param <T> the node type
 */
public interface Reclaimer<T> extends AutoCloseable {

    /** Registers the calling thread and returns its session; the session is confined to it. */
    Session<T> join();

    /** A snapshot of the domain's counters, summed over all sessions past and present; cheap. */
    Stats stats();

    /** The canonical spec, every knob spelled out, e.g. {@code gus-deferred:batch=64,limit=16}. */
    String name();

    /**
     * Stops helper threads, waits for readers, and frees every node still pending. Sessions of
     * the calling thread are closed first; sessions of other live threads must be closed by their
     * owners (close waits for them). Idempotent.
     */
    @Override
    void close();
}
