package org.smrlab.systemtests;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Stats;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.Knob;
import org.smrlab.smr.engine.KnobValues;

/**
 * A toy engine kept outside smr-impls, to show what adding an engine takes: this one file (the
 * engine and its catalogue entry) and one registry line, {@code src/test/toy/META-INF/services/
 * org.smrlab.smr.engine.EngineType$Provider}, which only {@link ToyEngineTest}'s surefire run puts
 * on its class path. Nothing else names it: torture, the lab's plan, run.json and the reports take
 * it from the catalogue.
 *
 * <h2>Implementation notes</h2>
 * The simplest safe scheme: one reader/writer lock for the domain. A read section holds the read
 * lock; {@code retire} takes the write lock, so no reader is inside a section, and frees the node
 * at once. Nothing is ever pending. The lock's own acquire/release pairs order everything: the
 * writer's unlink happens-before its write-lock acquisition, which happens-after every earlier
 * reader's unlock, and before every later reader's lock.
 */
public final class ToyEngine {
    /** The catalogue entry: the toy's facts, as every engine declares them. */
    public static final EngineType TYPE = EngineType.named("toy")
            .summary("a test's toy engine: one reader/writer lock; retire frees under the write lock")
            .models("nothing: it shows what adding an engine takes")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(1))
            .retireBlocks().enterBlocks()
            .factory(ToyReclaimer::new);

    /** What {@code java.util.ServiceLoader} finds through the registry line. */
    public static final class Provider implements EngineType.Provider {
        @Override
        public List<EngineType> engines() {
            return List.of(TYPE);
        }
    }

    private ToyEngine() {
    }

    static final class ToyReclaimer<T> implements Reclaimer<T> {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        private final Consumer<? super T> free;
        private final String name;
        private final AtomicLong retired = new AtomicLong();
        private final AtomicLong freed = new AtomicLong();

        ToyReclaimer(KnobValues knobs, Consumer<? super T> free) {
            this.free = free;
            this.name = knobs.canonical();
        }

        @Override
        public Session<T> join() {
            return new Session<>() {
                @Override
                public void enter() {
                    lock.readLock().lock();
                }

                @Override
                public void exit() {
                    lock.readLock().unlock();
                }

                @Override
                public T protect(int slot, AtomicReference<T> source) {
                    return source.getAcquire();
                }

                @Override
                public void retire(T node) {
                    retired.incrementAndGet();
                    lock.writeLock().lock();
                    try {
                        free.accept(node);
                        freed.incrementAndGet();
                    } finally {
                        lock.writeLock().unlock();
                    }
                }

                @Override
                public void quiescent() {
                }

                @Override
                public void flush() {
                }

                @Override
                public void barrier() {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Stats stats() {
            long f = freed.get();
            long r = Math.max(retired.get(), f);
            return new Stats(r, f, r - f, r == 0 ? 0 : 1, 0, 0, 0, 0, 0, 0, 0, 0);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void close() {
        }
    }
}
