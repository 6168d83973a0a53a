package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbers a reader sees in a text, as the review's tests and its own prose guard find them:
 * every word that starts with a digit and reads as a number ({@code 3.16}, {@code 1,254,108},
 * {@code 17.0.15}, the {@code 10} of {@code 10ms}). Not numbers: words that start with a letter
 * ({@code p99}, {@code R2}, {@code x86}, {@code jdk25}), manual-page references ({@code smr(9)},
 * {@code membarrier(2)}), code spans (engine specs and commands, written between backquotes) and
 * link targets (chart files).
 */
public final class NumberTokens {
    private static final Pattern CODE = Pattern.compile("`[^`]*`");
    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)]*\\)");
    private static final Pattern MAN_PAGE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\(\\d[a-z]?\\)");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_][\\p{L}\\p{N}_.,]*");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:[.,]\\d+)*)(?:ns|us|µs|ms|s|x|th|st|nd|rd)");

    private NumberTokens() {
    }

    /** The text as numbers are looked for in it: code spans, link targets and manual-page references blanked. */
    public static String visible(String text) {
        String t = CODE.matcher(text).replaceAll(" ");
        t = LINK_TARGET.matcher(t).replaceAll("]");
        return MAN_PAGE.matcher(t).replaceAll(" ");
    }

    /** Every number in {@code text}, in order. */
    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(visible(text));
        while (m.find()) {
            String w = m.group().replaceAll("[.,]+$", "");
            if (w.isEmpty() || !Character.isDigit(w.charAt(0))) {
                continue;
            }
            if (NUMBER.matcher(w).matches()) {
                out.add(w);
                continue;
            }
            Matcher u = WITH_UNIT.matcher(w);
            if (u.matches()) {
                out.add(u.group(1));
            } else {
                out.add(w); // a word starting with a digit that is no plain number (28T14, 2max): counted, to be traced too
            }
        }
        return out;
    }
}
