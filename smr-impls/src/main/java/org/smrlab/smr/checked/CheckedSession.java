package org.smrlab.smr.checked;

import java.util.concurrent.atomic.AtomicReference;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.Births;

/*
 * The fields every checked call reads and enter/exit write, padded by class hierarchy (as the
 * engines' ThreadRecord): 128 bytes on each side, so the owner's writes never invalidate a line
 * another thread reads (an object allocated next to the session, say). The pads are bytes, not
 * longs: since JDK 15 HotSpot puts a subclass's int or boolean into any hole of its superclasses'
 * layout, and byte pads leave none.
 */
abstract class CheckedSessionPadL {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

abstract class CheckedSessionHot extends CheckedSessionPadL {
    /** The session's open sections (nested ones counted): written by every enter and exit. */
    int depth;
    /** Set once by close(); read by every call. */
    boolean closed;
}

abstract class CheckedSessionPadR extends CheckedSessionHot {
    byte q000, q001, q002, q003, q004, q005, q006, q007, q008, q009, q010, q011, q012, q013, q014, q015;
    byte q016, q017, q018, q019, q020, q021, q022, q023, q024, q025, q026, q027, q028, q029, q030, q031;
    byte q032, q033, q034, q035, q036, q037, q038, q039, q040, q041, q042, q043, q044, q045, q046, q047;
    byte q048, q049, q050, q051, q052, q053, q054, q055, q056, q057, q058, q059, q060, q061, q062, q063;
    byte q064, q065, q066, q067, q068, q069, q070, q071, q072, q073, q074, q075, q076, q077, q078, q079;
    byte q080, q081, q082, q083, q084, q085, q086, q087, q088, q089, q090, q091, q092, q093, q094, q095;
    byte q096, q097, q098, q099, q100, q101, q102, q103, q104, q105, q106, q107, q108, q109, q110, q111;
    byte q112, q113, q114, q115, q116, q117, q118, q119, q120, q121, q122, q123, q124, q125, q126, q127;
}

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
 * The depth and the closed flag sit in a padded block of their own (see the pad classes above).
 * Sessions of engines with a write side get {@link CheckedGraceSession} instead.
 * <p>{@code close()} inside a section is allowed: it ends the section, as the engines' own close
 * does (a session is closed by try-with-resources when an exception leaves a section).
 *
 * @param <T> the node type
 */
public class CheckedSession<T> extends CheckedSessionPadR implements Session<T>, Births<T> {
    final CheckedReclaimer<T> domain;
    final Session<T> inner;
    final Thread owner;
    private final Sleepable.Depth threadDepth;
    private final String engine;

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
