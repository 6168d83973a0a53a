package org.smrlab.run.review;

import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * {@code evidence/litmus.json}: the jcstress litmus suite of this build ({@code scripts/litmus}, quick
 * mode), one run per JVM, each test with its engine and barrier pair in the review's four-operation
 * form (from the test's own {@code @Pair} annotation in the litmus module), what it is expected to
 * show, the outcome counts and the verdict.
 *
 * @param schema {@value #SCHEMA}
 * @param runs   one per JVM, default JVM first
 */
public record LitmusEvidence(String schema, List<Run> runs) implements Evidence {
    public static final String SCHEMA = "smrlab-litmus/1";

    public LitmusEvidence {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * The suite on one JVM.
     *
     * @param subRun  which JVM of the review
     * @param jvm     that JVM (version, vendor, VM); null when absent
     * @param mode    the jcstress mode ({@code quick})
     * @param command the command that ran it
     * @param status  done, failed or absent
     * @param note    why failed or absent; what else a reader must know; null when nothing
     * @param seconds wall time, null when absent
     * @param tests   every litmus test of the build, run or not (a test not run has verdict MISSING or SKIPPED)
     */
    public record Run(SubRun subRun, RunInfo.Jvm jvm, String mode, String command, Evidence.Status status, String note,
                      Double seconds, List<Test> tests) {
        public Run {
            tests = tests == null ? List.of() : List.copyOf(tests);
        }
    }

    /**
     * One litmus test on one JVM.
     *
     * @param test           the jcstress test, fully qualified ({@code org.smrlab.litmus.holds.GusExitVsPoll})
     * @param engine         the engine whose pair it tests ({@code gus}), or a shape name for tests of a primitive
     * @param pair           the pair in the review's four-operation form
     * @param expected       what the test must show
     * @param verdict        what it showed here
     * @param forbidden      samples with the forbidden outcome, summed over configurations
     * @param interesting    samples with an outcome marked interesting (the {@code unobserved} tests' wrong outcome)
     * @param samples        all samples
     * @param jcstressStatus jcstress's own word for the test ({@code OK}, {@code FAILED}, {@code ERROR}); null when not run
     */
    public record Test(String test, String engine, Pair pair, Expectation expected, Verdict verdict, long forbidden,
                       long interesting, long samples, String jcstressStatus) {
    }

    /**
     * A barrier pair as the review asks for it: two barrier-type operations relating four memory
     * operations in two threads. If B's barrier observes A's (B's load sees A's store), A's access
     * happens-before B's access.
     *
     * @param aAccess  thread A's memory operation that must come first ({@code read node.data in the section})
     * @param aBarrier thread A's barrier-type operation ({@code exit: setRelease of the record})
     * @param bBarrier thread B's barrier-type operation that observes A's ({@code poll's scan: getAcquire of the record})
     * @param bAccess  thread B's memory operation that must come after ({@code free: poison node.data})
     */
    public record Pair(String aAccess, String aBarrier, String bBarrier, String bAccess) {
    }

    /** What a test must show. */
    public enum Expectation {
        /** The pair holds: the forbidden outcome is never seen (package {@code holds}). */
        HOLDS,
        /** A counterexample: the forbidden outcome must be seen at least once (package {@code broken}). */
        MUST_FAIL,
        /** Wrong under the Java memory model, not observable on x86 with HotSpot: counted, not judged (package {@code unobserved}). */
        UNOBSERVED
    }

    /** What a test showed. */
    public enum Verdict {
        /** HOLDS: no forbidden outcome in any sample. */
        HELD(true),
        /** HOLDS, but the forbidden outcome was seen (or jcstress reported an error). */
        BROKEN(false),
        /** MUST_FAIL: the forbidden outcome was seen, as it must be. */
        FAILED_AS_REQUIRED(true),
        /** MUST_FAIL, but the forbidden outcome was never seen, even on a second run. */
        DID_NOT_FAIL(false),
        /** UNOBSERVED: the wrong outcome was not seen on this machine (which proves nothing about others). */
        NOT_OBSERVED(true),
        /** UNOBSERVED: the wrong outcome was seen after all. */
        OBSERVED(true),
        /** Not run here: more actors than the machine has CPUs. */
        SKIPPED(true),
        /** Expected but not in jcstress's results. */
        MISSING(false);

        private final boolean acceptable;

        Verdict(boolean acceptable) {
            this.acceptable = acceptable;
        }

        /** Whether the verdict is what the suite accepts ({@code scripts/litmus} passes with it). */
        public boolean acceptable() {
            return acceptable;
        }
    }

    @Override
    public String schema() {
        return schema;
    }
}
