package org.smrlab.reports.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Comparator;

/** Number formatting for tables and an ordering that puts "batch=64" before "batch=128". */
public final class Numbers {

    private Numbers() {
    }

    /**
     * {@code digits} significant digits, plain notation between 1e-4 and 1e9, trailing zeros kept
     * (they are significant): 20.58, 0.7120, 1029, 1.00.
     */
    public static String sig(double v, int digits) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(digits));
        int magnitude = d.precision() - d.scale() - 1;
        if (digits - 1 - magnitude > d.scale()) {
            d = d.setScale(digits - 1 - magnitude);
        }
        double abs = Math.abs(v);
        if (abs >= 1e9 || abs < 1e-4) {
            return String.format(java.util.Locale.ROOT, "%." + (digits - 1) + "e", v);
        }
        return d.toPlainString();
    }

    /** Compares strings chunk by chunk, digit runs by value. */
    public static final Comparator<String> NATURAL = Numbers::compareNatural;

    static int compareNatural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                int c = new BigDecimal(a.substring(si, i)).compareTo(new BigDecimal(b.substring(sj, j)));
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
