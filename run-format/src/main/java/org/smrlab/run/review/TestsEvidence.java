package org.smrlab.run.review;

import java.util.List;
import org.smrlab.run.RunInfo;

/**
 * {@code evidence/tests.json}: the JUnit tests the review cites ({@link Questions#citedTests()}), run by
 * the review command through Maven surefire on this checkout and harvested from surefire's XML
 * reports: each test case with what it is cited for (the checked-mode rule it trips, the section of
 * docs/usage.md whose example it runs, the defect it guards), its result and its time.
 *
 * @param schema {@value #SCHEMA}
 * @param runs   one per JVM the tests ran on, default JVM first
 */
public record TestsEvidence(String schema, List<Run> runs) implements Evidence {
    public static final String SCHEMA = "smrlab-tests/1";

    public TestsEvidence {
        runs = runs == null ? List.of() : List.copyOf(runs);
    }

    /**
     * The cited tests on one JVM.
     *
     * @param subRun  which JVM of the review
     * @param jvm     that JVM; null when absent
     * @param command the command that ran them
     * @param status  done (whatever the tests' results), failed (the build or the run broke) or absent
     * @param note    why failed or absent; cited classes this build lacks; null when nothing
     * @param tests   every test case surefire reported for a cited class
     */
    public record Run(SubRun subRun, RunInfo.Jvm jvm, String command, Evidence.Status status, String note,
                      List<TestCase> tests) {
        public Run {
            tests = tests == null ? List.of() : List.copyOf(tests);
        }
    }

    /**
     * One test case.
     *
     * @param className the test class, fully qualified
     * @param method    the test as surefire names it ({@code exitWithoutEnter(String)[3]} for a parameterized case)
     * @param citation  what the class is cited for
     * @param rule      for {@link CitedTests.Citation#RULE}: the {@code org.smrlab.smr.checked.Rule} constant the
     *                  test trips, by its name; null when the method trips none (a test of correct use)
     * @param section   for {@link CitedTests.Citation#USAGE}: the heading of docs/usage.md under which the
     *                  example the method runs is quoted; null otherwise
     * @param result    passed, failed, error or skipped
     * @param seconds   surefire's time for the case
     * @param message   the failure's or skip's message; null when it passed
     */
    public record TestCase(String className, String method, CitedTests.Citation citation, String rule, String section,
                           Result result, double seconds, String message) {
    }

    /** A test case's result, as surefire reports it. */
    public enum Result {
        PASSED, FAILED, ERROR, SKIPPED
    }

    @Override
    public String schema() {
        return schema;
    }
}
