package org.smrlab.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.smrlab.smr.engine.Membarrier;

/*
 * QUESTION: what does one membarrier(2) (MEMBARRIER_CMD_PRIVATE_EXPEDITED) cost the thread that
 * issues it, alone and while another thread of the process is running? It is the price of one tick
 * of gus-lazy's ticker and of one pserialize grace period on a JDK 22+ (R6: the cost of a tick; the
 * break-even retire rate divides it by gus's cost per advance).
 *
 * KNOBS
 *   none. The benchmark needs a JDK 22+ on Linux (the FFM API reaches membarrier); elsewhere its
 *   setup fails, saying why: the lab's review runs it on its JDK 22+ sub-run only.
 *
 * HOW TO READ
 *   alone: ns per membarrier with no other thread of the process running (the kernel has no other
 *   CPU to interrupt: the floor of the call itself).
 *   withRunningThread: the group of one issuer and one spinning thread; read the issuer's row,
 *   MembarrierBench.withRunningThread:barrier (ns per membarrier): the kernel must interrupt the CPU
 *   running the spinner and wait for its barrier. The spinner's row (ns per 1000 multiply-adds) shows
 *   what the interrupts cost it; BystanderBench measures that for the engines themselves.
 *   Expect a few microseconds with another thread running (DESIGN.md: 2-9 us on this kind of VM).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class MembarrierBench {
    /** The benchmarks of this class, which have no engine: what each measures, in words (run.json's floor facts). */
    public static final Map<String, String> FLOORS = floors();

    private static Map<String, String> floors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("alone", "membarrier alone");
        m.put("withRunningThread", "membarrier beside a running thread");
        return Collections.unmodifiableMap(m);
    }

    /** Multiply-adds per spinner invocation: about a microsecond, long against the harness's own cost. */
    static final int SPIN = 1000;

    @State(Scope.Benchmark)
    public static class Barrier {
        @Setup(Level.Trial)
        public void check() {
            if (!Membarrier.available()) {
                throw new IllegalStateException("membarrier(2) is unavailable on this JVM: " + Membarrier.status()
                        + "; run MembarrierBench on a JDK 22+ (scripts/find-jdk22)");
            }
        }
    }

    @State(Scope.Thread)
    public static class Spinner {
        long x = 1;
    }

    @Benchmark
    public void alone(Barrier b) {
        Membarrier.barrier();
    }

    @Benchmark
    @Group("withRunningThread")
    @GroupThreads(1)
    public void barrier(Barrier b) {
        Membarrier.barrier();
    }

    @Benchmark
    @Group("withRunningThread")
    @GroupThreads(1)
    public long spinner(Spinner s) {
        long x = s.x;
        for (int i = 0; i < SPIN; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        s.x = x;
        return x;
    }
}
