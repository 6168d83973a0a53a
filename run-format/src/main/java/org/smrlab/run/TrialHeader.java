package org.smrlab.run;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The comment lines that open a trial's interval log ({@code hlog/*.hlog}) and pending series
 * ({@code pending/*.csv}), naming the trial exactly (file names are sanitized and may be cut):
 * <pre>
 *   #[smrlab-hlog 1]            (interval logs) or #[smrlab-pending 1] (pending series)
 *   #[benchmark org.smrlab.bench.ReclamationBench.mixed]
 *   #[params batch=default;engine=gus;keys=4096;readRatio=0.9;section=lookup]
 *   #[metric r2f]               (interval logs only)
 *   #[fork 1]
 *   #[threads 2]
 * </pre>
 * {@code params} holds the JMH parameters only, in key order (as {@link TrialFileNames#paramsText});
 * the thread count is its own line. A pending series then has the CSV header {@link #PENDING_COLUMNS}.
 *
 * @param kind      which file this header opens
 * @param benchmark the JMH benchmark, fully qualified; null when a file read lacks the line
 * @param params    the JMH parameters; null when a file read lacks the line
 * @param metric    the interval log's metric ({@link Metrics#R2F_LOG}, ...); null for a pending series
 * @param fork      1-based fork of the trial; null when a file read lacks the line
 * @param threads   the trial's threads; null when a file read lacks the line
 */
public record TrialHeader(Kind kind, String benchmark, SortedMap<String, String> params, String metric, Integer fork,
                          Integer threads) {

    /** The columns of a pending series, after its header. */
    public static final String PENDING_COLUMNS = "t_ms,pending";

    /** The two files a trial writes, each with its version tag. */
    public enum Kind {
        HLOG("smrlab-hlog 1"), PENDING("smrlab-pending 1");

        private final String tag;

        Kind(String tag) {
            this.tag = tag;
        }

        /** The first line's text, between {@code #[} and {@code ]}. */
        public String tag() {
            return tag;
        }
    }

    public TrialHeader {
        params = params == null ? null : Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The header's lines, each starting with {@code #}. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add("#[" + kind.tag() + "]");
        l.add("#[benchmark " + benchmark + "]");
        l.add("#[params " + TrialFileNames.paramsText(params) + "]");
        if (kind == Kind.HLOG) {
            l.add("#[metric " + metric + "]");
        }
        l.add("#[fork " + fork + "]");
        l.add("#[threads " + threads + "]");
        return l;
    }

    /**
     * Reads the header lines among {@code lines} ({@code #[key value]}; other lines are skipped):
     * whatever it finds, leaving the rest null. A {@code fork} or {@code threads} that is not a whole
     * number throws, naming the line.
     */
    public static TrialHeader parse(Kind kind, List<String> lines) {
        String benchmark = null;
        SortedMap<String, String> params = null;
        String metric = null;
        Integer fork = null;
        Integer threads = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.startsWith("#[") || !line.endsWith("]")) {
                continue;
            }
            String body = line.substring(2, line.length() - 1);
            int space = body.indexOf(' ');
            String key = space < 0 ? body : body.substring(0, space);
            String value = space < 0 ? "" : body.substring(space + 1).strip();
            switch (key) {
                case "benchmark" -> benchmark = value;
                case "params" -> params = parseParams(value);
                case "metric" -> metric = value;
                case "fork" -> fork = number(i + 1, key, value);
                case "threads" -> threads = number(i + 1, key, value);
                default -> { }
            }
        }
        return new TrialHeader(kind, benchmark, params, metric, fork, threads);
    }

    /** Whether the header names its trial exactly (benchmark and params; threads may be missing in old files). */
    public boolean namesTrial() {
        return benchmark != null && params != null;
    }

    /** Whether this header's trial is {@code benchmark} with {@code params} at {@code threads}. */
    public boolean isTrial(String benchmark, SortedMap<String, String> params, int threads) {
        return namesTrial() && this.benchmark.equals(benchmark) && this.params.equals(params)
                && (this.threads == null || this.threads == threads);
    }

    static SortedMap<String, String> parseParams(String text) {
        SortedMap<String, String> params = new TreeMap<>();
        for (String pair : text.split(";")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            params.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return params;
    }

    private static int number(int line, String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new RunFormatException(line, key.length() + 4, "header #[" + key + " N]: '" + value + "' is not a whole number");
        }
    }
}
