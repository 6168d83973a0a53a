package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * run.json (schema {@code smrlab-run/1}, docs/architecture.md): what was run, where and on what.
 * {@code jdk}, {@code jvmArgs} and {@code membarrier} describe the JVM the benchmarks forked on.
 * Beyond the documented fields it records {@code gitDirty}, {@code trials} and {@code failedTrials}.
 */
final class RunInfo {
    private RunInfo() {
    }

    static Map<String, Object> build(LabOptions o, String command, String startedAt, String finishedAt, JvmFacts jvm,
                                     List<String> engines, int trials, List<String> failed, Path repoRoot) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "smrlab-run/1");
        m.put("profile", o.profile());
        m.put("shard", ordered("index", o.shardIndex(), "count", o.shardCount()));
        m.put("command", command);
        m.put("startedAt", startedAt);
        m.put("finishedAt", finishedAt);
        m.put("jdk", ordered("version", jvm.get("java.version"), "vendor", jvm.get("java.vendor"), "vm", jvm.get("java.vm.name")));
        m.put("jvmArgs", jvm.forkArgs());
        m.put("cpu", ordered("model", cpuModel(jvm.get("os.arch")), "cores", parseIntOr(jvm.get("cores"),
                Runtime.getRuntime().availableProcessors())));
        m.put("os", jvm.get("os.name"));
        m.put("kernel", jvm.get("os.version"));
        m.put("membarrier", ordered("available", Boolean.parseBoolean(jvm.get("membarrier.available")),
                "status", jvm.get("membarrier.status")));
        m.put("gitCommit", git(repoRoot, "rev-parse", "--short", "HEAD"));
        m.put("gitDirty", gitDirty(repoRoot));
        m.put("engines", engines);
        m.put("trials", trials);
        m.put("failedTrials", failed);
        return m;
    }

    private static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static int parseIntOr(String s, int fallback) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The first "model name" of /proc/cpuinfo (Linux); else the architecture. */
    static String cpuModel(String arch) {
        Path info = Paths.get("/proc/cpuinfo");
        try {
            if (Files.isReadable(info)) {
                for (String line : Files.readAllLines(info, StandardCharsets.UTF_8)) {
                    if (line.startsWith("model name") && line.contains(":")) {
                        return line.substring(line.indexOf(':') + 1).strip();
                    }
                }
            }
        } catch (IOException e) {
            // fall through
        }
        return arch == null || arch.isEmpty() ? "unknown" : arch;
    }

    /** Output of a read-only git command in {@code root}, or "unknown". */
    static String git(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", root.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isEmpty()) {
                return "unknown";
            }
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Whether tracked files differ from HEAD ({@code git diff --quiet HEAD}); null when git cannot tell. */
    static Boolean gitDirty(Path root) {
        try {
            Process p = new ProcessBuilder("git", "-C", root.toString(), "diff", "--quiet", "HEAD", "--")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            int rc = p.exitValue();
            return rc == 0 ? Boolean.FALSE : rc == 1 ? Boolean.TRUE : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
