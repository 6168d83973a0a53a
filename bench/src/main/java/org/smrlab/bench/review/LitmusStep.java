package org.smrlab.bench.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.LitmusEvidence;
import org.smrlab.run.review.SubRun;

/**
 * {@code evidence/litmus.json}: the jcstress litmus suite of this build, run by {@code scripts/litmus}
 * (both halves: the pairs that must hold, the counterexamples that must fail) in quick mode on each
 * JVM of the review, joined with each test's {@code @Pair} as the litmus module's {@code PairTable}
 * prints it. The script is the one place that judges a test; this step reads its verdicts from the
 * {@code results.tsv} it writes beside its summary, and the counts with them.
 */
public final class LitmusStep implements EvidenceStep {
    /** jcstress's mode for the review. */
    static final String MODE = "quick";
    /** {@code scripts/litmus --mode quick} on 2 idle CPUs (its own header): JDK 17 has two VM configurations, JDK 25 one. */
    static final double DEFAULT_JVM_SECONDS = 120;
    static final double JDK22_SECONDS = 75;
    static final String PAIR_TABLE = "org.smrlab.litmus.PairTable";

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.LITMUS;
    }

    @Override
    public double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22) {
        return DEFAULT_JVM_SECONDS + (withJdk22 ? JDK22_SECONDS : 0);
    }

    @Override
    public String describe(boolean quick, boolean tiny, boolean withJdk22) {
        return "litmus: scripts/litmus --mode " + MODE + (withJdk22 ? " on both JVMs" : " on the default JVM");
    }

    @Override
    public Evidence run(EvidenceContext c) throws Exception {
        List<LitmusEvidence.Run> runs = new ArrayList<>();
        Map<String, String[]> pairs = null;
        for (SubRun r : SubRun.values()) {
            String java = c.java(r);
            if (java == null) {
                runs.add(new LitmusEvidence.Run(r, null, MODE, null, Evidence.Status.ABSENT, c.jdk22Absence(), null, List.of()));
                continue;
            }
            Path out = Files.createDirectories(c.workDir().resolve("litmus-" + r.dir()));
            List<String> cmd = List.of(c.root().resolve("scripts/litmus").toString(), "--jvm", java, "--mode", MODE);
            String shown = "scripts/litmus --jvm " + java + " --mode " + MODE;
            c.say("litmus on %s: %s", r.dir(), shown);
            Path log = c.workDir().resolve("litmus-" + r.dir() + ".log");
            long t0 = System.nanoTime();
            int rc = Fork.run(cmd, c.root(), log, 1800, Map.of("LITMUS_OUT", out.toString()));
            double seconds = (System.nanoTime() - t0) / 1e9;
            Path tsv = find(out, "results.tsv");
            if (tsv == null) {
                runs.add(new LitmusEvidence.Run(r, c.jvm(r), MODE, shown, Evidence.Status.FAILED,
                        "scripts/litmus exited " + rc + " without results; last lines: " + Fork.tail(log, 5), seconds, List.of()));
                continue;
            }
            if (pairs == null) {
                pairs = pairTable(c, java);
            }
            List<LitmusEvidence.Test> tests = join(Files.readAllLines(tsv, StandardCharsets.UTF_8), pairs);
            long bad = tests.stream().filter(t -> !t.verdict().acceptable()).count();
            c.say("  %d tests, %d not as required (scripts/litmus exit %d)", tests.size(), bad, rc);
            runs.add(new LitmusEvidence.Run(r, c.jvm(r), MODE, shown, Evidence.Status.DONE,
                    rc == 0 ? null : "scripts/litmus exited " + rc + ": some test did not do what it must (see the verdicts)",
                    seconds, tests));
        }
        return new LitmusEvidence(LitmusEvidence.SCHEMA, runs);
    }

    private static Path find(Path dir, String name) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElse(null);
        }
    }

    /** Every test's pair: test → {engine, aAccess, aBarrier, bBarrier, bAccess}, from the litmus jar. */
    static Map<String, String[]> pairTable(EvidenceContext c, String java) throws Exception {
        Path jar = c.root().resolve("litmus/target/jcstress.jar");
        Path log = c.workDir().resolve("litmus-pairs.tsv");
        int rc = Fork.run(List.of(java, "-cp", jar.toString(), PAIR_TABLE), c.root(), log, 120, null);
        if (rc != 0) {
            throw new IllegalStateException(PAIR_TABLE + " exited " + rc + ": " + Fork.tail(log, 3));
        }
        return parsePairs(Files.readAllLines(log, StandardCharsets.UTF_8));
    }

    static Map<String, String[]> parsePairs(List<String> lines) {
        Map<String, String[]> m = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            if (f.length == 6) {
                m.put(f[0], new String[] {f[1], f[2], f[3], f[4], f[5]});
            }
        }
        return m;
    }

    private static final Pattern COUNTS = Pattern.compile("^(\\d+) / (\\d+)");
    private static final Pattern STATUS = Pattern.compile("\\(([A-Z_ ]+)\\)");

    /**
     * Joins scripts/litmus's rows ({@code suite}, test below {@code org.smrlab.litmus.}, its verdict in
     * words, {@code n / samples ...}) with the pairs. The words are the script's: held, BROKEN (status),
     * not observed, OBSERVED, skipped (...), MISSING (...), failed, as it must, DID NOT FAIL (status).
     */
    static List<LitmusEvidence.Test> join(List<String> rows, Map<String, String[]> pairs) {
        List<LitmusEvidence.Test> out = new ArrayList<>();
        for (String row : rows) {
            String[] f = row.split("\t", -1);
            if (f.length < 4) {
                continue;
            }
            String test = "org.smrlab.litmus." + f[1].strip();
            String words = f[2].strip();
            LitmusEvidence.Verdict verdict = verdict(words);
            LitmusEvidence.Expectation expected = test.contains(".broken.") ? LitmusEvidence.Expectation.MUST_FAIL
                    : test.contains(".unobserved.") ? LitmusEvidence.Expectation.UNOBSERVED : LitmusEvidence.Expectation.HOLDS;
            long n = 0;
            long samples = 0;
            Matcher m = COUNTS.matcher(f[3].strip());
            if (m.find()) {
                n = Long.parseLong(m.group(1));
                samples = Long.parseLong(m.group(2));
            }
            Matcher st = STATUS.matcher(words);
            String status = switch (verdict) {
                case HELD, NOT_OBSERVED, OBSERVED -> "OK";
                case FAILED_AS_REQUIRED -> "FAILED";
                case BROKEN, DID_NOT_FAIL -> st.find() ? st.group(1) : null;
                default -> null;
            };
            String[] p = pairs.get(test);
            LitmusEvidence.Pair pair = p == null ? null : new LitmusEvidence.Pair(p[1], p[2], p[3], p[4]);
            boolean unobserved = expected == LitmusEvidence.Expectation.UNOBSERVED;
            out.add(new LitmusEvidence.Test(test, p == null ? null : p[0], pair, expected, verdict, unobserved ? 0 : n,
                    unobserved ? n : 0, samples, status));
        }
        return out;
    }

    static LitmusEvidence.Verdict verdict(String words) {
        String w = words.toLowerCase(Locale.ROOT);
        if (w.equals("held")) {
            return LitmusEvidence.Verdict.HELD;
        } else if (w.startsWith("broken")) {
            return LitmusEvidence.Verdict.BROKEN;
        } else if (w.equals("not observed")) {
            return LitmusEvidence.Verdict.NOT_OBSERVED;
        } else if (w.equals("observed")) {
            return LitmusEvidence.Verdict.OBSERVED;
        } else if (w.startsWith("skipped")) {
            return LitmusEvidence.Verdict.SKIPPED;
        } else if (w.startsWith("failed, as it must")) {
            return LitmusEvidence.Verdict.FAILED_AS_REQUIRED;
        } else if (w.startsWith("did not fail")) {
            return LitmusEvidence.Verdict.DID_NOT_FAIL;
        }
        return LitmusEvidence.Verdict.MISSING;
    }
}
