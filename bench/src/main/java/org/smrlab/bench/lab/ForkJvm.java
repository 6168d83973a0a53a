package org.smrlab.bench.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.smrlab.run.JdkVersion;

/**
 * The JVM the benchmarks fork on: its facts (from {@link JvmProbe} run on it) and the flags the
 * lab gives its forks.
 *
 * <p>Fork flags: {@code -Xmx2g} (room for the stall suite's cap of pending nodes, the same on every
 * machine); on JDK 22 and later {@code --enable-native-access=ALL-UNNAMED} (membarrier goes through
 * the FFM API); on JDK 23 and later {@code --sun-misc-unsafe-memory-access=allow} (quiets JMH's
 * use of Unsafe, JEP 471).
 *
 * @param java     the launcher
 * @param feature  its feature release
 * @param forkArgs the flags the forks get
 * @param facts    what the probe printed ({@code java.version=25.0.3}, ...)
 * @param engines  for each engine spec the probe was given, the engine's {@code name()} as built on that
 *                 JVM with those flags (its canonical spec, knobs resolved); absent where it could not be built
 */
public record ForkJvm(String java, int feature, List<String> forkArgs, Map<String, String> facts, Map<String, String> engines) {

    /**
     * Probes {@code java} (null: the JVM running the lab) using {@code classpath} for the probe
     * class, and builds each of {@code specs} there to learn its canonical spec.
     */
    public static ForkJvm probe(String java, String classpath, List<String> specs) {
        String launcher = java != null ? java : Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> f = run(launcher, List.of(), classpath, List.of(JvmProbe.FEATURE_ONLY));
        int feature = JdkVersion.feature(f.get("java.version")).orElseThrow(() ->
                new IllegalStateException(launcher + " did not report its version; is it a JDK 17 or later?"));
        if (feature < 17) {
            throw new UsageException(launcher + " is JDK " + feature + "; the lab needs JDK 17 or later");
        }
        List<String> args = forkArgs(feature);
        Map<String, String> facts = run(launcher, args, classpath, specs);
        Map<String, String> engines = new LinkedHashMap<>();
        for (int i = 0; i < specs.size(); i++) {
            String name = facts.remove(JvmProbe.ENGINE_PREFIX + i);
            if (name != null) {
                engines.put(specs.get(i), name);
            }
        }
        facts.keySet().removeIf(k -> k.startsWith(JvmProbe.ENGINE_PREFIX));
        return new ForkJvm(launcher, feature, args, facts, engines);
    }

    /** The flags for forks on a JDK of this feature version. */
    public static List<String> forkArgs(int feature) {
        List<String> a = new ArrayList<>();
        a.add("-Xmx2g");
        if (feature >= JdkVersion.FFM) {
            a.add("--enable-native-access=ALL-UNNAMED");
        }
        if (feature >= 23) {
            a.add("--sun-misc-unsafe-memory-access=allow");
        }
        return a;
    }

    private static Map<String, String> run(String launcher, List<String> flags, String classpath, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(launcher);
        cmd.addAll(flags);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(JvmProbe.class.getName());
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("the JVM probe on " + launcher + " did not finish in 60 s");
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    m.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            return m;
        } catch (IOException e) {
            throw new UsageException("cannot run " + launcher + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String get(String key) {
        return facts.getOrDefault(key, "");
    }
}
