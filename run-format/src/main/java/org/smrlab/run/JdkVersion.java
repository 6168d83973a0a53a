package org.smrlab.run;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lab's one reader of Java version strings ({@code java.version}, JMH's {@code jdkVersion},
 * run.json's {@code jvm.version}): the feature release, the number the lab's decisions turn on
 * (membarrier needs 22, the lab 17). Shell scripts ask the JVM itself instead
 * ({@code scripts/lib/common.sh}: {@code java.specification.version}), which needs no parsing.
 */
public final class JdkVersion {
    private static final Pattern LEADING = Pattern.compile("^(\\d+)(?:\\.(\\d+))?");

    private JdkVersion() {
    }

    /**
     * The feature release of {@code version}: {@code 17} for {@code 17.0.15}, {@code 25} for
     * {@code 25} or {@code 25.0.3+9-LTS}, {@code 22} for {@code 22-ea}, {@code 8} for the old
     * {@code 1.8.0_392} form; empty when the text does not start with a number.
     */
    public static OptionalInt feature(String version) {
        if (version == null) {
            return OptionalInt.empty();
        }
        Matcher m = LEADING.matcher(version.strip());
        if (!m.find()) {
            return OptionalInt.empty();
        }
        int first = Integer.parseInt(m.group(1));
        return OptionalInt.of(first == 1 && m.group(2) != null ? Integer.parseInt(m.group(2)) : first);
    }

    /** The first JDK whose FFM API reaches membarrier(2) (JEP 454, final in 22). */
    public static final int FFM = 22;
}
