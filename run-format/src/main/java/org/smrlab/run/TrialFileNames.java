package org.smrlab.run;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a trial's files under {@code hlog/} and {@code pending/}:
 * <pre>
 *   hlog/&lt;stem&gt;@&lt;metric&gt;@fork&lt;N&gt;.hlog        pending/&lt;stem&gt;@fork&lt;N&gt;.csv
 *   stem = &lt;benchmark&gt;@&lt;k=v;k=v;...;threads=T&gt;
 * </pre>
 * The parameters are in key order with the thread count appended (two trials that differ only in
 * their thread count must not share a file); every character outside {@code [A-Za-z0-9._=;@-]}
 * becomes {@code _}; a name longer than {@value #MAX_NAME} characters keeps the start of its stem
 * and gets a hash of the whole stem. The names are for people and for pairing forks; the header
 * ({@link TrialHeader}) carries the same facts unsanitized, and readers prefer it.
 */
public final class TrialFileNames {
    public static final String HLOG_EXTENSION = ".hlog";
    public static final String PENDING_EXTENSION = ".csv";
    /** Longest file name written. */
    public static final int MAX_NAME = 200;

    private static final Pattern FORK = Pattern.compile("@fork(\\d+)$");

    private TrialFileNames() {
    }

    /** {@code k=v;k=v} in key order: the params text of stems and headers. */
    public static String paramsText(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> b.append(b.length() == 0 ? "" : ";").append(k).append('=').append(v));
        return b.toString();
    }

    /** The sanitized {@code <benchmark>@<params;threads=T>} part of a trial's file names. */
    public static String stem(String benchmark, Map<String, String> params, int threads) {
        String p = paramsText(params);
        return sanitize(benchmark + "@" + p + (p.isEmpty() ? "" : ";") + "threads=" + threads);
    }

    static String sanitize(String s) {
        return s.replaceAll("[^A-Za-z0-9._=;@-]", "_");
    }

    /** {@code <stem>@<metric>@fork<N>.hlog}. */
    public static String hlog(String stem, String metric, int fork) {
        return fit(stem, "@" + sanitize(metric) + "@fork" + fork + HLOG_EXTENSION);
    }

    /** {@code <stem>@fork<N>.csv}. */
    public static String pending(String stem, int fork) {
        return fit(stem, "@fork" + fork + PENDING_EXTENSION);
    }

    private static String fit(String stem, String tail) {
        if (stem.length() + tail.length() <= MAX_NAME) {
            return stem + tail;
        }
        String hash = Integer.toHexString(stem.hashCode());
        return stem.substring(0, MAX_NAME - tail.length() - hash.length() - 1) + "-" + hash + tail;
    }

    /** What a name says: the stem, the metric (hlogs only; null for a pending series) and the fork. */
    public record Parsed(String stem, String metric, int fork) {
    }

    /** Reads an hlog file name; empty when it is not {@code <stem>@<metric>@fork<N>.hlog}. */
    public static Optional<Parsed> parseHlog(String fileName) {
        if (!fileName.endsWith(HLOG_EXTENSION)) {
            return Optional.empty();
        }
        String base = fileName.substring(0, fileName.length() - HLOG_EXTENSION.length());
        Matcher m = FORK.matcher(base);
        if (!m.find()) {
            return Optional.empty();
        }
        String rest = base.substring(0, m.start());
        int at = rest.lastIndexOf('@');
        if (at <= 0 || rest.indexOf('@') == at) {
            return Optional.empty(); // needs <benchmark>@<params>@<metric>
        }
        return Optional.of(new Parsed(rest.substring(0, at), rest.substring(at + 1), Integer.parseInt(m.group(1))));
    }

    /** Reads a pending-series file name; the fork is empty when the name has no {@code @fork<N>}. */
    public static Parsed parsePending(String fileName) {
        String base = fileName.endsWith(PENDING_EXTENSION)
                ? fileName.substring(0, fileName.length() - PENDING_EXTENSION.length()) : fileName;
        Matcher m = FORK.matcher(base);
        return m.find() ? new Parsed(base.substring(0, m.start()), null, Integer.parseInt(m.group(1))) : new Parsed(base, null, 1);
    }

    /** Does {@code stem} name this trial? (A stem cut and hashed for length cannot be matched: use the header.) */
    public static boolean names(String stem, String benchmark, Map<String, String> params, int threads) {
        return stem.equals(stem(benchmark, params, threads));
    }
}
