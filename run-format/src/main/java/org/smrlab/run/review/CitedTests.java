package org.smrlab.run.review;

/**
 * A JUnit test class a question cites: the review command runs it and harvests its cases into
 * {@code evidence/tests.json}.
 *
 * @param className the class, fully qualified
 * @param citation  what it is cited for, which says how a case is mapped to what it shows
 * @param why       in a sentence, what the class shows
 */
public record CitedTests(String className, Citation citation, String why) {

    /** What a cited class shows, and how its cases map to the thing cited. */
    public enum Citation {
        /**
         * Checked mode's rules: each case trips one {@code org.smrlab.smr.checked.Rule}, named by the
         * method (smr-impls' {@code RuleTests} holds the naming rule, and a test checks every rule has a case).
         */
        RULE,
        /**
         * The runnable examples of docs/usage.md: each case runs the example of its method's name, and
         * the example's section is the heading it is quoted under in docs/usage.md.
         */
        USAGE,
        /** A defect found by the engines' outside read (issue 9): a deterministic test that failed before the fix. */
        DEFECT
    }
}
