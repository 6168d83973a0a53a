package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;

/**
 * A paragraph of the review: words, figures and code, in order. Words may hold no number: a number
 * a reader sees is a {@link Figure} (looked up in the run) or sits in code (an engine spec, a
 * command, both from data or from this program's own names). The check is made when the words are
 * added, so prose that types a figure fails when the review is built, not when it is read.
 */
public final class Prose {

    /** One piece of a paragraph. */
    public sealed interface Piece permits Words, Fig, Code {
    }

    /** Words without numbers. */
    public record Words(String text) implements Piece {
        public Words {
            List<String> numbers = NumberTokens.of(text);
            if (!numbers.isEmpty()) {
                throw new IllegalArgumentException("review prose types a number " + numbers + ": \"" + text
                        + "\"; a figure must come from the run (Figures)");
            }
        }
    }

    /** A figure of the run. */
    public record Fig(Figure figure) implements Piece {
    }

    /** Code: an engine spec, a benchmark, a command, a file name. */
    public record Code(String text) implements Piece {
    }

    private final List<Piece> pieces = new ArrayList<>();

    public static Prose of() {
        return new Prose();
    }

    public static Prose words(String text) {
        return new Prose().t(text);
    }

    public Prose t(String text) {
        if (!text.isEmpty()) {
            pieces.add(new Words(text));
        }
        return this;
    }

    public Prose f(Figure f) {
        pieces.add(new Fig(f));
        return this;
    }

    public Prose c(String code) {
        pieces.add(new Code(code));
        return this;
    }

    /** Another paragraph's pieces, appended. */
    public Prose add(Prose other) {
        pieces.addAll(other.pieces);
        return this;
    }

    public List<Piece> pieces() {
        return List.copyOf(pieces);
    }

    public boolean isEmpty() {
        return pieces.isEmpty();
    }

    /** The figures in it. */
    public List<Figure> figures() {
        return pieces.stream().filter(p -> p instanceof Fig).map(p -> ((Fig) p).figure()).toList();
    }
}
