package org.smrlab.reports.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.ReviewInfo;
import org.smrlab.run.review.SubRun;

/**
 * A review folder as {@code ReviewLoader} read it (run-format's layout: {@code review.json}, the
 * sub-runs {@code jdk17/} and {@code jdk25/}, {@code evidence/}): the review's own description, each
 * sub-run present as a {@link Run}, each evidence file present as its typed record, and for each that
 * is absent, why (in the review's words where review.json gives them).
 *
 * @param path     the review folder
 * @param info     its review.json
 * @param subRuns  the sub-runs present
 * @param absent   for each sub-run not present, why
 * @param evidence the evidence files present
 * @param missing  for each evidence file not present, why
 */
public record ReviewInput(Path path, ReviewInfo info, Map<SubRun, Run> subRuns, Map<SubRun, String> absent,
                          Map<EvidenceKind, Evidence> evidence, Map<EvidenceKind, String> missing) {

    public ReviewInput {
        subRuns = Collections.unmodifiableMap(new EnumMap<>(subRuns.isEmpty() ? new EnumMap<>(SubRun.class) : subRuns));
        absent = Collections.unmodifiableMap(absent.isEmpty() ? new EnumMap<>(SubRun.class) : new EnumMap<>(absent));
        evidence = Collections.unmodifiableMap(evidence.isEmpty() ? new EnumMap<>(EvidenceKind.class) : new EnumMap<>(evidence));
        missing = Collections.unmodifiableMap(missing.isEmpty() ? new EnumMap<>(EvidenceKind.class) : new EnumMap<>(missing));
    }

    public Optional<Run> subRun(SubRun s) {
        return Optional.ofNullable(subRuns.get(s));
    }

    /** The evidence of {@code type}, where the review has it. */
    public <T extends Evidence> Optional<T> evidence(Class<T> type) {
        return evidence.values().stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** The folder's name ({@code review-quick-20261129-190000}). */
    public String name() {
        return path.getFileName().toString();
    }
}
