package org.smrlab.smr.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The baseline that never frees: retired nodes are dropped to the garbage collector, which keeps
 * whatever a reader still holds. Its costs are the floor every engine is compared against: no read
 * side, no write side. Its memory figure is the unbounded one: {@code pending} equals
 * {@code retired} forever.
 *
 * <h2>Implementation notes</h2>
 * Retired nodes collect in the open batch ({@code batch} knob) and the batch is dropped when full,
 * so the knob still decides how many retired nodes stay strongly reachable from the session.
 * {@code barrier()} returns at once: nothing will ever be freed, so there is nothing to wait for.
 *
 * <h2>Barrier pairs</h2>
 * None: readers and writers share nothing but the data structure itself.
 */
public final class NoneReclaimer<T> extends AbstractReclaimer<T> {

    /** The catalogue entry of {@code none}. */
    public static final EngineType TYPE = EngineType.named("none")
            .summary("baseline: never frees, leaves nodes to the garbage collector")
            .models("no scheme: the garbage collector reclaims what the engine keeps")
            .family(EngineType.Family.BASELINE)
            .knobs(Knob.batch(64))
            .neverFrees()
            .factory(NoneReclaimer::new);

    public NoneReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0);
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new NoneSession<>(this);
    }

    static final class NoneSession<T> extends AbstractSession<T> {
        private final Object[] held;
        private int n;

        NoneSession(NoneReclaimer<T> domain) {
            super(domain);
            held = new Object[batchSize];
        }

        @Override
        public void enter() {
        }

        @Override
        public void exit() {
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        @Override
        public void retire(T node) {
            if (closed) {
                throw new IllegalStateException(domain.name() + ": retire() on a closed session");
            }
            counters.retired(1);
            held[n++] = node;
            if (n == held.length) {
                java.util.Arrays.fill(held, null); // to the garbage collector
                n = 0;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void barrier() {
        }

        @Override
        public void close() {
            if (!closed) {
                java.util.Arrays.fill(held, null);
                n = 0;
                super.close();
            }
        }

        @Override
        protected long sealGoal() {
            return 0;
        }

        @Override
        protected boolean reached(long goal) {
            return false;
        }

        @Override
        protected void awaitGoal(long goal) {
        }

        @Override
        protected void goOffline() {
        }
    }
}
