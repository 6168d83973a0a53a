package org.smrlab.reports.analysis.review;

/**
 * Where a figure of the review was read.
 *
 * @param subRun  the sub-run's folder ({@code jdk17}), or null for what is not in a sub-run (review.json, evidence)
 * @param trial   the trial's label as run.json gives it ({@code ReadSideBench.emptySection engine=gus t=1}), or null
 * @param metric  {@code score}, {@code score:<member>}, a metric catalogue name, or the field read
 * @param file    the file it comes from, relative to the review folder ({@code jdk17/results.json},
 *                {@code jdk17/hlog}, {@code evidence/litmus.json}, {@code review.json})
 */
public record Provenance(String subRun, String trial, String metric, String file) {

    /** In words, one line. */
    public String words() {
        StringBuilder b = new StringBuilder(file);
        if (trial != null) {
            b.append(" · ").append(trial);
        }
        if (metric != null) {
            b.append(" · ").append(metric);
        }
        return b.toString();
    }
}
