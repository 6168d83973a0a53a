package org.smrlab.smr.engine;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Session;
import org.smrlab.smr.Spec;
import org.smrlab.smr.Stats;
import org.smrlab.smr.checked.Rule;
import org.smrlab.smr.checked.SmrMisuseException;

/**
 * What NetBSD's two kinds of sleepable references share, psref(9) and localcount(9): a reference
 * is taken on a node found inside a short pserialize(9) read section, may then be held across
 * sleeps, and the writer that destroys the node waits, blocking, until every reference to it is
 * gone. {@link PsrefReclaimer} and {@link LocalCountReclaimer} say how a reference is kept.
 *
 * <h2>Implementation notes</h2>
 * <ul>
 * <li><b>Built on pserialize, as in NetBSD.</b> The domain owns a {@link PserializeReclaimer} and
 *     every session joins it: {@code protect(slot, link)} is {@code pserialize_read_enter}, the load,
 *     the engine's acquire of a reference, {@code pserialize_read_exit}. The reader's own section
 *     ({@code enter} .. {@code exit}) is only the span over which it keeps its references; it may
 *     block or sleep inside it, which is the point of these engines. localcount's release runs
 *     inside a pserialize section too (it must not race with a drain's count); psref's is a plain
 *     release store, as {@code psref_release} only unlinks the psref.</li>
 * <li><b>References per slot.</b> Each session holds at most one reference per slot:
 *     {@code protect(slot, ...)} takes one on the node it returns and drops the one the slot held;
 *     the outermost {@code exit} drops them all (a caller's {@code psref_release} /
 *     {@code localcount_release} calls, made at the end of the span).</li>
 * <li><b>Destroying a batch.</b> The unlink happened before retire; a full batch is destroyed by the
 *     retiring thread: one pserialize grace period (the goal the batch was sealed with, NetBSD's
 *     caller's {@code pserialize_perform}) guarantees that every reader that found a node before the
 *     unlink has finished taking its reference; then the engine waits, node by node, until no
 *     reference remains ({@code psref_target_destroy}, {@code localcount_drain}: {@code released}
 *     and {@code awaitReleased} of the session); then the batch is freed. {@code flush} seals
 *     without waiting; such a batch is freed by a later retire, flush or barrier once its grace
 *     period has completed and its references are gone.</li>
 * <li><b>Statistics.</b> The grace periods, membarriers and waits of the inner pserialize domain
 *     are added to this domain's.</li>
 * </ul>
 * <p>Checked mode ({@code checked=true}) adds the kernels' diagnostics: taking a reference on a node
 * already being destroyed ({@link Rule#ACQUIRE_AFTER_RETIRE}: it was retired while still
 * reachable) and retiring a node the session itself still references
 * ({@link Rule#RETIRE_WHILE_REFERENCED}: the destroy would wait forever). The second is also refused
 * outside checked mode when a blocking destroy finds it, rather than waiting forever.
 *
 * @param <T> the node type
 */
abstract class PassiveReferences<T> extends AbstractReclaimer<T> {
    /** The node's header bit that marks it being destroyed: psref's {@code prt_draining}, localcount's {@code lc_totalp != NULL}. */
    static final long DRAINING = 1L << 62;

    final PserializeReclaimer<Object> psz;
    final int slots;
    final boolean checked;

    PassiveReferences(KnobValues config, Consumer<? super T> free, int hazardSlots) {
        super(config, free, 0, hazardSlots);
        this.slots = config.intValue("slots");
        this.checked = config.bool(EngineType.CHECKED);
        this.psz = new PserializeReclaimer<>(pserializeConfig(config), o -> {
            throw new AssertionError("nothing is retired through the inner pserialize domain");
        });
    }

    /** The inner pserialize domain's knobs: the same barrier, its own defaults otherwise. */
    private static KnobValues pserializeConfig(KnobValues mine) {
        return PserializeReclaimer.TYPE.configure(Spec.parse("pserialize:batch=1,barrier=" + mine.choice(AsymmetricBarrier.KNOB)));
    }

    /** Whether the read sections inside protect go without a fence (membarrier in the grace periods). */
    public boolean usesMembarrier() {
        return psz.usesMembarrier();
    }

    @Override
    protected Map<String, String> resolvedKnobs() {
        return Map.of(AsymmetricBarrier.KNOB, AsymmetricBarrier.render(psz.usesMembarrier()));
    }

    /** This domain's counters, with the grace periods, waits and barriers of the pserialize domain under it. */
    @Override
    public Stats stats() {
        Stats own = super.stats();
        Stats grace = psz.stats();
        return new Stats(own.retired(), own.freed(), own.pending(), own.peakPending(),
                own.advances() + grace.advances(), own.polls() + grace.polls(), own.pollFailures() + grace.pollFailures(),
                own.scans() + grace.scans(), own.waits() + grace.waits(), own.gracePeriods() + grace.gracePeriods(),
                own.coalesced() + grace.coalesced(), own.membarriers() + grace.membarriers(),
                own.waitNanos() + grace.waitNanos(), own.engineWords() + grace.engineWords());
    }

