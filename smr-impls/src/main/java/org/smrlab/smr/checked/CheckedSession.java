package org.smrlab.smr.checked;

import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Births;

/**
 * A session under checked mode: every call is checked against the {@link Rule}s, then passed to
 * the engine's own session. A call that breaks a rule throws {@link SmrMisuseException} before
 * the engine sees it.
 *
 * <h2>Implementation notes</h2>
 * The wrapper keeps what the engines do not expose: the owner thread, a closed flag and its own
 * section depth (engines that forbid nesting keep no depth at all). The thread check is one
 * reference comparison with {@code Thread.currentThread()}, which HotSpot makes a register load;
 * enter and exit add one field update each for the thread's sleepable depth ({@link Sleepable}).
 * Sessions of engines with a write side get {@link CheckedGraceSession} instead.
 * <p>{@code close()} inside a section is allowed: it ends the section, as the engines' own close
 * does (a session is closed by try-with-resources when an exception leaves a section).
 *
 * @param <T> the node type
 */
public class CheckedSession<T> implements Session<T>, Births<T> {
    final CheckedReclaimer<T> domain;
    final Session<T> inner;
    final Thread owner;
    private final Sleepable.Depth threadDepth;
    private final String engine;
    int depth;
    boolean closed;

    CheckedSession(CheckedReclaimer<T> domain, Session<T> inner) {
        this.domain = domain;
        this.inner = inner;
        this.owner = Thread.currentThread();
        this.threadDepth = Sleepable.forCurrentThread();
        this.engine = domain.name();
    }

    /** The engine's own session, unchecked. */
    public Session<T> unwrap() {
        return inner;
    }

    /** The thread that joined. */
    public Thread owner() {
        return owner;
    }

    /** The session's open sections (nested ones counted). */
    public int depth() {
        return depth;
    }

    // ------------------------------------------------------------------ checks

    /** Wrong thread first (nothing else about the session may be read from another thread), then closed. */
    final void checkUsable(String call) {
        if (Thread.currentThread() != owner) {
            throw misuse(Rule.WRONG_THREAD, call + " from thread " + Thread.currentThread().getName()
                    + " on a session joined by thread " + owner.getName());
        }
        if (closed) {
            throw misuse(Rule.USE_AFTER_CLOSE, call + " on a closed session");
        }
    }

    /** For calls that wait for readers (or, for advance, that smr(9) forbids inside a section). */
    final void checkOutsideSection(String call) {
        if (depth > 0) {
            throw misuse(Rule.WAIT_IN_SECTION, call + " inside a read section of this session (depth " + depth + ")");
        }
    }

    final SmrMisuseException misuse(Rule rule, String detail) {
        return new SmrMisuseException(rule, engine, detail);
    }

    // ------------------------------------------------------------------ Session

    @Override
    public void enter() {
        checkUsable("enter()");
        if (depth > 0 && !domain.nests) {
            throw misuse(Rule.NESTED_ENTER, "enter() inside a read section (depth " + depth + ")");
        }
        if (domain.enterBlocks && depth == 0) { // a nested (reentrant) acquisition never waits
            Sleepable.assertSleepable("enter() on " + engine + " (the read lock waits for a writer)");
        }
        inner.enter();
        depth++;
        if (!domain.sectionsMaySleep) {
            threadDepth.push(engine);
        }
    }

    @Override
    public void exit() {
        checkUsable("exit()");
        if (depth == 0) {
            throw misuse(Rule.EXIT_WITHOUT_ENTER, "exit() outside any read section");
        }
        inner.exit();
        depth--;
        if (!domain.sectionsMaySleep) {
            threadDepth.pop();
        }
    }

    @Override
    public T protect(int slot, AtomicReference<T> source) {
        checkUsable("protect()");
        if (depth == 0) {
            throw misuse(Rule.PROTECT_OUTSIDE_SECTION, "protect(" + slot + ", ...) outside any read section");
        }
        return inner.protect(slot, source);
    }

    @Override
    public void retire(T node) {
        checkUsable("retire()");
        if (domain.retireBlocks) {
            Sleepable.assertSleepable("retire() on " + engine + " (it waits for a grace period when a batch fills)");
        }
        inner.retire(node);
    }

    /** Passes a birth on to the engine when it needs births (IBR, hazard eras, localcount); see {@link Births}. */
    @Override
    @SuppressWarnings("unchecked")
    public void born(T node) {
        checkUsable("born()");
        if (inner instanceof Births<?> b) {
            ((Births<T>) b).born(node);
        }
    }

    @Override
    public void quiescent() {
        checkUsable("quiescent()");
        if (depth > 0) {
            throw misuse(Rule.QUIESCENT_IN_SECTION, "quiescent() inside a read section (depth " + depth + ")");
        }
        inner.quiescent();
    }

    @Override
    public void flush() {
        checkUsable("flush()");
        inner.flush();
    }

    @Override
    public void barrier() {
        checkUsable("barrier()");
        checkOutsideSection("barrier()");
        Sleepable.assertSleepable("barrier()");
        inner.barrier();
    }

    /** Idempotent; only the owner may close. Ends any open section (lowering the thread's depth). */
    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw misuse(Rule.WRONG_THREAD, "close() from thread " + Thread.currentThread().getName()
                    + " on a session joined by thread " + owner.getName());
        }
        if (closed) {
            return;
        }
        closed = true;
        if (!domain.sectionsMaySleep) {
            threadDepth.drop(depth);
        }
        depth = 0;
        try {
            inner.close();
        } finally {
            domain.forget(this);
        }
    }

    @Override
    public String toString() {
        return "checked " + inner;
    }
}
