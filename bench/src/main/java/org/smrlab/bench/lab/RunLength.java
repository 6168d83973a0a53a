package org.smrlab.bench.lab;

import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long a trial runs: forks, warmup and measurement iterations and their times.
 *
 * @param forks            JVM forks per trial
 * @param warmups          warmup iterations per fork
 * @param warmupTime       time of one warmup iteration ({@code 500ms}, {@code 1s})
 * @param iterations       measurement iterations per fork
 * @param iterationTime    time of one measurement iteration
 */
public record RunLength(int forks, int warmups, String warmupTime, int iterations, String iterationTime) {
    /** Seconds a fork takes beyond its iterations: JVM start, JMH's handshake, class loading, teardown (2 cores). */
    public static final double FORK_SECONDS = 1.4;
    /** Seconds an iteration takes beyond its time: setup, teardown, warm-down, result transfer. */
    public static final double ITERATION_SECONDS = 0.05;
    /** Seconds the SMR profiler adds to a measurement iteration (histogram logs, pending series, results). */
    public static final double PROFILED_ITERATION_SECONDS = 0.1;

    public RunLength {
        if (forks < 1 || warmups < 0 || iterations < 1) {
            throw new IllegalArgumentException("run length needs forks >= 1, warmups >= 0, iterations >= 1");
        }
        TimeValue.fromString(warmupTime);
        TimeValue.fromString(iterationTime);
    }

    public TimeValue warmup() {
        return TimeValue.fromString(warmupTime);
    }

    public TimeValue measurement() {
        return TimeValue.fromString(iterationTime);
    }

    /** The estimated wall time of one trial run this long, in seconds. */
    public double estimateSeconds(boolean profiled) {
        double w = warmup().convertTo(java.util.concurrent.TimeUnit.MICROSECONDS) / 1e6;
        double m = measurement().convertTo(java.util.concurrent.TimeUnit.MICROSECONDS) / 1e6;
        double perIteration = ITERATION_SECONDS + (profiled ? PROFILED_ITERATION_SECONDS : 0);
        return forks * (FORK_SECONDS + warmups * (w + ITERATION_SECONDS) + iterations * (m + perIteration));
    }

    /** Same, with {@code forks} forks. */
    public RunLength withForks(int f) {
        return new RunLength(f, warmups, warmupTime, iterations, iterationTime);
    }

    @Override
    public String toString() {
        return forks + "f x (" + warmups + "x" + warmupTime + " + " + iterations + "x" + iterationTime + ")";
    }
}
