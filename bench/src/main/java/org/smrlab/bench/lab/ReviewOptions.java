package org.smrlab.bench.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.TrialSelector;

/**
 * The review command's options: {@code scripts/lab review [--quick] [--jvm PATH] [--no-jdk22]
 * [--shard i/n] [--out DIR] [--dry-run] [--only IDS] [--evidence KINDS] [--tiny]}. Options take
 * their value as the next word or after '='; anything wrong is a {@link UsageException} naming what
 * is valid.
 *
 * @param quick      the quick review (about 15 minutes on 2 cores) instead of the full one
 * @param jvm        the default JVM's java launcher; null: the one running the lab
 * @param noJdk22    leave the JDK 22+ sub-run out even if one is installed
 * @param out        where the review folder goes
 * @param shardIndex 1-based
 * @param shardCount how many shards
 * @param dryRun     print the plan and its estimate; run nothing
 * @param only       question or selector ids to keep ({@code R2}, {@code R6.read}); empty: all
 * @param evidence   which evidence files to write (shard 1 only); default all
 * @param tiny       every trial one fork of one 100 ms iteration, torture half a second per engine: for tests of the wiring
 * @param noRender   write the data only; do not run the reports tool
 * @param help       print the usage
 */
public record ReviewOptions(boolean quick, String jvm, boolean noJdk22, Path out, int shardIndex, int shardCount,
                            boolean dryRun, List<String> only, Set<EvidenceKind> evidence, boolean tiny, boolean noRender,
                            boolean help) {

    public static final String COMMAND = "review";

    static final List<String> OPTIONS = List.of("--quick", "--jvm", "--no-jdk22", "--shard", "--out", "--dry-run", "--only",
            "--evidence", "--tiny", "--no-render", "--help");

    public static String usage() {
        return String.join("\n",
                "usage: scripts/lab review [--quick] [--jvm PATH] [--no-jdk22] [--shard i/n] [--out DIR] [--dry-run]",
                "       runs what the review's sixteen answers need (trials on the default JVM and on a JDK 22+, litmus,",
                "       torture, the cited tests, source sizes, fact tables) into one folder, then writes review/ with",
                "       the reports tool. The trials are planned from run-format's question catalogue.",
                "options:",
                "  --quick          the quick review: fewer points, short trials (about 15 minutes on 2 cores)",
                "  --jvm PATH       the default JVM's java launcher (default: the one running the lab)",
                "  --no-jdk22       no JDK 22+ sub-run even if scripts/find-jdk22 finds one",
                "  --shard i/n      part i of n of the trials (evidence in part 1 only); scripts/report merge joins them",
                "  --out DIR        where the review folder goes (default " + LabOptions.DEFAULT_OUT + "/)",
                "  --dry-run        print the plan and its estimated time; run nothing",
                "  --only IDS       only these questions or selectors, comma-separated (R2,R6.read)",
                "  --evidence KINDS which evidence files: " + String.join(", ", kindNames()) + ", all or none (default all)",
                "  --tiny           every trial 1 fork of 100 ms, torture 0.5 s per engine: a test of the wiring, no figures",
                "  --no-render      write the data only (render later: scripts/report review DIR)",
                "  --help           this text");
    }

    private static List<String> kindNames() {
        List<String> n = new ArrayList<>();
        for (EvidenceKind k : EvidenceKind.values()) {
            n.add(k.name().toLowerCase(Locale.ROOT));
        }
        return n;
    }

    /** Parses the arguments after {@code review}. */
    public static ReviewOptions parse(String[] args) {
        boolean quick = false;
        String jvm = null;
        boolean noJdk22 = false;
        Path out = Paths.get(LabOptions.DEFAULT_OUT);
        int shardIndex = 1;
        int shardCount = 1;
        boolean dryRun = false;
        List<String> only = List.of();
        Set<EvidenceKind> evidence = EnumSet.allOf(EvidenceKind.class);
        boolean tiny = false;
        boolean noRender = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--quick", "--no-jdk22", "--dry-run", "--tiny", "--no-render" -> {
                    if (value != null) {
                        throw new UsageException(a + " takes no value");
                    }
                    switch (a) {
                        case "--quick" -> quick = true;
                        case "--no-jdk22" -> noJdk22 = true;
                        case "--dry-run" -> dryRun = true;
                        case "--no-render" -> noRender = true;
                        default -> tiny = true;
                    }
                }
                case "--jvm", "--shard", "--out", "--only", "--evidence" -> {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (a) {
                        case "--jvm" -> {
                            Path p = Paths.get(value);
                            if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                                throw new UsageException("--jvm " + value + ": not an executable file; give the path of a java "
                                        + "launcher, e.g. $JAVA_HOME/bin/java");
                            }
                            jvm = p.toAbsolutePath().toString();
                        }
                        case "--shard" -> {
                            int[] s = LabOptions.parseShard(value);
                            shardIndex = s[0];
                            shardCount = s[1];
                        }
                        case "--out" -> {
                            if (value.isBlank() || value.contains(";")) {
                                throw new UsageException("--out '" + value + "': give a directory path without ';'");
                            }
                            out = Paths.get(value);
                        }
                        case "--only" -> only = parseOnly(value);
                        default -> evidence = parseEvidence(value);
                    }
                }
                default -> throw new UsageException(a.startsWith("-")
                        ? "unknown option '" + args[i] + "'; valid options: " + String.join(", ", OPTIONS)
                        : "unexpected argument '" + a + "': the review takes options only; valid options: " + String.join(", ", OPTIONS));
            }
        }
        return new ReviewOptions(quick, jvm, noJdk22, out, shardIndex, shardCount, dryRun, only, evidence, tiny, noRender, help);
    }

    static List<String> parseOnly(String value) {
        List<String> ids = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        for (Question q : Questions.all()) {
            valid.add(q.id());
        }
        for (String part : value.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            boolean question = Questions.byId(id).isPresent();
            boolean selector = Questions.selector(id).isPresent();
            if (!question && !selector) {
                throw new UsageException("--only: '" + id + "' is neither a question (" + String.join(", ", valid)
                        + ") nor a selector of one (" + String.join(", ", Questions.selectors().stream().map(TrialSelector::id).toList())
                        + ")");
            }
            ids.add(id);
        }
        if (ids.isEmpty()) {
            throw new UsageException("--only needs question or selector ids, e.g. --only R2,R6.read");
        }
        return List.copyOf(ids);
    }

    static Set<EvidenceKind> parseEvidence(String value) {
        Set<EvidenceKind> kinds = EnumSet.noneOf(EvidenceKind.class);
        for (String part : value.split(",")) {
            String k = part.strip().toLowerCase(Locale.ROOT);
            switch (k) {
                case "" -> { }
                case "all" -> kinds.addAll(EnumSet.allOf(EvidenceKind.class));
                case "none" -> { }
                default -> {
                    try {
                        kinds.add(EvidenceKind.valueOf(k.toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--evidence: unknown kind '" + part.strip() + "'; valid: "
                                + String.join(", ", kindNames()) + ", all, none");
                    }
                }
            }
        }
        return kinds;
    }

    /** Whether selector {@code s} (of question {@code q}) is kept by {@code --only}. */
    public boolean keeps(Question q, TrialSelector s) {
        return only.isEmpty() || only.contains(q.id()) || only.contains(s.id());
    }

    /** Whether question {@code q}'s evidence and tests are kept by {@code --only}. */
    public boolean keeps(Question q) {
        return only.isEmpty() || only.contains(q.id()) || only.stream().anyMatch(id -> id.startsWith(q.id() + "."));
    }

    /** The profile name of the review: {@code review} or {@code review-quick}; also the folder-name prefix. */
    public String profile() {
        return quick ? org.smrlab.run.review.ReviewInfo.QUICK : org.smrlab.run.review.ReviewInfo.FULL;
    }
}
