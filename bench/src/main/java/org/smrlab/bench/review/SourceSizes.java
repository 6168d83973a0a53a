package org.smrlab.bench.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.SourceEvidence;

/**
 * {@code evidence/source.json}: the sizes of the SMR pool's mechanisms, computed from this checkout
 * (R16: "why the patch to subr_pool.c is so large"). A mechanism is marked in the source by comment
 * lines {@code // smr-only: <id> begin} ... {@code // smr-only: <id> end} (a mechanism the pool has
 * only because frees are deferred by an SMR engine) or {@code // pool-core: <id> begin} ... {@code end}
 * (what any per-thread object cache needs); a mechanism may have several regions. The table below is
 * the one list of mechanisms and what each is for; a test checks that the markers in the source and
 * this table agree, and that regions are balanced.
 */
public final class SourceSizes implements EvidenceStep {
    /** The files measured, relative to the checkout's root: the pool and its node. */
    public static final List<String> FILES = List.of(
            "smr-impls/src/main/java/org/smrlab/smr/pool/SmrPool.java",
            "smr-impls/src/main/java/org/smrlab/smr/pool/PooledNode.java",
            "smr-impls/src/main/java/org/smrlab/smr/pool/ThreadCache.java");

    /** Every mechanism: id → (SMR-only?, what it is for). */
    public static final Map<String, Mechanism> MECHANISMS = new LinkedHashMap<>();

    /** A mechanism of the table. */
    public record Mechanism(boolean smrOnly, String purpose) {
    }

    static {
        MECHANISMS.put("deferred-reuse", new Mechanism(true, "put retires the node through the engine, which calls the pool's "
                + "free only once no reader can hold it; a plain object cache would reuse it at once"));
        MECHANISMS.put("poison", new Mechanism(true, "a freed node's fields are overwritten with a poison and checked when it is "
                + "reused: a write through a stale reference after its free is found (UMA's trash checks)"));
        MECHANISMS.put("generations", new Mechanism(true, "a generation stamp, odd while free: readers check it before and after "
                + "using a node (a use-after-free is seen), and a second free of an odd node is a double free"));
        MECHANISMS.put("cache", new Mechanism(false, "the per-thread cache and the shared depot of bucket-sized chunks: what any "
                + "object cache needs"));
        MECHANISMS.put("slow-path", new Mechanism(false, "allocating a fresh node when no free one is cached"));
        MECHANISMS.put("accounting", new Mechanism(false, "counters and latency probes (footprint, gets, slow path, retire-to-free)"));
    }

    static final Pattern MARKER = Pattern.compile("^\\s*// (smr-only|pool-core): ([a-z-]+) (begin|end)\\s*$");

    /** Sizes of {@code files} (paths relative to {@code root}) and of every marked mechanism in them. */
    public static SourceEvidence measure(Path root, List<String> files, String commit, Boolean dirty) throws IOException {
        List<SourceEvidence.SourceFile> sizes = new ArrayList<>();
        Map<String, List<SourceEvidence.Region>> regions = new LinkedHashMap<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Boolean> kinds = new LinkedHashMap<>();
        for (String f : files) {
            List<String> lines = Files.readAllLines(root.resolve(f), StandardCharsets.UTF_8);
            sizes.add(new SourceEvidence.SourceFile(f, lines.size(), codeLines(lines, 0, lines.size())));
            Map<String, Integer> open = new LinkedHashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = MARKER.matcher(lines.get(i));
                if (!m.matches()) {
                    continue;
                }
                String id = m.group(2);
                boolean smrOnly = m.group(1).equals("smr-only");
                Mechanism known = MECHANISMS.get(id);
                if (known == null || known.smrOnly() != smrOnly) {
                    throw new IllegalStateException(f + ":" + (i + 1) + ": marker '" + m.group(1) + ": " + id + "' is not in "
                            + "SourceSizes.MECHANISMS" + (known == null ? "" : " as " + (known.smrOnly() ? "smr-only" : "pool-core")));
                }
                if (m.group(3).equals("begin")) {
                    if (open.put(id, i) != null) {
                        throw new IllegalStateException(f + ":" + (i + 1) + ": '" + id + "' begins again before it ends");
                    }
                } else {
                    Integer start = open.remove(id);
                    if (start == null) {
                        throw new IllegalStateException(f + ":" + (i + 1) + ": '" + id + "' ends without a begin");
                    }
                    regions.computeIfAbsent(id, k -> new ArrayList<>()).add(new SourceEvidence.Region(f, start + 2, i));
                    int[] c = counts.computeIfAbsent(id, k -> new int[2]);
                    c[0] += i - start - 1;
                    c[1] += codeLines(lines, start + 1, i);
                    kinds.put(id, smrOnly);
                }
            }
            if (!open.isEmpty()) {
                throw new IllegalStateException(f + ": " + open.keySet() + " begin but never end");
            }
        }
        List<SourceEvidence.Mechanism> mechanisms = new ArrayList<>();
        for (Map.Entry<String, Mechanism> e : MECHANISMS.entrySet()) {
            int[] c = counts.getOrDefault(e.getKey(), new int[2]);
            mechanisms.add(new SourceEvidence.Mechanism(e.getKey(), e.getValue().smrOnly(), e.getValue().purpose(),
                    regions.getOrDefault(e.getKey(), List.of()), c[0], c[1]));
        }
        return new SourceEvidence(SourceEvidence.SCHEMA, commit, dirty, sizes, mechanisms);
    }

    /** Lines of {@code lines[from, to)} that are neither blank nor only comment (line, block or javadoc). */
    static int codeLines(List<String> lines, int from, int to) {
        int n = 0;
        boolean inBlock = false;
        for (int i = from; i < to; i++) {
            String l = lines.get(i).strip();
            if (inBlock) {
                if (l.contains("*/")) {
                    inBlock = false;
                    l = l.substring(l.indexOf("*/") + 2).strip();
                } else {
                    continue;
                }
            }
            if (l.startsWith("/*")) {
                if (!l.contains("*/")) {
                    inBlock = true;
                }
                continue;
            }
            if (!l.isEmpty() && !l.startsWith("//")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.SOURCE;
    }

    @Override
    public double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22) {
        return 0;
    }

    @Override
    public String describe(boolean quick, boolean tiny, boolean withJdk22) {
        return "sizes of the pool's mechanisms, from this checkout's source (" + FILES.size() + " files)";
    }

    @Override
    public Evidence run(EvidenceContext c) throws IOException {
        return measure(c.root(), FILES, Git.commit(c.root()), Git.dirty(c.root()));
    }
}
