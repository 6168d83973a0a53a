package org.smrlab.run.review;

import java.util.List;

/**
 * {@code evidence/source.json}: sizes the review cites that come from this checkout's source, computed
 * by the review command (never typed). For R16, the SMR pool's mechanisms: each is marked in the
 * source by comment lines {@code // smr-only: <id> begin} and {@code // smr-only: <id> end} (or
 * {@code // pool-core: <id> ...} for what any object cache needs), and its size is the lines between.
 *
 * @param schema     {@value #SCHEMA}
 * @param commit     the commit of the checkout; null when git could not tell
 * @param dirty      whether tracked files differed from it; null when unknown
 * @param files      the files measured, with their sizes
 * @param mechanisms every mechanism marked, with its regions and total lines
 */
public record SourceEvidence(String schema, String commit, Boolean dirty, List<SourceFile> files, List<Mechanism> mechanisms)
        implements Evidence {
    public static final String SCHEMA = "smrlab-source/1";

    public SourceEvidence {
        files = files == null ? List.of() : List.copyOf(files);
        mechanisms = mechanisms == null ? List.of() : List.copyOf(mechanisms);
    }

    /**
     * A source file measured.
     *
     * @param path      relative to the checkout's root
     * @param lines     all lines
     * @param codeLines lines that are neither blank nor only comment
     */
    public record SourceFile(String path, int lines, int codeLines) {
    }

    /**
     * One mechanism of the pool.
     *
     * @param id        the marker's id ({@code poison})
     * @param smrOnly   true for a mechanism the pool has only because frees are deferred by SMR
     * @param purpose   what it is for, in a sentence (from the marker table in code)
     * @param regions   where it is
     * @param lines     lines inside its regions (markers excluded)
     * @param codeLines the same, less blank and comment-only lines
     */
    public record Mechanism(String id, boolean smrOnly, String purpose, List<Region> regions, int lines, int codeLines) {
        public Mechanism {
            regions = regions == null ? List.of() : List.copyOf(regions);
        }
    }

    /** Lines {@code first}..{@code last} (1-based, inclusive, markers excluded) of {@code path}. */
    public record Region(String path, int first, int last) {
    }

    @Override
    public String schema() {
        return schema;
    }
}
