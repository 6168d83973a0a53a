package org.smrlab.run;

import java.util.List;

/**
 * One workload of the lab beyond the microbenchmarks: the question it answers, the benchmarks that
 * run it, the variable its profiles sweep, and the figures the report draws against that variable
 * (one chart per benchmark and figure, one line per engine, error bars where JMH has them).
 * {@link Workloads} is the catalogue.
 *
 * @param id         short name ({@code packets}), used in chart file names
 * @param title      what the charts are titled with
 * @param question   the question, in a sentence or two (the report's caption starts with it)
 * @param benchmarks {@code Class.method} below {@code org.smrlab.bench}, each charted on its own
 * @param sweep      the swept JMH parameter; {@link #THREADS} for the thread count, {@link #METHOD} for the
 *                   benchmark itself (the benchmarks are then the categories of one chart)
 * @param sweepWords the x axis's title
 * @param figures    what is drawn: {@link #PRIMARY} (JMH's score) or a metric of the catalogue ({@link Metrics});
 *                   {@code {method}} in a name stands for the benchmark's method ({@code {method}Bystander})
 * @param logX       the swept values span decades (a logarithmic x axis)
 * @param logY       the figures span decades (a logarithmic y axis)
 * @param perThread  the primary score is a throughput summed over threads; the charts divide it by the trial's threads
 * @param marks      what the charts mark on this workload's points, beyond the figures
 * @param howToRead  how to read the charts, in a few sentences
 */
public record Workload(String id, String title, String question, List<String> benchmarks, String sweep, String sweepWords,
                       List<String> figures, boolean logX, boolean logY, boolean perThread, List<Mark> marks, String howToRead) {

    /** The figure that is JMH's primary score. */
    public static final String PRIMARY = "primary";
    /** The sweep over the trial's thread count. */
    public static final String THREADS = "threads";
    /** The sweep over the benchmarks themselves (a categorical axis). */
    public static final String METHOD = "method";
    /** What {@code {method}} in a figure's name stands for. */
    public static final String METHOD_PLACEHOLDER = "{method}";

    /** What a workload's charts mark. */
    public enum Mark {
        /** Points whose thread count exceeds the machine's cores (run.json's machine.cores): oversubscribed. */
        OVERSUBSCRIBED,
        /** Engines whose pending count kept rising within the trial's iterations ("falling behind"): the growth verdict. */
        FALLING_BEHIND,
        /** The highest rate each engine sustained with bounded pending memory, at its target rate: the capacity verdict. */
        CAPACITY
    }

    public Workload {
        benchmarks = List.copyOf(benchmarks);
        figures = List.copyOf(figures);
        marks = List.copyOf(marks);
        if (benchmarks.isEmpty() || figures.isEmpty()) {
            throw new IllegalArgumentException("workload " + id + " needs benchmarks and figures");
        }
    }

    /** The figure's metric name for {@code benchmark} ({@code {method}} replaced by its method). */
    public String figure(String figure, String benchmark) {
        return figure.replace(METHOD_PLACEHOLDER, benchmark.substring(benchmark.lastIndexOf('.') + 1));
    }

    /** Whether the swept variable is a JMH parameter (not the thread count, not the benchmark). */
    public boolean sweepsParameter() {
        return !sweep.equals(THREADS) && !sweep.equals(METHOD);
    }
}
