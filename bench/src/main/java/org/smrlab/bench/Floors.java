package org.smrlab.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every benchmark without an engine, with what it measures in words: the read-side cost floors
 * ({@link ReadSideBench#FLOORS}) and the membarrier latencies ({@link MembarrierBench#FLOORS}). The lab
 * copies the words into run.json (BenchmarkFacts.floor), so the reports draw these apart from engines.
 */
public final class Floors {
    /** Fully qualified benchmark name → words. */
    public static final Map<String, String> ALL = all();

    private Floors() {
    }

    private static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        ReadSideBench.FLOORS.forEach((k, v) -> m.put(ReadSideBench.class.getName() + "." + k, v));
        MembarrierBench.FLOORS.forEach((k, v) -> m.put(MembarrierBench.class.getName() + "." + k, v));
        return Collections.unmodifiableMap(m);
    }
}
