package org.smrlab.smr.engine;

/**
 * A session whose thread can announce an extended quiescent state: liburcu's
 * {@code rcu_thread_offline()} / {@code rcu_thread_online()}. Only qsbr needs it: there a thread
 * that stays online without announcing quiescent states holds up every grace period, so a thread
 * about to block, sleep or idle for long goes offline first. Engines whose readers are outside a
 * section whenever they are not reading need nothing of the kind.
 */
public interface Offline {

    /** Holds no references from now on, until {@link #online()}; grace periods no longer wait for this thread. Not inside a section. */
    void offline();

    /** Back online: grace periods wait for this thread's quiescent states again. */
    void online();

    /** Whether the thread is offline now. */
    boolean isOffline();
}
