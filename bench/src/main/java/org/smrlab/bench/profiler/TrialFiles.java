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

/**
 * The files one trial's fork writes beside the results: an HdrHistogram interval log per latency
 * metric under {@code hlog/}, and, for the stall suite, the pending series under {@code pending/}.
 *
 * <h2>Naming (docs/architecture.md)</h2>
 * {@code hlog/<benchmark>@<params>@<metric>@fork<N>.hlog} and
 * {@code pending/<benchmark>@<params>@fork<N>.csv}, where {@code <params>} is
 * {@code k=v;k=v} in key order with {@code threads=T} appended (two trials that differ only in
 * their thread count must not share a file), and every character outside
 * {@code [A-Za-z0-9._=;@-]} becomes {@code _}. Names longer than the file system allows are cut
 * and given a hash. The header lines carry the same facts unsanitized, and readers should prefer
 * them: {@code #[smrlab-hlog 1]}, {@code #[benchmark ...]}, {@code #[params ...]} (JMH parameters
 * only), {@code #[metric ...]}, {@code #[fork N]}, {@code #[threads T]}.
 *
 * <p>The fork number: a forked JVM is not told which fork it is, and the forks of one trial run one
 * after another, so the first free {@code N} is taken, atomically ({@code createFile}).
 */
public final class TrialFiles implements AutoCloseable {
    /** Metric name of the retire→free log. */
    public static final String R2F = "r2f";
    /** Metric name of the slow-path get log. */
    public static final String GET_SLOW = "get.slow";

    private static final int MAX_NAME = 200;

    private final String benchmark;
    private final String paramsText;
    private final int threads;
    private final String stem;
    private final int fork;
    private final long baseMillis;
    private final Map<String, HistogramLogWriter> logs = new LinkedHashMap<>();
    private final Map<String, PrintStream> streams = new LinkedHashMap<>();
    private final Path pendingDir;
    private BufferedWriter pending;

    /** Opens one log per metric under {@code dir/hlog} for the trial JMH describes; {@code baseMillis} is the logs' base time. */
    public static TrialFiles open(Path dir, BenchmarkParams bp, long baseMillis, String... metrics) {
        Map<String, String> params = new TreeMap<>();
        for (String k : bp.getParamsKeys()) {
            params.put(k, bp.getParam(k));
        }
        return new TrialFiles(dir, bp.getBenchmark(), params, bp.getThreads(), baseMillis, metrics);
    }

    /** Opens one log per metric under {@code dir/hlog}; {@code baseMillis} is the logs' base time. */
    public TrialFiles(Path dir, String benchmark, Map<String, String> params, int threads, long baseMillis, String... metrics) {
        this.benchmark = benchmark;
        this.paramsText = paramsText(params);
        this.threads = threads;
        this.stem = stem(benchmark, params, threads);
        this.baseMillis = baseMillis;
        this.pendingDir = dir.resolve("pending");
        Path hlogDir = dir.resolve("hlog");
        try {
            Files.createDirectories(hlogDir);
            this.fork = claimFork(hlogDir, metrics[0]);
            for (String m : metrics) {
                Path file = hlogDir.resolve(fileName(stem, m, fork, ".hlog"));
                PrintStream out = new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8);
                HistogramLogWriter w = new HistogramLogWriter(out);
                w.outputComment("[smrlab-hlog 1]");
                w.outputComment("[benchmark " + benchmark + "]");
                w.outputComment("[params " + paramsText + "]");
                w.outputComment("[metric " + m + "]");
                w.outputComment("[fork " + fork + "]");
                w.outputComment("[threads " + threads + "]");
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

    /** {@code k=v;k=v} in key order. */
    public static String paramsText(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }

    /** The sanitized {@code <benchmark>@<params;threads=T>} part of every file name. */
    public static String stem(String benchmark, Map<String, String> params, int threads) {
        String p = paramsText(params);
        return sanitize(benchmark + "@" + p + (p.isEmpty() ? "" : ";") + "threads=" + threads);
    }

    static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._=;@-]", "_");
    }

    static String fileName(String stem, String metric, int fork, String ext) {
        String tail = (metric == null ? "" : "@" + sanitize(metric)) + "@fork" + fork + ext;
        String s = stem;
        if (s.length() + tail.length() > MAX_NAME) {
            String hash = Integer.toHexString(stem.hashCode());
            s = stem.substring(0, MAX_NAME - tail.length() - hash.length() - 1) + "-" + hash;
        }
        return s + tail;
    }

    private int claimFork(Path hlogDir, String firstMetric) throws IOException {
        for (int n = 1; ; n++) {
            try {
                Files.createFile(hlogDir.resolve(fileName(stem, firstMetric, n, ".hlog")));
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
                pending = Files.newBufferedWriter(pendingDir.resolve(fileName(stem, null, fork, ".csv")), StandardCharsets.UTF_8);
                pending.write("#[benchmark " + benchmark + "]\n");
                pending.write("#[params " + paramsText + "]\n");
                pending.write("#[fork " + fork + "]\n");
                pending.write("#[threads " + threads + "]\n");
                pending.write("t_ms,pending\n");
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
