package org.smrlab.bench.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.smrlab.smr.Engines;

/**
 * The lab's command line: {@code PROFILE [--engines a,b] [--out DIR] [--jvm PATH] [--shard i/n] [--dry-run]}.
 * Options take their value as the next word or after '='. Anything wrong is a {@link UsageException}
 * whose message lists what is valid.
 */
public record LabOptions(String profile, EngineSelection engines, Path out, String jvm, int shardIndex,
                         int shardCount, boolean dryRun, boolean help) {

    public static final String DEFAULT_OUT = "lab-results";

    static final List<String> OPTIONS = List.of("--engines", "--out", "--jvm", "--shard", "--dry-run", "--help");

    public static String usage() {
        return String.join("\n",
                "usage: scripts/lab PROFILE [options]",
                "profiles:",
                profilesText(),
                "options:",
                "  --engines a,b   only these engines (names, or specs with knobs such as gus-lazy:tick=10ms);",
                "                  valid engines: " + String.join(", ", Engines.names()),
                "  --out DIR       where run folders go (default " + DEFAULT_OUT + "/)",
                "  --jvm PATH      fork the benchmarks on this java launcher (a JDK 22+ for membarrier: scripts/find-jdk22)",
                "  --shard i/n     run part i of n (1-based; the reports tool merges the parts)",
                "  --dry-run       print the plan and its estimated time; run nothing",
                "  --help          this text");
    }

    private static String profilesText() {
        StringBuilder b = new StringBuilder();
        for (Profile p : Profiles.all().values()) {
            b.append(String.format("  %-10s %s%n", p.name(), p.summary()));
        }
        return b.toString().stripTrailing();
    }

    /** Parses {@code args}; throws {@link UsageException} on anything invalid. */
    public static LabOptions parse(String[] args) {
        String profile = null;
        EngineSelection engines = null;
        Path out = Paths.get(DEFAULT_OUT);
        String jvm = null;
        int shardIndex = 1;
        int shardCount = 1;
        boolean dryRun = false;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = null;
            if (a.startsWith("--") && a.contains("=")) {
                value = a.substring(a.indexOf('=') + 1);
                a = a.substring(0, a.indexOf('='));
            }
            switch (a) {
                case "--help":
                case "-h":
                    help = true;
                    break;
                case "--dry-run":
                    if (value != null) {
                        throw new UsageException("--dry-run takes no value");
                    }
                    dryRun = true;
                    break;
                case "--engines":
                case "--out":
                case "--jvm":
                case "--shard": {
                    if (value == null) {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new UsageException(a + " needs a value");
                        }
                        value = args[++i];
                    }
                    if (a.equals("--engines")) {
                        engines = EngineSelection.parse(value);
                    } else if (a.equals("--out")) {
                        if (value.isBlank() || value.contains(";")) {
                            throw new UsageException("--out '" + value + "': give a directory path without ';'");
                        }
                        out = Paths.get(value);
                    } else if (a.equals("--jvm")) {
                        Path p = Paths.get(value);
                        if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                            throw new UsageException("--jvm " + value + ": not an executable file; give the path of a java launcher, "
                                    + "e.g. $JAVA_HOME/bin/java, or scripts/find-jdk22 for a JDK 22+");
                        }
                        jvm = p.toAbsolutePath().toString();
                    } else {
                        int[] s = parseShard(value);
                        shardIndex = s[0];
                        shardCount = s[1];
                    }
                    break;
                }
                default:
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option '" + args[i] + "'; valid options: " + String.join(", ", OPTIONS));
                    }
                    if (profile != null) {
                        throw new UsageException("one profile at a time: got '" + profile + "' and '" + a + "'; profiles: "
                                + String.join(", ", Profiles.names()));
                    }
                    if (!Profiles.all().containsKey(a)) {
                        throw new UsageException("unknown profile '" + a + "'; profiles: " + String.join(", ", Profiles.names()));
                    }
                    profile = a;
            }
        }
        if (profile == null && !help) {
            throw new UsageException("no profile given; profiles: " + String.join(", ", Profiles.names()));
        }
        return new LabOptions(profile, engines, out, jvm, shardIndex, shardCount, dryRun, help);
    }

    static int[] parseShard(String value) {
        String[] parts = value.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].strip());
                int n = Integer.parseInt(parts[1].strip());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new UsageException("--shard '" + value + "': expected i/n with 1 <= i <= n, e.g. --shard 2/4");
    }
}
