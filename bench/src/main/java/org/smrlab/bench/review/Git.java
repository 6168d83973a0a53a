package org.smrlab.bench.review;

import java.nio.file.Path;

/** The checkout's commit and whether it is dirty, read the way run.json reads them (the lab's RunRecorder). */
final class Git {
    private Git() {
    }

    static String commit(Path root) {
        String c = org.smrlab.bench.lab.RunFacts.gitCommit(root);
        return "unknown".equals(c) ? null : c;
    }

    static Boolean dirty(Path root) {
        return org.smrlab.bench.lab.RunFacts.gitDirty(root);
    }
}
