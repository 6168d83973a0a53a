package org.smrlab.smr.engine;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;

/**
 * The ordinary alternative to SMR: a reader/writer lock. Readers hold the read lock for the whole
 * section; retiring takes the write lock, which waits for every reader to leave, so the batch can be
 * freed at once. Nothing stays pending beyond the open batch ({@code batch=1}, the default, frees
 * on every retire).
 *
 * <h2>Implementation notes</h2>
 * {@link ReentrantReadWriteLock}, non-fair: the read side is one CAS on the lock's shared state
 * (plus a thread-local hold count), which is exactly the cache-line contention SMR exists to avoid.
 * Sections nest (the read lock is reentrant). A retire inside a read section would deadlock (the
 * read lock cannot be upgraded); checked mode reports it as a blocking call inside a section.
 * {@code flush} frees the open batch only if the write lock is free right now ({@code tryLock}),
 * since it must never wait.
 * <p><b>Goals are write-lock cycles of the session's own.</b> A batch sealed when the session has
 * completed n cycles is safe after cycle n + 1: that acquisition began after the seal in the
 * session's program order, hence after every unlink of the batch, so it drained every reader that
 * could hold one of its nodes, and every later reader's read-lock acquire synchronizes with its
 * release and sees the unlinks. The count is private, so a batch handed on by a closing session is
 * <em>re-stamped</em> when adopted ({@link #adoptedGoal}): it waits for the adopter's next cycle,
 * which begins after the adoption, hence after the hand-on and the unlinks before it. Judging the
 * closed session's count against the adopter's freed such a batch while a reader was still inside
 * (issue 9). A single domain-wide cycle counter would not do either without more: a cycle counted
 * after the seal may have begun before it, and reading a counter creates no happens-before edge
 * from the sealer's unlinks to the thread whose cycle is counted.
 *
 * <h2>Barrier pairs</h2>
 * <table>
 * <tr><th>this access (thread A)</th><th>pairs with (thread B)</th><th>so that</th></tr>
 * <tr><td>exit: read-lock release</td><td>retire: write-lock acquire</td>
 *     <td>the section's accesses happen-before the free (the lock's own synchronizes-with edge)</td></tr>
 * <tr><td>retire: write-lock release after the unlink</td><td>enter: read-lock acquire</td>
 *     <td>a later reader sees the unlink</td></tr>
 * </table>
 *
 * <h2>Knobs</h2>
 * {@code batch}: nodes per write-lock acquisition.
 */
public final class RwLockReclaimer<T> extends AbstractReclaimer<T> {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** The catalogue entry of {@code rwlock}. */
    public static final EngineType TYPE = EngineType.named("rwlock")
            .summary("reader/writer lock: readers take the read lock, retire takes the write lock and frees at once")
            .models("the ordinary alternative: java.util.concurrent.locks.ReentrantReadWriteLock")
            .family(EngineType.Family.BLOCKING)
            .knobs(Knob.batch(1))
            .retireBlocks().enterBlocks()
            .factory(RwLockReclaimer::new);

    public RwLockReclaimer(KnobValues config, Consumer<? super T> free) {
        super(config, free, 0, 0);
    }

    @Override
    protected AbstractSession<T> newSession() {
        return new RwSession<>(this);
    }

    static final class RwSession<T> extends AbstractSession<T> {
        private final ReentrantReadWriteLock.ReadLock read;
        private final ReentrantReadWriteLock.WriteLock write;
        /** Write-lock cycles completed by this session; a batch sealed at cycle n is safe after cycle n + 1. */
        private long cycles;

        RwSession(RwLockReclaimer<T> domain) {
            super(domain);
            this.read = domain.lock.readLock();
            this.write = domain.lock.writeLock();
        }

        @Override
        public void enter() {
            read.lock();
            record.depth++; // read locks held: in the record's padded owner block
        }

        @Override
        public void exit() {
            record.depth--;
            read.unlock();
        }

        @Override
        public T protect(int slot, AtomicReference<T> source) {
            return source.getAcquire();
        }

        @Override
        protected long sealGoal() {
            return cycles + 1;
        }

        @Override
        protected void afterSealFromRetire(long goal) {
            block(goal);
        }

        @Override
        protected boolean reached(long goal) {
            if (cycles >= goal) {
                counters.poll(true);
                return true;
            }
            boolean ok = write.tryLock();
            if (ok) {
                write.unlock();
                cycles++;
            }
            counters.poll(ok);
            return ok;
        }

        @Override
        protected void awaitGoal(long goal) {
            if (cycles >= goal) {
                return;
            }
            counters.waited();
            write.lock(); // waits for every reader to leave
            write.unlock();
            cycles++;
        }

        /** A fresh goal from this session's own cycle count (see the class notes). */
        @Override
        protected long adoptedGoal(long sealedGoal) {
            return cycles + 1;
        }

        @Override
        protected void goOffline() {
            if (Thread.currentThread() != ownerThread) {
                // abandon() by the domain's close(): the owner died; its read holds cannot be released by another thread.
                record.depth = 0;
                return;
            }
            while (record.depth > 0) {
                record.depth--;
                read.unlock();
            }
        }
    }
}
