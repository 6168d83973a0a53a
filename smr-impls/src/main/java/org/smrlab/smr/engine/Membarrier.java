package org.smrlab.smr.engine;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux {@code membarrier(2)} with {@code MEMBARRIER_CMD_PRIVATE_EXPEDITED}: a process-wide
 * barrier. When it returns, every thread of this process that was running has executed a full
 * memory barrier, so a reader's plain store that preceded that point is visible to the caller,
 * and a reader's load that follows it sees every store the caller made before the call. This
 * stands in for the cross-call of NetBSD's pserialize and for the clock interrupts that FreeBSD's
 * SMR_LAZY relies on, and it is what lets their read sides go without a fence.
 *
 * <h2>Implementation notes</h2>
 * The module is built for Java 17, where there is no FFM API. On JDK 22 and later the
 * {@code java.lang.foreign} classes are looked up reflectively, once, and bound to libc's
 * {@code syscall(2)} (variadic after the first argument; every argument is passed as a C
 * {@code long}, which is what {@code syscall} reads). The result is a {@link MethodHandle} of type
 * {@code (long,long,long,long)long} called with {@code invokeExact}, which compiles on 17.
 * Registration ({@code MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED}) is done once per process, after
 * a {@code MEMBARRIER_CMD_QUERY} shows both commands supported. Anything else (JDK 17-21, not Linux,
 * an unknown architecture, a kernel or sandbox that refuses) leaves {@link #available()} false and
 * {@link #status()} saying why; the engines then fall back to a fenced read side.
 *
 * <p>On JDK 22+ the JVM warns once about a restricted method unless run with
 * {@code --enable-native-access=ALL-UNNAMED}; the lab's launchers pass it.
 */
public final class Membarrier {
    private static final long CMD_QUERY = 0;
    private static final long CMD_PRIVATE_EXPEDITED = 1 << 3;
    private static final long CMD_REGISTER_PRIVATE_EXPEDITED = 1 << 4;

    private static final MethodHandle SYSCALL;
    private static final long SYSCALL_NR;
    private static final String STATUS;

    static {
        MethodHandle mh = null;
        long nr = -1;
        String status;
        try {
            nr = syscallNumber();
            mh = bindSyscall();
            long supported = (long) mh.invokeExact(nr, CMD_QUERY, 0L, 0L);
            if (supported < 0) {
                throw new IllegalStateException("MEMBARRIER_CMD_QUERY failed (the kernel or sandbox refuses membarrier)");
            }
            long need = CMD_PRIVATE_EXPEDITED | CMD_REGISTER_PRIVATE_EXPEDITED;
            if ((supported & need) != need) {
                throw new IllegalStateException("kernel lacks MEMBARRIER_CMD_PRIVATE_EXPEDITED (query mask " + supported + ")");
            }
            long r = (long) mh.invokeExact(nr, CMD_REGISTER_PRIVATE_EXPEDITED, 0L, 0L);
            if (r != 0) {
                throw new IllegalStateException("MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED returned " + r);
            }
            r = (long) mh.invokeExact(nr, CMD_PRIVATE_EXPEDITED, 0L, 0L);
            if (r != 0) {
                throw new IllegalStateException("MEMBARRIER_CMD_PRIVATE_EXPEDITED returned " + r);
            }
            status = "membarrier(PRIVATE_EXPEDITED) via FFM on JDK " + Runtime.version().feature();
        } catch (Throwable t) {
            mh = null;
            status = "unavailable: " + (t.getMessage() == null ? t.toString() : t.getMessage());
        }
        SYSCALL = mh;
        SYSCALL_NR = nr;
        STATUS = status;
    }

    private Membarrier() {
    }

    /** True when {@link #barrier()} issues a real process-wide barrier. */
    public static boolean available() {
        return SYSCALL != null;
    }

    /** How membarrier is reached, or why it is not. */
    public static String status() {
        return STATUS;
    }

    /** Issues the process-wide barrier; only when {@link #available()}. */
    public static void barrier() {
        long r;
        try {
            r = (long) SYSCALL.invokeExact(SYSCALL_NR, CMD_PRIVATE_EXPEDITED, 0L, 0L);
        } catch (Throwable t) {
            throw new IllegalStateException("membarrier failed", t);
        }
        if (r != 0) {
            throw new IllegalStateException("membarrier(PRIVATE_EXPEDITED) returned " + r);
        }
    }

    private static long syscallNumber() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("membarrier is Linux-only (os.name=" + os + ")");
        }
        String arch = System.getProperty("os.arch", "");
        switch (arch) {
            case "amd64":
            case "x86_64":
                return 324;
            case "aarch64":
            case "riscv64":
                return 283;
            default:
                throw new IllegalStateException("no membarrier syscall number known for os.arch=" + arch);
        }
    }

    /** Binds libc's syscall(long, ...) as (long,long,long,long)long through java.lang.foreign, reflectively. */
    private static MethodHandle bindSyscall() throws ReflectiveOperationException {
        if (Runtime.version().feature() < 22) {
            throw new IllegalStateException("the FFM API needs JDK 22+, this is JDK " + Runtime.version().feature());
        }
        Class<?> linkerC = Class.forName("java.lang.foreign.Linker");
        Class<?> optionC = Class.forName("java.lang.foreign.Linker$Option");
        Class<?> lookupC = Class.forName("java.lang.foreign.SymbolLookup");
        Class<?> layoutC = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> valueLayoutC = Class.forName("java.lang.foreign.ValueLayout");
        Class<?> descC = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> segmentC = Class.forName("java.lang.foreign.MemorySegment");

        Object linker = linkerC.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerC.getMethod("defaultLookup").invoke(linker);
        Optional<?> symbol = (Optional<?>) lookupC.getMethod("find", String.class).invoke(lookup, "syscall");
        if (symbol.isEmpty()) {
            throw new IllegalStateException("libc has no syscall symbol");
        }
        Object jlong = valueLayoutC.getField("JAVA_LONG").get(null);
        Object args = Array.newInstance(layoutC, 4);
        for (int i = 0; i < 4; i++) {
            Array.set(args, i, jlong);
        }
        Object desc = descC.getMethod("of", layoutC, args.getClass()).invoke(null, jlong, args);
        Object options = Array.newInstance(optionC, 1);
        Array.set(options, 0, optionC.getMethod("firstVariadicArg", int.class).invoke(null, 1));
        MethodHandle mh = (MethodHandle) linkerC.getMethod("downcallHandle", segmentC, descC, options.getClass())
                .invoke(linker, symbol.get(), desc, options);
        return mh.asType(MethodType.methodType(long.class, long.class, long.class, long.class, long.class));
    }
}
