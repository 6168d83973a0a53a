package org.smrlab.bench.lab;

import java.nio.file.Path;
import org.smrlab.run.EngineFacts;
import org.smrlab.smr.engine.EngineType;

/** What run.json records about the checkout and the engines, for the review's evidence steps (outside this package). */
public final class RunFacts {
    private RunFacts() {
    }

    /** The short commit of {@code root}, or "unknown". */
    public static String gitCommit(Path root) {
        return RunRecorder.git(root, "rev-parse", "--short", "HEAD");
    }

    /** Whether tracked files differ from HEAD; null when git cannot tell. */
    public static Boolean gitDirty(Path root) {
        return RunRecorder.gitDirty(root);
    }

    /** One engine of the catalogue as run.json records it. */
    public static EngineFacts facts(EngineType t) {
        return RunRecorder.facts(t);
    }
}
