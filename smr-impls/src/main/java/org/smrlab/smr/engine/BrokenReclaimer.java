package org.smrlab.smr.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Unsafe by design: frees a batch the moment it fills, without asking whether a reader holds any
 * of it. It exists so that the use-after-free detectors (torture harness, profiler, checked mode)
 * can be shown to fire. Never part of a default sweep.
 *
 * <h2>Implementation notes</h2>
 * The batch pipeline with a goal that is always reached: {@code batch=1} (the default) frees on
 * every retire. Read sections do nothing.
 *
 * <h2>Barrier pairs</h2>
 * None, deliberately: there is no pair that orders a reader's accesses before the free.
 */
public final class BrokenReclaimer<T> extends AbstractReclaimer<T> {

    /** The catalogue entry of {@code broken}. */
    public static final EngineType TYPE = EngineType.named("broken")
            .summary("frees at once on retire: unsafe by design, to show the detectors fire")
            .models("no scheme: frees on retire, so the detectors can be shown to fire")
            .family(EngineType.Family.BASELINE)
            .knobs(Knob.batch(1))
            .unsafeByDesign()
            .factory(BrokenReclaimer::new);

    public BrokenReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0);
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new BrokenSession<>(this);
    }

    static final class BrokenSession<T> extends AbstractSession<T> {
        BrokenSession(BrokenReclaimer<T> domain) {
            super(domain);
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
        protected long sealGoal() {
            return 0;
        }

        @Override
        protected boolean reached(long goal) {
            counters.poll(true);
            return true;
        }

        @Override
        protected void awaitGoal(long goal) {
        }

        @Override
        protected void goOffline() {
        }
    }
}
