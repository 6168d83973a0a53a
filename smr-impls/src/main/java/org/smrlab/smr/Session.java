package org.smrlab.smr;

import java.util.concurrent.atomic.AtomicReference;

/**
 * One thread's record in a domain (a per-CPU record in a kernel). Confined to the thread that
 * called {@link Reclaimer#join()}; add {@code checked=true} to the engine spec to have that enforced.
 *
 * @param <T> the node type
 */
public interface Session<T> extends AutoCloseable {

    /** Begins a read section ({@code smr_enter}). */
    void enter();

    /** Ends the read section ({@code smr_exit}). */
    void exit();

    /**
     * Loads {@code source} inside a read section so that the node it returns stays valid until
     * the section ends (or, for hazard pointers, until {@code slot} is reused or the section ends).
     */
    T protect(int slot, AtomicReference<T> source);

    /** The node has been unlinked; free it once no reader can hold it. */
    void retire(T node);

    /** Announces a QSBR quiescent state: this thread holds no references. A no-op elsewhere. */
    void quiescent();

    /** Seals the partial batch now and frees what is already safe; never waits on readers. */
    void flush();

    /** Waits until everything this session retired has been freed. */
    void barrier();

    /** Leaves the domain (goes offline); pending nodes are handed on, never lost. Idempotent. */
    @Override
    void close();
}
