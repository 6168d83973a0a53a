package org.smrlab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The layout of a run folder and how it is named, created and completed: the one definition the
 * lab (which writes it) and the reports (which read it) share.
 * <pre>
 *   &lt;out&gt;/&lt;profile&gt;-&lt;yyyyMMdd-HHmmss&gt;[-shard&lt;i&gt;of&lt;n&gt;]/
 *     run.json       what ran, where, on what; every trial with its engine (RunInfo, schema smrlab-run/2)
 *     results.csv    JMH's CSV format, every trial of the run
 *     results.json   JMH's JSON format, likewise
 *     hlog/          HdrHistogram interval logs, one per trial, metric and fork (TrialFileNames, TrialHeader)
 *     pending/       stall trials: pending nodes over time, one per trial and fork
 *     report/        the HTML report, written by the reports tool
 * </pre>
 * The timestamp is the UTC start. A folder is written as {@code <out>/.<name>.tmp} and renamed to
 * {@code <out>/<name>} when complete, so a name without the leading dot is a complete run; a name
 * already taken gets {@code -2}, {@code -3}, ... appended.
 */
public final class RunFolder {
    public static final String RUN_JSON = "run.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String RESULTS_JSON = "results.json";
    public static final String HLOG_DIR = "hlog";
    public static final String PENDING_DIR = "pending";
    public static final String REPORT_DIR = "report";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String IN_PROGRESS_SUFFIX = ".tmp";

    private RunFolder() {
    }

    /** {@code <profile>-<yyyyMMdd-HHmmss>[-shard<i>of<n>]}: the shard suffix only when there are several. */
    public static String name(String profile, Instant started, int shardIndex, int shardCount) {
        return profile + "-" + STAMP.format(started) + (shardCount > 1 ? "-shard" + shardIndex + "of" + shardCount : "");
    }

    /** Where a run named {@code name} is written until it is complete: {@code .<name>.tmp}. */
    public static String inProgressName(String name) {
        return "." + name + IN_PROGRESS_SUFFIX;
    }

    /** Creates {@code <out>/.<name>.tmp} (and {@code out}); returns it. */
    public static Path begin(Path out, String name) throws IOException {
        return Files.createDirectories(out.resolve(inProgressName(name)));
    }

    /** Renames the finished {@code inProgress} folder to {@code <out>/<name>}, or {@code <name>-2}, ... if taken. */
    public static Path complete(Path inProgress, Path out, String name) {
        Path target = out.resolve(name);
        for (int n = 2; Files.exists(target); n++) {
            target = out.resolve(name + "-" + n);
        }
        try {
            return Files.move(inProgress, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rename " + inProgress + " to " + target, e);
        }
    }

    /** Whether {@code dir} is a complete run folder: its name has no leading dot and it holds run.json. */
    public static boolean isComplete(Path dir) {
        Path name = dir.getFileName();
        return name != null && !name.toString().startsWith(".") && Files.isRegularFile(dir.resolve(RUN_JSON));
    }

    /** The newest complete run folder of {@code profile} directly in {@code out}, by name (the name holds the time). */
    public static Optional<Path> newest(Path out, String profile) throws IOException {
        if (!Files.isDirectory(out)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.filter(p -> p.getFileName().toString().startsWith(profile + "-"))
                    .filter(RunFolder::isComplete)
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }
}
