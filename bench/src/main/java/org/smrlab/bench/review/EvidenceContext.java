package org.smrlab.bench.review;

import java.io.PrintStream;
import java.nio.file.Path;
import org.smrlab.run.RunInfo;
import org.smrlab.run.review.SubRun;

/**
 * What an evidence step needs to know: the checkout, where to write, the review's JVMs.
 *
 * @param root          the checkout's root (the sources, scripts/, docs/)
 * @param evidenceDir   the review's {@code evidence/} folder (being written)
 * @param workDir       a scratch folder for logs and tool output, inside the review folder
 * @param classpath     the lab's class path (benchmarks.jar: smr-impls, bench, run-format)
 * @param defaultJava   the default JVM's java launcher
 * @param defaultJvm    its facts
 * @param jdk22         the JDK 22+'s java launcher, or null when the review has no membarrier sub-run
 * @param jdk22Jvm      its facts, or null
 * @param jdk22Absence  why there is no JDK 22+ sub-run; null when there is one
 * @param quick         the quick review
 * @param tiny          {@code --tiny}: the shortest runs that still exercise every step
 * @param out           progress messages
 */
public record EvidenceContext(Path root, Path evidenceDir, Path workDir, String classpath, String defaultJava,
                              RunInfo.Jvm defaultJvm, String jdk22, RunInfo.Jvm jdk22Jvm, String jdk22Absence, boolean quick,
                              boolean tiny, PrintStream out) {

    /** The java launcher of {@code r}, or null when the review has none for it. */
    public String java(SubRun r) {
        return r == SubRun.DEFAULT_JVM ? defaultJava : jdk22;
    }

    /** The facts of {@code r}'s JVM, or null. */
    public RunInfo.Jvm jvm(SubRun r) {
        return r == SubRun.DEFAULT_JVM ? defaultJvm : jdk22Jvm;
    }

    /** Prints one progress line, prefixed like the lab's. */
    public void say(String format, Object... args) {
        out.printf("[review] " + format + "%n", args);
    }
}