    @Override
    protected void stopHelpers() {
        psz.close(); // every session is closed, and each closed its pserialize session
    }

    final SmrMisuseException misuse(Rule rule, String detail) {
        return new SmrMisuseException(rule, name(), detail);
    }

    /**
     * A session: references per slot, each taken inside a pserialize read section.
     *
     * @param <T> the node type
     */
    abstract static class ReferenceSession<T> extends AbstractSession<T> {
        final PassiveReferences<T> refs;
        /** The pserialize session: read sections inside protect, grace periods for the batches. */
        final Session<Object> psz;
        final GracePeriods grace;
        /** References a session holds at once. */
        final int slots;

        ReferenceSession(PassiveReferences<T> refs) {
            super(refs);
            this.refs = refs;
            this.psz = refs.psz.join();
            this.grace = (GracePeriods) psz;
            this.slots = refs.slots;
        }

        // ------------------------------------------------------------------ what each engine supplies

        /** What {@code slot} references now, or null (the owner's own read). */
        abstract Object held(int slot);

        /**
         * Makes {@code slot} reference {@code node} (null: nothing). psref's slots are its reference
         * list, which destroyers scan: the store is the reference's publication. localcount keeps the
         * slots for itself: its counts are what others read.
         */
        abstract void hold(int slot, Object node);

        /** Takes a reference on {@code node} for {@code slot} (psref_acquire, localcount_acquire), before {@link #hold}; inside a pserialize section. */
        abstract void acquire(int slot, Object node);

        /** Drops the reference {@code slot} held on {@code node}, after {@link #hold} replaced it; inside a pserialize section if {@link #releaseInSection()}. */
        abstract void release(int slot, Object node);

        /**
         * Whether a release must run inside a pserialize read section: localcount's must (its drain
         * relies on the grace period to end the releases that did not see the draining mark);
         * psref's need not (psref_release only unlinks the psref from the CPU's list).
         */
        abstract boolean releaseInSection();

        /** The slot in which this session references {@code node}, or -1. */
        final int slotOf(Object node) {
            for (int i = 0; i < slots; i++) {
                if (held(i) == node) {
                    return i;
                }
            }
            return -1;
        }

        /** Whether this session itself references {@code node} now. */
        final boolean holds(Object node) {
            return slotOf(node) >= 0;
        }

        // ------------------------------------------------------------------ the read side

        @Override
        public void enter() {
            record.depth++;
        }

        @Override
        public void exit() {
            if (--record.depth == 0) {
                releaseAll();
            }
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            if (slot < 0 || slot >= slots) {
                throw new IllegalArgumentException(refs.name() + ": reference slot " + slot + " out of range 0.." + (slots - 1));
            }
            psz.enter();
            try {
                T p = source.getAcquire();
                Object old = held(slot);
                if (p != old) {
                    if (p != null) {
                        acquire(slot, p);
                    }
                    hold(slot, p);
                    if (old != null) {
                        release(slot, old);
                    }
                }
                return p;
            } finally {
                psz.exit();
            }
        }

        private void releaseAll() {
            boolean any = false;
            for (int i = 0; i < slots; i++) {
                any |= held(i) != null;
            }
            if (!any) {
                return;
            }
            boolean section = releaseInSection();
            if (section) {
                psz.enter();
            }
            try {
                for (int i = 0; i < slots; i++) {
                    Object h = held(i);
                    if (h != null) {
                        hold(i, null);
                        release(i, h);
                    }
                }
            } finally {
                if (section) {
                    psz.exit();
                }
            }
        }

        // ------------------------------------------------------------------ the write side

        @Override
        public void retire(T node) {
            if (refs.checked && holds(node)) {
                throw refs.misuse(Rule.RETIRE_WHILE_REFERENCED, "retire() of a node this session still references (slot "
                        + slotOf(node) + "); the destroy would wait for it forever");
            }
            super.retire(node);
        }

        /** The goal of a batch: a pserialize grace period that starts after the seal (and after every mark). */
        @Override
        protected long sealGoal() {
            return grace.advance();
        }

        @Override
        protected boolean reached(long goal) {
            return grace.poll(goal);
        }

        @Override
        protected void awaitGoal(long goal) {
            grace.await(goal);
        }

        /** The retiring thread destroys its full batch: one grace period, then every reference drained. */
        @Override
        protected void afterSealFromRetire(Batch sealed) {
            block(sealed.goal); // the pipeline's blocking wait (its fault point, then the grace period)
            if (!released(sealed)) {
                awaitReleased(sealed);
            }
        }

        /** Thrown instead of waiting forever for a reference the waiting thread itself holds. */
        final IllegalStateException selfDeadlock(Object node) {
            return new IllegalStateException(refs.name() + ": destroying a node that this thread still references (slot "
                    + slotOf(node) + ") would wait forever; release it (exit) before retiring it");
        }

        @Override
        protected void goOffline() {
            record.depth = 0;
            releaseAll();
            psz.close();
        }
    }
}
