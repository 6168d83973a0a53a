package org.smrlab.run.review;

import org.smrlab.run.RunFolder;

/**
 * The two JVMs a review runs its trials on, each a normal run folder inside the review's folder.
 * The folder names are roles, fixed so that readers find them; each sub-run's run.json says which
 * JVM it really was.
 */
public enum SubRun {
    /** The default JVM (the lab's JDK 17 baseline): gus-lazy and pserialize run their fenced read side there. */
    DEFAULT_JVM(RunFolder.DEFAULT_JVM_DIR, "the default JVM (JDK 17: no membarrier, fenced read sides)"),
    /** A JDK 22+ found by {@code scripts/find-jdk22}: gus-lazy's ticker and pserialize's grace periods issue membarrier(2). */
    MEMBARRIER_JVM(RunFolder.MEMBARRIER_JVM_DIR, "a JDK 22+ (membarrier(2) through the FFM API)");

    private final String dir;
    private final String words;

    SubRun(String dir, String words) {
        this.dir = dir;
        this.words = words;
    }

    /** The sub-run's folder inside the review's run folder. */
    public String dir() {
        return dir;
    }

    public String words() {
        return words;
    }
}
