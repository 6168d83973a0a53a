package org.smrlab.reports;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one command-line argument holds: a run folder written by the lab launcher (run.json,
 * results.json or results.csv, hlog/*.hlog, pending/*.csv), or a bare JMH result file (.csv or
 * .json) as anyone running benchmarks.jar writes it.
 *
 * <p>Implementation notes. Everything is read and checked before any command writes a byte, so a
 * bad input never leaves half a report. A run folder's results.json is preferred to its
 * results.csv: both hold the same trials when the launcher wrote them, and the JSON also says
 * which JVM ran them. The report/ folder inside a run is output, never input.
 *
 * @param info    the run folder's run.json; null for a bare file
 * @param notes   what was read but ignored, and why (shown to the reader, never silently dropped)
 */
public record RunInput(Path path, String name, RunInfo info, ResultFile results, List<HlogFile> hlogs,
                       List<PendingSeries> pending, List<String> notes) {

    public static final String RESULTS_JSON = "results.json";
    public static final String RESULTS_CSV = "results.csv";
    public static final String HLOG_DIR = "hlog";
    public static final String PENDING_DIR = "pending";

    public RunInput {
        hlogs = List.copyOf(hlogs);
        pending = List.copyOf(pending);
        notes = List.copyOf(notes);
    }

    public boolean isFolder() {
        return info != null;
    }

    public static RunInput load(Path path) {
        if (!Files.exists(path)) {
            throw InputException.of(path, "no such file or folder");
        }
        if (Files.isDirectory(path)) {
            return loadFolder(path);
        }
        String name = path.getFileName().toString();
        if (name.equals(RunInfo.FILE)) {
            return loadFolder(path.toAbsolutePath().getParent());
        }
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        String text = readText(path);
        ResultFile results;
        if (lower.endsWith(".csv")) {
            results = JmhCsvReader.read(path, text);
        } else if (lower.endsWith(".json")) {
            results = JmhJsonReader.read(path, text);
        } else {
            results = sniff(path, text);
        }
        return new RunInput(path, name, null, results, List.of(), List.of(), List.of());
    }

    /** A result file with another extension (JMH's -rff takes any name): recognised by its first characters. */
    private static ResultFile sniff(Path path, String text) {
        String start = text.stripLeading();
        if (start.startsWith("[")) {
            return JmhJsonReader.read(path, text);
        }
        if (start.startsWith("\"Benchmark\",") || start.startsWith("Benchmark,")) {
            return JmhCsvReader.read(path, text);
        }
        String hint = start.startsWith("Benchmark ") ? " (this looks like JMH's -rf text, which is for people; rerun with -rf csv or -rf json)" : "";
        throw new InputException(path, 1, 1, "unknown format: expected JMH -rf csv or -rf json output, or a run folder with run.json" + hint);
    }

    private static RunInput loadFolder(Path dir) {
        Path runJson = dir.resolve(RunInfo.FILE);
        if (!Files.isRegularFile(runJson)) {
            throw InputException.of(dir, "not a run folder: no " + RunInfo.FILE
                    + " (pass a bare JMH result file by its own path)");
        }
        RunInfo info = RunInfo.read(runJson, readText(runJson));
        Path json = dir.resolve(RESULTS_JSON);
        Path csv = dir.resolve(RESULTS_CSV);
        ResultFile results;
        if (Files.isRegularFile(json)) {
            results = JmhJsonReader.read(json, readText(json));
        } else if (Files.isRegularFile(csv)) {
            results = JmhCsvReader.read(csv, readText(csv));
        } else {
            throw InputException.of(dir, "run folder without " + RESULTS_JSON + " or " + RESULTS_CSV);
        }
        List<HlogFile> hlogs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path p : list(dir.resolve(HLOG_DIR), HlogFile.EXTENSION, "")) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(p);
            } catch (IOException e) {
                throw InputException.of(p, "not readable: " + e.getMessage());
            }
            if (bytes.length == 0) {
                // the profiler claims a fork's file before writing it: an empty one is a fork that died
                notes.add(p + ": empty interval log ignored (a fork that wrote nothing)");
                continue;
            }
            hlogs.add(HlogFile.read(p, bytes));
        }
        List<PendingSeries> pending = new ArrayList<>();
        for (Path p : list(dir.resolve(PENDING_DIR), ".csv", "")) {
            pending.add(PendingSeries.read(p, readText(p)));
        }
        for (Path p : list(dir, ".csv", "pending-")) {
            pending.add(PendingSeries.read(p, readText(p)));
        }
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return new RunInput(dir, name == null ? dir.toString() : name.toString(), info, results, hlogs, pending, notes);
    }

    /** Regular files directly in {@code dir} with that suffix and prefix, sorted by name; none if no folder. */
    private static List<Path> list(Path dir, String suffix, String prefix) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(suffix) && p.getFileName().toString().startsWith(prefix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw InputException.of(dir, "cannot list: " + e.getMessage());
        }
    }

    static String readText(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw InputException.of(file, "not UTF-8 text (is this a result file?)");
        } catch (IOException e) {
            throw InputException.of(file, "not readable: " + e.getMessage());
        }
    }
}
