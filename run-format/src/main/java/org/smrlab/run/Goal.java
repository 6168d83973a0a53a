package org.smrlab.run;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A speed goal of the lab: every ratio it lists must be at most {@code limit}. {@link Goals} is the
 * table; bench's {@code goals} profile plans the trials it divides, and the reports judge it.
 *
 * @param id        a short key ({@code fence})
 * @param statement the goal in a sentence
 * @param shortName a few words, for lists
 * @param limit     the bound on every ratio
 * @param profile   the lab profile that runs exactly its trials ({@code goals}, or {@code overhead})
 * @param ratios    what is divided by what
 */
public record Goal(String id, String statement, String shortName, double limit, String profile, List<Ratio> ratios) {

    public Goal {
        ratios = List.copyOf(ratios);
    }

    /**
     * One ratio: {@code numerator ÷ denominator}, both from one run.
     *
     * @param label        what the ratio is of, for the reader ({@code gus}, {@code qsbr quiescentState})
     * @param numerator    the trials above the line
     * @param denominator  the trials below it; with {@link TrialRef#EACH_ENGINE} on both sides, each numerator
     *                     is paired with the trial that differs from it only in the parameters the two refs set
     * @param appliesWhen  knobs the numerator's engine must have in effect for the ratio to apply
     *                     ({@code barrier=membarrier}: the goal is about the unfenced read side); empty: always
     */
    public record Ratio(String label, TrialRef numerator, TrialRef denominator, SortedMap<String, String> appliesWhen) {

        public Ratio {
            appliesWhen = Collections.unmodifiableSortedMap(new TreeMap<>(appliesWhen));
        }

        /** The same ratio, applying only where the numerator's engine runs with {@code knob=value}. */
        public Ratio when(String knob, String value) {
            TreeMap<String, String> w = new TreeMap<>(appliesWhen);
            w.put(knob, value);
            return new Ratio(label, numerator, denominator, w);
        }
    }

    /** {@code numerator ÷ denominator}, always applying. */
    public static Ratio ratio(String label, TrialRef numerator, TrialRef denominator) {
        return new Ratio(label, numerator, denominator, new TreeMap<>());
    }
}
