package org.smrlab.smr.torture;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.smrlab.smr.Engines;
import org.smrlab.smr.engine.Durations;

/**
 * The command line of the torture harness (the smr-impls jar's Main-Class): runs each engine in
 * turn (the workload, then the {@link Paths}), prints one summary line per engine, and exits 0 when all are clean, 1 when any run found a
 * use-after-free, a lost node, a double free, a write after free or an error, 2 on bad arguments.
 * With {@code --expect-detections} (for {@code broken}) a run passes only if it was caught.
 * <p>Arguments are parsed by hand: smr-impls depends on nothing but the JDK. Both
 * {@code --opt value} and {@code --opt=value} are accepted.
 */
public final class TortureMain {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 1;
    static final int EXIT_USAGE = 2;

    private static final String USAGE = String.join("\n",
            "usage: torture [options]            (no options: every safe engine, 2 s each)",
            "  --engine SPEC          engine to run, e.g. gus, gus:batch=8, hp:slots=4 (repeatable)",
            "  --engines SET          all (every engine but broken), all+broken, or names: gus,ebr,hp",
            "  --seconds S            seconds per engine (default 2; decimals allowed)",
            "  --readers N            reader threads (default 2)",
            "  --writers N            writer threads (default 2, at least 1)",
            "  --keys N               key range [0, N) (default 128; small keeps nodes recycling)",
            "  --buckets N            hash buckets, a power of two (default 16)",
            "  --churn / --no-churn   threads leave and join again, records and batches handed on (default on)",
            "  --stall D|forever|off  stalled readers park inside a section for D (10ms, 1s, 500us) or until the end (default 1ms)",
            "  --stalled N            how many stalled readers (default 1; 0 = same as --stall off)",
            "  --seed N               seed of the workers' random keys (default 1)",
            "  --faults N|off         fail every N-th grace-period barrier and blocking wait of the workload (default "
                    + Torture.Config.DEFAULT_FAULT_EVERY + ")",
            "  --paths N|off          after the workload, N rounds of the paths it never takes, at batch >= 4: hand-on,",
            "                         adoption under a reader, close racing joins, close with a reader inside, a throwing",
            "                         free, a failing barrier (default 1; more for longer runs)",
            "  --no-paths             the same as --paths off",
            "  --expect-detections    pass only if every run detects a use-after-free (for broken)",
            "  --help                 this text, then the engines and their knobs");

    private TortureMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("torture: " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
        if (options.help) {
            out.println(USAGE);
            out.println();
            out.println("engines:");
            out.print(Engines.describe());
            return EXIT_OK;
        }
        boolean allPassed = true;
        for (Torture.Config config : options.configs) {
            Torture.Result r;
            try {
                r = Torture.run(config);
            } catch (IllegalArgumentException e) { // the engine refused its spec when built
                err.println("torture: " + e.getMessage());
                return EXIT_USAGE;
            }
            out.println(r.summaryLine(options.expectDetections));
            out.flush();
            allPassed &= options.expectDetections ? r.caught() : r.ok();
        }
        return allPassed ? EXIT_OK : EXIT_FAILED;
    }

    /** Parsed arguments: one config per engine. */
    static final class Options {
        final List<Torture.Config> configs = new ArrayList<>();
        boolean expectDetections;
        boolean help;

