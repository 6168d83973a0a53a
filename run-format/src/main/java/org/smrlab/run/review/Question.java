package org.smrlab.run.review;

import java.util.List;

/**
 * One question of the review the lab answers ({@link Questions} is the catalogue).
 *
 * @param id          {@code R1} ... {@code R16}
 * @param title       the question in a few words, for headings
 * @param quotes      the review's own words, verbatim from the message (line breaks and the quoting
 *                    {@code >} aside), each with where in the message it is; empty for a question the
 *                    message does not ask
 * @param origin      for a question with no quote: where it comes from instead; null otherwise
 * @param trials      the trials its answer reads
 * @param evidence    the evidence files its answer reads
 * @param tests       the JUnit test classes it cites (run into {@code evidence/tests.json})
 * @param engineFacts the engine facts its answer tabulates: names of {@link org.smrlab.run.EngineFacts}'
 *                    components ({@code retireBlocks}), read from run.json's catalogue
 */
public record Question(String id, String title, List<Quote> quotes, String origin, List<TrialSelector> trials,
                       List<EvidenceKind> evidence, List<CitedTests> tests, List<String> engineFacts) {

    public Question {
        quotes = List.copyOf(quotes);
        trials = List.copyOf(trials);
        evidence = List.copyOf(evidence);
        tests = List.copyOf(tests);
        engineFacts = List.copyOf(engineFacts);
        if (quotes.isEmpty() == (origin == null)) {
            throw new IllegalArgumentException(id + ": a question has quotes or, when the message does not ask it, an origin");
        }
    }

    /**
     * Words of the review.
     *
     * @param text  verbatim, with the message's line breaks and quoting {@code >} turned into single spaces
     * @param where where in the message ({@code point 3, the three questions on rules for usage})
     */
    public record Quote(String text, String where) {
    }
}
