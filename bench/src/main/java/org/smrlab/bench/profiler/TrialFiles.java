package org.smrlab.bench.profiler;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunFolder;
import org.smrlab.run.TrialFileNames;
import org.smrlab.run.TrialHeader;

/**
 * The files one trial's fork writes beside the results: an HdrHistogram interval log per latency
 * metric under {@code hlog/}, and, for the stall suite, the pending series under {@code pending/}.
 * Names and headers are run-format's ({@link TrialFileNames}, {@link TrialHeader}): the reports
 * read them through the same definitions.
 *
 * <p>The fork number: a forked JVM is not told which fork it is, and the forks of one trial run one
 * after another, so the first free {@code N} is taken, atomically ({@code createFile}).
 */
public final class TrialFiles implements AutoCloseable {
    private final TrialHeader header;
    private final String stem;
    private final int fork;
    private final long baseMillis;
    private final Map<String, HistogramLogWriter> logs = new LinkedHashMap<>();
    private final Map<String, PrintStream> streams = new LinkedHashMap<>();
    private final Path pendingDir;
    private BufferedWriter pending;

    /** Opens one log per metric under {@code dir/hlog} for the trial JMH describes; {@code baseMillis} is the logs' base time. */
    public static TrialFiles open(Path dir, BenchmarkParams bp, long baseMillis, String... logNames) {
        Map<String, String> params = new TreeMap<>();
        for (String k : bp.getParamsKeys()) {
            params.put(k, bp.getParam(k));
        }
        return new TrialFiles(dir, bp.getBenchmark(), params, bp.getThreads(), baseMillis, logNames);
    }

    /** Opens one log per name ({@link Metrics#R2F_LOG}, ...) under {@code dir/hlog}; {@code baseMillis} is the logs' base time. */
    public TrialFiles(Path dir, String benchmark, Map<String, String> params, int threads, long baseMillis, String... logNames) {
        this.stem = TrialFileNames.stem(benchmark, params, threads);
        this.baseMillis = baseMillis;
        this.pendingDir = dir.resolve(RunFolder.PENDING_DIR);
        Path hlogDir = dir.resolve(RunFolder.HLOG_DIR);
        TreeMap<String, String> sorted = new TreeMap<>(params);
        try {
            Files.createDirectories(hlogDir);
            this.fork = claimFork(hlogDir, logNames[0]);
            this.header = new TrialHeader(TrialHeader.Kind.PENDING, benchmark, sorted, null, fork, threads);
            for (String m : logNames) {
                Path file = hlogDir.resolve(TrialFileNames.hlog(stem, m, fork));
                PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
                HistogramLogWriter w = new HistogramLogWriter(out);
                for (String line : new TrialHeader(TrialHeader.Kind.HLOG, benchmark, sorted, m, fork, threads).lines()) {
                    w.outputComment(line.substring(1)); // the writer adds the '#'
                }
                w.outputLogFormatVersion();
                w.outputStartTime(baseMillis);
                w.setBaseTime(baseMillis);
                w.outputBaseTime(baseMillis);
                w.outputLegend();
                out.flush();
                logs.put(m, w);
                streams.put(m, out);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("SmrProfiler: cannot write the histogram logs under " + hlogDir, e);
        }
    }

    private int claimFork(Path hlogDir, String firstMetric) throws IOException {
        for (int n = 1; ; n++) {
            try {
                Files.createFile(hlogDir.resolve(TrialFileNames.hlog(stem, firstMetric, n)));
                return n;
            } catch (FileAlreadyExistsException taken) {
                // an earlier fork of this trial
            }
        }
    }

    public int fork() {
        return fork;
    }

    /** Appends one interval, stamped [startMillis, endMillis], to the metric's log. */
    public void interval(String metric, Histogram h, long startMillis, long endMillis) {
        HistogramLogWriter w = logs.get(metric);
        if (w == null) {
            return;
        }
        h.setStartTimeStamp(Math.max(startMillis, baseMillis));
        h.setEndTimeStamp(Math.max(endMillis, startMillis));
        w.outputIntervalHistogram(h);
        streams.get(metric).flush();
    }

    /** Appends (t_ms, pending) points to {@code pending/<trial>.csv}, creating it with its header first. */
    public void pendingSeries(double[] tMillis, long[] pendingNodes) {
        try {
            if (pending == null) {
                Files.createDirectories(pendingDir);
                pending = Files.newBufferedWriter(pendingDir.resolve(TrialFileNames.pending(stem, fork)), StandardCharsets.UTF_8);
                for (String line : header.lines()) {
                    pending.write(line + "\n");
                }
                pending.write(TrialHeader.PENDING_COLUMNS + "\n");
            }
            StringBuilder b = new StringBuilder(tMillis.length * 16);
            for (int i = 0; i < tMillis.length; i++) {
                long micros = Math.max(0, Math.round(tMillis[i] * 1000)); // t_ms with 3 decimals, without String.format
                long frac = micros % 1000;
                b.append(micros / 1000).append('.').append(frac < 100 ? "0" : "").append(frac < 10 ? "0" : "").append(frac)
                        .append(',').append(pendingNodes[i]).append('\n');
            }
            pending.write(b.toString());
            pending.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("SmrProfiler: cannot write the pending series under " + pendingDir, e);
        }
    }

    @Override
    public void close() {
        for (PrintStream s : streams.values()) {
            s.close();
        }
        streams.clear();
        logs.clear();
        if (pending != null) {
            try {
                pending.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            pending = null;
        }
    }
}
