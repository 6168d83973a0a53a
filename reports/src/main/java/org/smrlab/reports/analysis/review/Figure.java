package org.smrlab.reports.analysis.review;

import java.util.List;
import java.util.Locale;
import org.smrlab.reports.model.Numbers;

/**
 * One figure the review shows: a measurement of one trial, a value derived from others (a ratio, a
 * break-even rate), a fact of the run (cores, a knob's default, a count of evidence), or a marker
 * that the run lacks it. Only {@link Figures} makes them, from the run's data, and logs each one: the
 * generator formats no number that did not come through here.
 *
 * <p>How a figure is written ({@link #text()}): three significant digits, times scaled to ns, µs,
 * ms or s; counts as whole numbers with thousands separators; an error known from JMH as
 * {@code ± e}; a percentile pooled over several forks with the range of the forks' own values;
 * a derived ratio with its interval where the inputs' intervals give one; a missing figure as
 * {@code missing (why)}.
 *
 * @param kind     what sort of figure
 * @param what     what it is, in words (for the provenance log)
 * @param value    the value (NaN for a missing figure)
 * @param error    JMH's 99.9% half-interval; NaN when unknown
 * @param low      the low end of an interval that is not value ± error (a ratio's, the forks' range); NaN if none
 * @param high     its high end; NaN if none
 * @param unit     the unit as the data gives it ({@code ns/op}, {@code nodes}, {@code ×}); empty for a pure number
 * @param forks    forks behind it; 0 when not a measurement
 * @param perFork  each fork's own value, where the data keeps them apart
 * @param source   where it was read
 * @param why      for a missing figure, why
 * @param inputs   for a derived figure, what it was derived from
 * @param text     the figure as the review writes it
 */
public record Figure(Kind kind, String what, double value, double error, double low, double high, String unit, int forks,
                     List<Double> perFork, Provenance source, String why, List<Figure> inputs, String text) {

    /** What sort of figure. */
    public enum Kind {
        /** Read from one trial of a sub-run (a score, a secondary metric, a percentile pooled from its logs). */
        MEASURED,
        /** Computed from other figures, which it lists. */
        DERIVED,
        /** A fact the run records (run.json, review.json, an evidence file): a count, a knob, a size. */
        FACT,
        /** Not in this run; {@link #why()} says why. */
        MISSING
    }

    public Figure {
        perFork = perFork == null ? List.of() : List.copyOf(perFork);
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        unit = unit == null ? "" : unit;
    }

    public boolean present() {
        return kind != Kind.MISSING;
    }

    public boolean missing() {
        return kind == Kind.MISSING;
    }

    /** The interval the figure lies in: value ± error, else [low, high]; null when none is known. */
    public double[] interval() {
        if (Double.isFinite(error)) {
            return new double[] {value - error, value + error};
        }
        if (!Double.isNaN(low) && !Double.isNaN(high)) {
            return new double[] {low, high}; // high may be infinite: a divisor whose interval reaches 0
        }
        return null;
    }

    /** "3 forks", "1 fork"; empty when not a measurement. */
    public String forksText() {
        return forks <= 0 ? "" : forks + (forks == 1 ? " fork" : " forks");
    }

    // ------------------------------------------------------------------ formatting (the one place)

    /** How a value of {@code unit} is written: its text and the unit shown beside it. */
    static String format(double v, double error, double low, double high, String unit, boolean whole) {
        if (!Double.isFinite(v)) {
            return Double.isNaN(v) ? "NaN" : Numbers.sig(v, 3);
        }
        Scale s = Scale.of(unit, v);
        StringBuilder b = new StringBuilder(number(v / s.divisor, whole));
        if (Double.isFinite(error)) {
            b.append(" ± ").append(number(error / s.divisor, false));
        }
        if (!s.unit.isEmpty()) {
            b.append(s.unit.equals("×") || s.unit.equals("%") ? "" : " ").append(s.unit);
        }
        if (!Double.isFinite(error) && !Double.isNaN(low) && !Double.isNaN(high)) {
            b.append(" [").append(number(low / s.divisor, false)).append(", ")
                    .append(Double.isInfinite(high) ? "∞" : number(high / s.divisor, false)).append(']');
        }
        return b.toString();
    }

    /** Three significant digits, or a whole number with thousands separators. */
    static String number(double v, boolean whole) {
        if (whole && v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        double a = Math.abs(v);
        if (a >= 1000 && a < 1e15) {
            // three significant digits, the rest zeros: 1,254,108 nodes read as 1,250,000 would lie, so counts take the
            // whole-number path above; a time or a rate keeps three digits
            java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
            return String.format(Locale.ROOT, "%,d", d.longValue());
        }
        if (a != 0 && a < 1e-4) {
            return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        }
        return Numbers.sig(v, 3);
    }

    /** Times scale to the unit that keeps them readable; everything else is shown in its own unit. */
    private record Scale(double divisor, String unit) {
        static Scale of(String unit, double v) {
            boolean perOp = unit.equals("ns/op");
            if (unit.equals("ns") || perOp) {
                double a = Math.abs(v);
                String suffix = perOp ? "/op" : "";
                if (a >= 1e9) {
                    return new Scale(1e9, "s" + suffix);
                }
                if (a >= 1e6) {
                    return new Scale(1e6, "ms" + suffix);
                }
                if (a >= 1e3) {
                    return new Scale(1e3, "µs" + suffix);
                }
                return new Scale(1, unit);
            }
            if (unit.equals("ratio") || unit.equals("0/1") || unit.equals("count") || unit.equals("#")) {
                return new Scale(1, "");
            }
            return new Scale(1, unit);
        }
    }
}
