package org.smrlab.smr.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.smrlab.smr.checked.Rule;

/**
 * NetBSD's psref(9), passive references: a reader takes a reference on a node it found inside a
 * pserialize(9) read section, may hold it across sleeps, and the writer that destroys the node waits
 * until no thread holds one. Faithful to {@code sys/kern/subr_psref.c} (Taylor R. Campbell, 2016).
 *
 * <h2>Implementation notes</h2>
 * In NetBSD each CPU keeps a list of the psrefs acquired on it (the acquiring LWP is bound to the
 * CPU); {@code psref_acquire} links one in, {@code psref_release} unlinks it, both with interrupts
 * blocked and no atomic instruction. {@code psref_target_destroy}, called after the target has been
 * unlinked and a {@code pserialize_perform}, marks the target draining and repeats a cross-call
 * that asks every CPU whether its list names the target, sleeping between rounds, until none does.
 * Here a thread's list is its record's reference slots ({@code slots} of them, scanned by other
 * threads, as hazard slots are): acquire is a release store of the node into the slot, release a
 * release store of null (or of the slot's next node). Destroying a batch (see
 * {@link PassiveReferences}) waits, node by node, until no record's slot names it: each check is
 * a pass over every thread's slots, O(threads) per node, as NetBSD's cross-call is O(CPUs).
 * Costs: acquire and release O(1) and uncontended; destroy O(threads) per node, blocking while a
 * reference is held; space O(threads) for the lists + O(references) + O(targets): NetBSD's
 * {@code struct psref_target} is a draining flag (and the class), here a bit of the node's
 * {@link SmrHeader} word, which tells a release to wake the destroyer and checked mode's acquire to
 * refuse the reference (a node without a header is marked in checked mode only, in a set).
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>protect: pserialize enter, {@code getAcquire} of the link, {@code setRelease} of the node into the
 *         slot, pserialize exit ({@code setRelease} of the even count)</td>
 *     <td>destroyer: unlink, then the batch's grace period ({@code getAcquire} seeing A's count change), then
 *         {@code getAcquire} of every slot</td>
 *     <td>a reader that found the node before the unlink stored its reference before its section ended,
 *         and the grace period makes that store visible to the slot scan (the pserialize pairs cover the
 *         rest: see {@link PserializeReclaimer})</td></tr>
 * <tr><td>release: {@code setRelease} of null (or the next node) into the slot</td>
 *     <td>destroyer: {@code getAcquire} of the slot, no longer naming the node</td>
 *     <td>A's uses of the node happen-before B's free</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch}: nodes destroyed per blocking wait (one grace period, then the drain of each node);
 * {@code slots}: references a session holds at once; {@code barrier}: the inner pserialize's
 * (membarrier lets the read sections inside {@code protect} go without a fence).
 *
 * <h2>Differences from NetBSD, and why</h2>
 * Destroys are batched: the pool retires nodes one by one and the lab measures every engine per
 * batch; NetBSD's callers destroy one target at a time, which {@code batch=1} reproduces. Between
 * rounds the destroyer sleeps on the class's condition for at most a tick, as NetBSD's
 * {@code cv_timedwait(..., 1)} does (1 ms here, a tick at HZ=1000), woken early by a release of a
 * draining node; a round reads every thread's slots itself, since a Java thread cannot be sent a
 * cross-call.
 * References live in a fixed number of slots per session rather than in caller-supplied
 * {@code struct psref}s on an unbounded list.
 */
