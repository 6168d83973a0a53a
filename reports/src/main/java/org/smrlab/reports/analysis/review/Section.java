package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.run.review.Question;

/**
 * The answer to one question of the review.
 *
 * @param question the catalogue's question (its id, title, the review's words)
 * @param answer   the short answer, its figures from the run
 * @param evidence tables and charts
 * @param commands the commands that regenerate the evidence
 * @param limits   what this machine cannot show, and what would
 * @param verdict  answered, partly, or not on this machine: from which of its figures are present
 */
public record Section(Question question, List<Prose> answer, List<Block> evidence, List<String> commands, List<Prose> limits,
                      Verdict verdict) {

    public Section {
        answer = List.copyOf(answer);
        evidence = List.copyOf(evidence);
        commands = List.copyOf(commands);
        limits = List.copyOf(limits);
    }

    /** Every figure the section shows. */
    public List<Figure> figures() {
        List<Figure> l = new ArrayList<>();
        answer.forEach(p -> l.addAll(p.figures()));
        evidence.forEach(b -> l.addAll(b.figures()));
        limits.forEach(p -> l.addAll(p.figures()));
        return l;
    }

    /** How much of a question this run answers. */
    public enum Verdict {
        ANSWERED("answered"), PARTLY("partly"), NOT_HERE("not on this machine");

        private final String words;

        Verdict(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** From the figures a section needed: all present, some, or none. */
        public static Verdict of(List<Figure> needed) {
            long present = needed.stream().filter(Figure::present).count();
            if (!needed.isEmpty() && present == needed.size()) {
                return ANSWERED;
            }
            return present == 0 ? NOT_HERE : PARTLY;
        }
    }
}
