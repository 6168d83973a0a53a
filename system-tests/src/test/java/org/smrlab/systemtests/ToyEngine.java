package org.smrlab.systemtests;

import java.util.List;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.Knob;
import org.smrlab.smr.engine.RwLockReclaimer;

/**
 * A toy engine kept outside smr-impls, to show what adding an engine takes: this one file (its
 * catalogue entry) and one registry line, {@code src/test/toy/META-INF/services/
 * org.smrlab.smr.engine.EngineType$Provider}, which only this module's tests have on their class
 * path. Nothing else names it: torture, the lab's plan, run.json and the reports take it from the
 * catalogue. Its mechanism is rwlock's (the factory builds a {@link RwLockReclaimer}, which names
 * itself after the entry it was configured from): the point is the plumbing, not a new algorithm.
 * A real engine's file holds its own reclaimer, built on {@code AbstractReclaimer} as every engine
 * of the lab is (torture's fault injection and close paths reach into it).
 */
public final class ToyEngine {
    /** The catalogue entry: the toy's facts, as every engine declares them. */
    public static final EngineType TYPE = EngineType.named("toy")
            .summary("a test's toy engine: one reader/writer lock; retire frees under the write lock")
            .models("nothing: it shows what adding an engine takes")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(1))
            .retireBlocks().enterBlocks()
            .factory(RwLockReclaimer::new);

    /** What {@code java.util.ServiceLoader} finds through the registry line. */
    public static final class Provider implements EngineType.Provider {
        @Override
        public List<EngineType> engines() {
            return List.of(TYPE);
        }
    }

    private ToyEngine() {
    }
}
