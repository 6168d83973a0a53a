package org.smrlab.bench.lab;

import org.smrlab.smr.engine.Membarrier;

/**
 * Prints the facts of the JVM it runs on as {@code key=value} lines: the lab runs it on the JVM
 * the benchmarks will fork on ({@code --jvm}), with the same flags, so run.json describes that JVM
 * and not the launcher's. With the argument {@code feature} it prints only the feature version
 * (and touches no native code), which is what the lab needs to choose the flags.
 */
public final class JvmProbe {
    private JvmProbe() {
    }

    public static void main(String[] args) {
        int feature = Runtime.version().feature();
        if (args.length > 0 && args[0].equals("feature")) {
            System.out.println("feature=" + feature);
            return;
        }
        line("feature", String.valueOf(feature));
        line("java.version", System.getProperty("java.version"));
        line("java.vendor", System.getProperty("java.vendor"));
        line("java.vm.name", System.getProperty("java.vm.name"));
        line("os.name", System.getProperty("os.name"));
        line("os.version", System.getProperty("os.version"));
        line("os.arch", System.getProperty("os.arch"));
        line("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        line("membarrier.available", String.valueOf(Membarrier.available()));
        line("membarrier.status", Membarrier.status());
    }

    private static void line(String k, String v) {
        System.out.println(k + "=" + (v == null ? "" : v.replace('\n', ' ')));
    }
}
