package org.smrlab.smr.checked;

/*
 * A thread's checked-section count, padded by class hierarchy with byte pads (see CheckedSessionPadL):
 * every checked enter and exit writes it.
 */
abstract class DepthPadL {
    byte p000, p001, p002, p003, p004, p005, p006, p007, p008, p009, p010, p011, p012, p013, p014, p015;
    byte p016, p017, p018, p019, p020, p021, p022, p023, p024, p025, p026, p027, p028, p029, p030, p031;
    byte p032, p033, p034, p035, p036, p037, p038, p039, p040, p041, p042, p043, p044, p045, p046, p047;
    byte p048, p049, p050, p051, p052, p053, p054, p055, p056, p057, p058, p059, p060, p061, p062, p063;
    byte p064, p065, p066, p067, p068, p069, p070, p071, p072, p073, p074, p075, p076, p077, p078, p079;
    byte p080, p081, p082, p083, p084, p085, p086, p087, p088, p089, p090, p091, p092, p093, p094, p095;
    byte p096, p097, p098, p099, p100, p101, p102, p103, p104, p105, p106, p107, p108, p109, p110, p111;
    byte p112, p113, p114, p115, p116, p117, p118, p119, p120, p121, p122, p123, p124, p125, p126, p127;
}

abstract class DepthHot extends DepthPadL {
    /** Open checked sections of the thread. */
    int n;
}

abstract class DepthPadR extends DepthHot {
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
 * The lab's {@code ASSERT_SLEEPABLE}: a per-thread count of open checked read sections, across
 * every checked session of the thread and every domain, and the check that the lab's blocking
 * points make before they block.
 *
 * <h2>Implementation notes</h2>
 * NetBSD's {@code pserialize_read_enter} raises a per-CPU read depth and {@code ASSERT_SLEEPABLE}
 * refuses to sleep while it is non-zero. Here a thread's depth lives in a {@link ThreadLocal};
 * each checked session looks the holder up once, when it is joined (a session never changes
 * thread), so entering and exiting cost one increment and one decrement of a field. The depth is
 * per thread, not per session, because the hazard is per thread: a thread inside a section of
 * domain A that waits for a grace period of domain B, or for a lock whose holder waits for A,
 * can deadlock or stall reclamation everywhere.
 * <p>Until the first checked session is joined, {@link #assertSleepable} is one read of a static
 * flag, so blocking points outside the checked package (the hash set's writer lock, say) can call
 * it unconditionally.
 * <p>Only checked sessions count: a plain session's sections are invisible here.
 *
 * <h2>Barrier pairs</h2>
 * None: the depth is confined to its thread. {@code armed} is set once and read racily; a thread
 * that reads it false has joined no checked session, so its depth is zero anyway.
 */
public final class Sleepable {
    /**
     * One thread's open checked sections, innermost last. Confined to the thread. Its count is
     * written on every checked enter and exit, so it sits in a padded block ({@link DepthHot}); the
     * array of engine names is written only when a different engine enters at that depth (pop
     * leaves the name in place), so a thread that enters the same domain again and again writes
     * nothing but the count.
     */
    static final class Depth extends DepthPadR {
        private String[] engines = new String[4];

        void push(String engine) {
            if (n == engines.length) {
                engines = java.util.Arrays.copyOf(engines, n * 2);
            }
            if (engines[n] != engine) {
                engines[n] = engine;
            }
            n++;
        }

        void pop() {
            n--; // the name stays: a later push of the same engine need not write it again
        }

        /** Closes {@code count} sections at once (a session closed while inside its sections). */
        void drop(int count) {
            for (int i = 0; i < count && n > 0; i++) {
                pop();
            }
        }

        String innermost() {
            return engines[n - 1];
        }
    }

    private static final ThreadLocal<Depth> DEPTH = ThreadLocal.withInitial(Depth::new);
    private static volatile boolean armed;

    private Sleepable() {
    }

    /**
     * Throws {@link SmrMisuseException} with {@link Rule#SLEEP_IN_SECTION} when the calling thread
     * is inside a read section of any checked session; returns at once otherwise.
     *
     * @param what the blocking call, for the message (e.g. {@code "SmrHashSet.remove: writer lock"})
     */
    public static void assertSleepable(String what) {
        if (!armed) {
            return;
        }
        Depth d = DEPTH.get();
        if (d.n > 0) {
            throw new SmrMisuseException(Rule.SLEEP_IN_SECTION, d.innermost(), what
                    + " may block, but thread " + Thread.currentThread().getName() + " is inside "
                    + d.n + " read section(s), the innermost of this engine");
        }
    }

    /** The calling thread's count of open checked read sections (0 when no checked session exists). */
    public static int depth() {
        return armed ? DEPTH.get().n : 0;
    }

    /** The calling thread's holder; arms the check. Called when a checked session is joined. */
    static Depth forCurrentThread() {
        armed = true;
        return DEPTH.get();
    }
}
