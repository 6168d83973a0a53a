package org.smrlab.run.review;

import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * {@code evidence/torture.json}: the torture harness (readers, writers, thread churn and stalled
 * readers over the SMR hash set and pool) run a few seconds per engine, per JVM, with its counts.
 * The {@code broken} engine runs too and must be caught.
 *
 * @param schema {@value #SCHEMA}
 * @param runs   one per JVM, default JVM first
 */
public record TortureEvidence(String schema, List<Run> runs) implements Evidence {
    public static final String SCHEMA = "smrlab-torture/1";

    public TortureEvidence {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * The harness on one JVM.
     *
     * @param subRun  which JVM of the review
     * @param jvm     that JVM; null when absent
     * @param command the command that ran it
     * @param status  done, failed or absent
     * @param note    why failed or absent; null when nothing
     * @param engines one result per engine spec, in the order run
     */
    public record Run(SubRun subRun, RunInfo.Jvm jvm, String command, Evidence.Status status, String note,
                      List<Result> engines) {
        public Run {
            engines = engines == null ? List.of() : List.copyOf(engines);
        }
    }

    /**
     * One engine's torture run.
     *
     * @param spec             the spec asked for
     * @param canonical        the engine's own name() on that JVM (knobs resolved: {@code barrier=membarrier})
     * @param expectDetections true for an engine unsafe by design: detections are what it must produce
     * @param seconds          how long it ran
     * @param ops              operations of all threads
     * @param uaf              use-after-free detections by readers
     * @param lost             retired nodes never freed (expected = retired for an engine that never frees)
     * @param doubleFrees      nodes freed twice
     * @param writeAfterFree   nodes whose poison was damaged when reused
     * @param retired          nodes retired
     * @param peakPending      the most nodes retired and not yet freed at once
     * @param footprint        the pool's peak footprint (nodes)
     * @param error            what else went wrong (an exception, a hung thread), or null
     * @param verdict          the harness's verdict
     */
    public record Result(String spec, String canonical, boolean expectDetections, double seconds, long ops, long uaf,
                         long lost, long doubleFrees, long writeAfterFree, long retired, long peakPending, long footprint,
                         String error, Verdict verdict) {
    }

    /** The harness's verdict on one engine. */
    public enum Verdict {
        /** A safe engine: no detection, nothing lost, no double free, no error. */
        CLEAN(true),
        /** A safe engine with a detection, a loss, a double free or an error. */
        FAILED(false),
        /** An engine unsafe by design whose use-after-frees were detected, as they must be. */
        CAUGHT(true),
        /** An engine unsafe by design that ran without a detection: the detectors missed it. */
        MISSED(false);

        private final boolean acceptable;

        Verdict(boolean acceptable) {
            this.acceptable = acceptable;
        }

        public boolean acceptable() {
            return acceptable;
        }
    }

    @Override
    public String schema() {
        return schema;
    }
}