public final class PsrefReclaimer<T> extends PassiveReferences<T> {
    /** The catalogue entry of {@code psref}. */
    public static final EngineType TYPE = EngineType.named("psref")
            .summary("NetBSD psref(9): per-thread reference lists, held across sleeps; retire waits until none names the node")
            .models("NetBSD sys/kern/subr_psref.c, psref(9)")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(64), Knob.integer("slots", 2, 1, 64, "references a session holds at once"), AsymmetricBarrier.knob())
            .retireBlocks().sectionsMaySleep().protectionPerLoad()
            .factory(PsrefReclaimer::new);

    /** The longest the destroyer sleeps between rounds: one tick (NetBSD's {@code cv_timedwait(..., 1)}, at HZ=1000). */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The class's lock and condition ({@code prc_lock}, {@code prc_cv}): a release on a draining node wakes the destroyer. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    /** Nodes without an SmrHeader being destroyed, kept in checked mode only (for the diagnostic); guarded by itself. */
    private final Set<Object> drainingForeign = Collections.newSetFromMap(new IdentityHashMap<>());

    public PsrefReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, config.intValue("slots"));
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new PsrefSession<>(this);
    }

    /** prt_draining: the node is being destroyed (its header's mark; a node without a header only in checked mode). */
    boolean draining(Object node) {
        if (node instanceof SmrHeader h) {
            return (h.smrHeader() & DRAINING) != 0;
        }
        if (!checked) {
            return false;
        }
        synchronized (drainingForeign) {
            return drainingForeign.contains(node);
        }
    }

    /** psreffed_p: whether any thread's reference slots name {@code node}. */
    boolean referenced(Object node, ThreadRecord[] records) {
        for (ThreadRecord r : records) {
            for (int i = 0, n = r.slots(); i < n; i++) {
                if (r.laSlot(i) == node) {
                    return true;
                }
            }
        }
        return false;
    }

    static final class PsrefSession<T> extends ReferenceSession<T> {
        private final PsrefReclaimer<T> psref;

        PsrefSession(PsrefReclaimer<T> psref) {
            super(psref);
            this.psref = psref;
        }

        /** psref_acquire's diagnostic; the reference itself is {@link #hold}'s store into the list. */
        @Override
        void acquire(int slot, Object node) {
            if (psref.checked && psref.draining(node)) {
                throw psref.misuse(Rule.ACQUIRE_AFTER_RETIRE, "protect() took a reference on a node that is being "
                        + "destroyed: it was retired while still reachable (NetBSD asserts \"psref target already destroyed\")");
            }
        }

        @Override
        Object held(int slot) {
            return record.lpSlot(slot);
        }

        /**
         * The node joins (null: leaves) this thread's list, the record's slot, with a release store:
         * inside protect's pserialize section it is ordered before the section's exit, which publishes
         * it to the destroyer; at exit the uses of the node happen-before a scan that sees it gone.
         */
        @Override
        void hold(int slot, Object node) {
            record.soSlot(slot, node);
        }

        /** psref_release takes no pserialize section: the destroy reads the slot with acquire. */
        @Override
        boolean releaseInSection() {
            return false;
        }

        /**
         * psref_release, after {@link #hold} took the node out of the list: if the node is being
         * destroyed, wake the destroyer (an optimization: it also wakes by itself).
         */
        @Override
        void release(int slot, Object node) {
            if (node instanceof SmrHeader h && (h.smrHeader() & DRAINING) != 0) {
                psref.lock.lock();
                try {
                    psref.released.signalAll();
                } finally {
                    psref.lock.unlock();
                }
            }
        }

        /**
         * psref_target_destroy begins by marking its targets draining, after the caller's
         * pserialize_perform (here: the batch's goal, reached before this is called), so that no
         * reader still inside a section that found a target before the unlink is taken for a
         * misuse: the mark tells a release to wake the destroyer, and checked mode's acquire to
         * refuse the reference. A node's mark is its header's bit; a node without a header is
         * marked in checked mode only.
         */
        private void markDraining(Batch b) {
            for (int i = 0; i < b.size; i++) {
                Object node = b.nodes[i];
                if (node instanceof SmrHeader h) {
                    long w;
                    do {
                        w = h.smrHeader();
                    } while ((w & DRAINING) == 0 && !h.casSmrHeader(w, w | DRAINING));
                } else if (psref.checked) {
                    synchronized (psref.drainingForeign) {
                        psref.drainingForeign.add(node);
                    }
                }
            }
        }

        /** One round of psreffed_p for every node of the batch: none may be referenced. */
        @Override
        protected boolean released(Batch b) {
            markDraining(b);
            counters.scan();
            ThreadRecord[] records = psref.registry.snapshot();
            for (int i = 0; i < b.size; i++) {
                if (psref.referenced(b.nodes[i], records)) {
                    return false;
                }
            }
            forget(b);
            return true;
        }

        /**
         * psref_target_destroy, node by node: until no thread references it, a round of psreffed_p,
         * then a sleep of at most a tick on the class's condition, which a release of a draining
         * node signals.
         */
        @Override
        protected void awaitReleased(Batch b) {
            markDraining(b);
            long t0 = counters.beginWait(); // the destroyer's blocked time: the review's writer block time (R1)
            for (int i = 0; i < b.size; i++) {
                Object node = b.nodes[i];
                if (holds(node)) {
                    throw selfDeadlock(node);
                }
                psref.lock.lock();
                try {
                    for (;;) {
                        // Each round under the lock: a release that signalled before this round began is
                        // already visible to it, so only a release racing the round itself can leave the
                        // destroyer to its timed wait.
                        counters.scan();
                        if (!psref.referenced(node, psref.registry.snapshot())) {
                            break;
                        }
                        psref.released.awaitNanos(TICK_NANOS); // a timed wait: the wake-up is an optimization
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(psref.name() + ": interrupted while destroying a node", e);
                } finally {
                    psref.lock.unlock();
                }
            }
            domain.endWait(counters, t0);
            forget(b);
        }

        /** Destroyed: the marks go (a node the pool hands out again starts clean). */
        private void forget(Batch b) {
            for (int i = 0; i < b.size; i++) {
                Object node = b.nodes[i];
                if (node instanceof SmrHeader h) {
                    h.smrHeader(h.smrHeader() & ~DRAINING); // only the destroyer writes a psref node's word
                } else if (psref.checked) {
                    synchronized (psref.drainingForeign) {
                        psref.drainingForeign.remove(node);
                    }
                }
            }
        }

        @Override
        protected void goOffline() {
            super.goOffline(); // releases every reference: the slots are clean for the record's next owner
        }
    }
}
