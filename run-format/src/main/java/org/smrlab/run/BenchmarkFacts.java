package org.smrlab.run;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One JMH benchmark of a run, as run.json records it from the benchmark jar itself (JMH's
 * {@code META-INF/BenchmarkList}), so that readers know its parameters' defaults without a copy.
 *
 * @param group   a {@code @Group} benchmark (threads are given per member)
 * @param params  every parameter with its {@code @Param} values, in annotation order: what a trial
 *                gets for a parameter nobody set (the first value, when there is one)
 * @param floor   for a cost floor (a benchmark without an engine: the same work with no reclamation
 *                scheme, or one fence), what it measures in words ({@code store + full fence}); null otherwise
 */
public record BenchmarkFacts(boolean group, SortedMap<String, List<String>> params, String floor) {

    public BenchmarkFacts {
        params = params == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(params));
    }

    /** The value a trial gets for {@code param} when nobody sets it: the annotation's only value; null if none or several. */
    public String defaultOf(String param) {
        List<String> values = params.get(param);
        return values != null && values.size() == 1 ? values.get(0) : null;
    }
}
