package org.smrlab.bench.review;

import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;

/**
 * One evidence file of the review and how it is made. Each step writes its file whole through
 * run-format's {@code EvidenceJson}; a part that cannot run (a JVM the machine lacks, a tool missing)
 * is recorded in the file as absent with why, never left out silently.
 */
public interface EvidenceStep {

    /** Which file it makes. */
    EvidenceKind kind();

    /** Its estimated wall time on 2 quiet cores, in seconds, for the dry run. */
    double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22);

    /** What it will do, in a line, for the dry run. */
    String describe(boolean quick, boolean tiny, boolean withJdk22);

    /** Makes the evidence; throws only when nothing at all could be made. */
    Evidence run(EvidenceContext c) throws Exception;
}
