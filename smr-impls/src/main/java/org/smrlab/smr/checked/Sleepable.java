package org.smrlab.smr.checked;

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
    /** One thread's open checked sections, innermost last. Confined to the thread. */
    static final class Depth {
        int n;
        private String[] engines = new String[4];

        void push(String engine) {
            if (n == engines.length) {
                engines = java.util.Arrays.copyOf(engines, n * 2);
            }
            engines[n++] = engine;
        }

        void pop() {
            engines[--n] = null;
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
