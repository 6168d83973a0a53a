package org.smrlab.bench.lab;

import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.engine.Membarrier;

/**
 * Prints the facts of the JVM it runs on as {@code key=value} lines: the lab runs it on the JVM
 * the benchmarks will fork on ({@code --jvm}), with the same flags, so run.json describes that JVM
 * and not the launcher's. Every other argument is an engine spec: it builds that engine once and
 * prints its {@code name()} as {@code engine.<i>=<canonical spec>}, which is what the trials'
 * engines call themselves there ({@code barrier=auto} resolved to what that JVM can do). With the
 * single argument {@value #FEATURE_ONLY} it prints only the version (and touches no native code),
 * which is what the lab needs to choose the flags.
 */
public final class JvmProbe {
    static final String FEATURE_ONLY = "--version-only";
    static final String ENGINE_PREFIX = "engine.";

    private JvmProbe() {
    }

    public static void main(String[] args) {
        line("java.version", System.getProperty("java.version"));
        if (args.length == 1 && args[0].equals(FEATURE_ONLY)) {
            return;
        }
        line("java.vendor", System.getProperty("java.vendor"));
        line("java.vm.name", System.getProperty("java.vm.name"));
        line("java.vm.version", System.getProperty("java.vm.version"));
        line("os.name", System.getProperty("os.name"));
        line("os.version", System.getProperty("os.version"));
        line("os.arch", System.getProperty("os.arch"));
        line("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        line("membarrier.available", String.valueOf(Membarrier.available()));
        line("membarrier.status", Membarrier.status());
        for (int i = 0; i < args.length; i++) {
            try (Reclaimer<Object> r = Engines.create(args[i], x -> { })) {
                line(ENGINE_PREFIX + i, r.name());
            } catch (RuntimeException e) {
                // not buildable on this JVM (barrier=membarrier without FFM): its trials will fail and say why
            }
        }
    }

    private static void line(String k, String v) {
        System.out.println(k + "=" + (v == null ? "" : v.replace('\n', ' ')));
    }
}
