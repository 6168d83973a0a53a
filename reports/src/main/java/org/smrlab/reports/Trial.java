package org.smrlab.reports;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JMH trial as read from a result file: the primary score and the secondary results
 * (JMH's {@code Benchmark:label} rows, such as {@code smr.r2f.p99}).
 *
 * @param origin where the trial was read ({@code file:line}), for error messages about it
 */
public record Trial(TrialKey key, Measurement primary, Map<String, Measurement> secondary, String origin) {

    public Trial {
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }
}
