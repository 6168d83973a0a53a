package org.smrlab.bench.review;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion with its output in a log file; the evidence steps' one way to start a process. */
final class Fork {
    private Fork() {
    }

    /**
     * Runs {@code command} in {@code dir} with stdout and stderr to {@code log}; returns its exit status,
     * or -1 when it did not finish in {@code timeoutSeconds} (it is then killed).
     */
    static int run(List<String> command, Path dir, Path log, long timeoutSeconds, java.util.Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p = pb.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    /** The last {@code n} lines of a log, for messages. */
    static String tail(Path log, int n) {
        try {
            List<String> lines = java.nio.file.Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
