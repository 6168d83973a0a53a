package org.smrlab.run.review;

import org.smrlab.run.RunFolder;

/**
 * The evidence files of a review, each under {@code evidence/} of the review's folder, each a typed
 * record of this package written and read only through {@link EvidenceJson}. They hold what the
 * build proves outside JMH and the fact tables the review cites; they are written once per review,
 * by the review command (in shard 1 of a sharded review).
 */
public enum EvidenceKind {
    /** jcstress litmus tests of this build, per JVM: {@link LitmusEvidence}. */
    LITMUS(RunFolder.LITMUS_JSON, LitmusEvidence.class),
    /** torture runs of every engine, per JVM: {@link TortureEvidence}. */
    TORTURE(RunFolder.TORTURE_JSON, TortureEvidence.class),
    /** the JUnit tests the review cites, run by the command: {@link TestsEvidence}. */
    TESTS(RunFolder.TESTS_JSON, TestsEvidence.class),
    /** sizes computed from this checkout's source: {@link SourceEvidence}. */
    SOURCE(RunFolder.SOURCE_JSON, SourceEvidence.class),
    /** fact tables the review cites, written from their one owner in code: {@link FactsEvidence}. */
    FACTS(RunFolder.FACTS_JSON, FactsEvidence.class);

    private final String file;
    private final Class<? extends Evidence> type;

    EvidenceKind(String file, Class<? extends Evidence> type) {
        this.file = file;
        this.type = type;
    }

    /** The file name under {@code evidence/}. */
    public String file() {
        return file;
    }

    /** The record the file holds. */
    public Class<? extends Evidence> type() {
        return type;
    }
}
