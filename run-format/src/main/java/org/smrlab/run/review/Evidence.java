package org.smrlab.run.review;

/**
 * One evidence file of a review ({@link EvidenceKind}): a typed record with a schema tag, written
 * and read only through {@link EvidenceJson}.
 */
public sealed interface Evidence permits LitmusEvidence, TortureEvidence, TestsEvidence, SourceEvidence, FactsEvidence {

    /** The schema tag the file carries ({@code smrlab-litmus/1}, ...). */
    String schema();

    /**
     * How one part of the evidence (a JVM's litmus run, the tests, ...) ended.
     */
    enum Status {
        /** It ran to the end; its results are in the file (passing or not: see each result's verdict). */
        DONE,
        /** It was started and did not finish: the note says why; what it produced before is kept. */
        FAILED,
        /** It was not run: the note says why (no JDK 22+ installed, --no-jdk22, a tool missing). */
        ABSENT
    }
}