        static Options parse(String[] args) {
            Options o = new Options();
            Set<String> engines = new LinkedHashSet<>();
            Torture.Builder b = Torture.Config.builder("gus");
            boolean stallSet = true;
            int stalled = 1;
            long stallNanos = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(1);
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    value = arg.substring(eq + 1);
                    arg = arg.substring(0, eq);
                }
                switch (arg) {
                    case "--help", "-h" -> o.help = true;
                    case "--expect-detections" -> o.expectDetections = noValue(arg, value);
                    case "--churn" -> b.churn(noValue(arg, value));
                    case "--no-churn" -> b.churn(!noValue(arg, value));
                    case "--no-paths" -> b.pathRounds(noValue(arg, value) ? 0 : 1);
                    case "--paths" -> {
                        String v = (value != null ? value : next(args, ++i, arg)).strip();
                        b.pathRounds(v.equalsIgnoreCase("off") ? 0 : integer(arg, v, 0));
                    }
                    case "--faults" -> {
                        String v = (value != null ? value : next(args, ++i, arg)).strip();
                        b.faultEvery(v.equalsIgnoreCase("off") ? 0 : integer(arg, v, 1));
                    }
                    case "--engine" -> engines.add(value != null ? value : next(args, ++i, arg));
                    case "--engines" -> engines.addAll(engineSet(value != null ? value : next(args, ++i, arg)));
                    case "--seconds" -> b.seconds(decimal(arg, value != null ? value : next(args, ++i, arg)));
                    case "--readers" -> b.readers(integer(arg, value != null ? value : next(args, ++i, arg), 0));
                    case "--writers" -> b.writers(integer(arg, value != null ? value : next(args, ++i, arg), 1));
                    case "--keys" -> b.keys(integer(arg, value != null ? value : next(args, ++i, arg), 1));
                    case "--buckets" -> b.buckets(integer(arg, value != null ? value : next(args, ++i, arg), 1));
                    case "--stalled" -> stalled = integer(arg, value != null ? value : next(args, ++i, arg), 0);
                    case "--seed" -> b.seed(longValue(arg, value != null ? value : next(args, ++i, arg)));
                    case "--stall" -> {
                        String v = (value != null ? value : next(args, ++i, arg)).strip().toLowerCase(Locale.ROOT);
                        if (v.equals("off")) {
                            stallSet = false;
                        } else {
                            stallSet = true;
                            stallNanos = v.equals("forever") ? Torture.Config.STALL_FOREVER : stallDuration(v);
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            if (o.help) {
                return o;
            }
            if (engines.isEmpty()) {
                engines.addAll(Engines.safeNames());
            }
            if (stallSet) {
                b.stall(stalled, stallNanos);
            } else {
                b.stalledReaders(0);
            }
            for (String spec : engines) {
                o.configs.add(b.engine(spec).build()); // validates the spec and every value
            }
            return o;
        }

        private static boolean noValue(String arg, String value) {
            if (value != null) {
                throw new IllegalArgumentException(arg + " takes no value");
            }
            return true;
        }

        private static String next(String[] args, int i, String arg) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(arg + " needs a value");
            }
            return args[i];
        }

        private static List<String> engineSet(String v) {
            String s = v.strip();
            if (s.equals("all")) {
                return Engines.safeNames();
            }
            if (s.equals("all+broken")) {
                return Engines.names();
            }
            List<String> names = new ArrayList<>();
            for (String name : s.split(",")) {
                String n = name.strip();
                if (n.contains(":") || n.contains("=")) {
                    throw new IllegalArgumentException("--engines takes plain names (" + n + " has knobs); use --engine SPEC for knobs");
                }
                Engines.type(n); // throws listing the valid names
                names.add(n);
            }
            return names;
        }

        private static int integer(String arg, String v, int min) {
            long n = longValue(arg, v);
            if (n < min || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(arg + " must be an integer >= " + min + ", got '" + v + "'");
            }
            return (int) n;
        }

        private static long longValue(String arg, String v) {
            try {
                return Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + " must be an integer, got '" + v + "'");
            }
        }

        private static double decimal(String arg, String v) {
            try {
                double d = Double.parseDouble(v.strip());
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return d;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(arg + " must be a positive number, got '" + v + "'");
            }
        }
    }

    /** A stall: a positive duration with its unit ({@code 10ms}, {@code 2.5s}, {@code 500us}). */
    static long stallDuration(String v) {
        long nanos;
        try {
            nanos = Durations.parseNanos(v, 0);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--stall: " + e.getMessage() + "; write e.g. 10ms, 2s, 500us, forever or off");
        }
        if (nanos == 0) {
            throw new IllegalArgumentException("--stall: duration '" + v + "' must be positive; write e.g. 10ms, 2s, 500us, forever or off");
        }
        return nanos;
    }
}
