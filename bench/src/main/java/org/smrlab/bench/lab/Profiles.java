package org.smrlab.bench.lab;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.smrlab.bench.ReadSideBench;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.run.Goal;
import org.smrlab.run.Goals;
import org.smrlab.run.TrialRef;
import org.smrlab.smr.Engines;
import org.smrlab.smr.engine.EngineType;

/**
 * The lab's profiles, as data: one table per profile, one {@link Entry} per line.
 *
 * <table>
 * <tr><th>profile</th><th>for</th><th>wall time (2 cores, estimated by --dry-run)</th></tr>
 * <tr><td>smoke</td><td>CI: every suite once, every engine in the reclamation and stall suites, tiny iterations</td><td>~2 min</td></tr>
 * <tr><td>quick</td><td>every engine at default knobs, one fork, short iterations, and each workload of run-format's
 *     catalogue in short form (gus, ebr, hp; one point): the README's main command</td><td>~11 min</td></tr>
 * <tr><td>standard</td><td>every suite and variant, 2 forks, read ratios, 1 and all threads; every workload with every
 *     engine, swept (one fork per point)</td><td>~4 h</td></tr>
 * <tr><td>workloads</td><td>standard's workloads alone, one fork per trial: every workload of run-format's catalogue
 *     with every engine, swept, the bystanders and the stall verdicts; for a user who wants the workload answers
 *     without standard's microbenchmarks</td><td>~2 h 30 min (--dry-run says less: its model misses the set-up of
 *     the oversubscribed, long and low-rate trials; the first run took 2 h 10 min for 664 of its 767 trials)</td></tr>
 * <tr><td>sweep</td><td>batch sizes 1..4096 and the engines' knobs: latency-vs-memory curves; section lengths</td><td>~10 min</td></tr>
 * <tr><td>stall</td><td>one reader stalled 1 ms, 10 ms, a whole iteration; 1 and all writer threads</td><td>~8 min</td></tr>
 * <tr><td>goals</td><td>only the trials the speed goals divide (read sides, hp protect, qsbr quiescent, two floors, retire at batch 64), 3 forks, without the profiler</td><td>~2 min</td></tr>
 * <tr><td>overhead</td><td>the profiler's own cost: the reclamation workload with and without instrumentation</td><td>~10 min</td></tr>
 * <tr><td>full</td><td>standard (3 forks) + sweep + stall + overhead + oversubscribed threads</td><td>hours</td></tr>
 * </table>
 * Every entry that has an engine runs under the SMR profiler (the floors have nothing to report).
 */
public final class Profiles {
    private static final List<String> FLOORS = List.copyOf(ReadSideBench.FLOORS.keySet());

    /** Batch sizes of the sweep: powers of 4 from 1 to 4096. */
    public static final List<String> BATCHES = List.of("1", "4", "16", "64", "256", "1024", "4096");

    /** The engine variants the sweep runs at every batch size: defaults plus each engine's own knob. */
    public static final List<String> SWEEP_SPECS = List.of("gus", "gus-deferred", "gus-deferred:limit=4",
            "gus-deferred:limit=64", "gus-lazy", "gus-lazy:tick=10ms", "qsbr", "ebr", "hp", "hp:slots=4", "hp-asym",
            "ibr", "ibr:freq=16", "he", "pserialize", "pserialize:coalesce=true", "pserialize:async=true", "psref", "localcount");

    /** BystanderBench's groups: a bystander beside a writer that is idle, retires, advances or synchronizes. */
    private static final List<String> BYSTANDER_ANY = List.of("idle", "retiring");
    private static final List<String> BYSTANDER_CLOCK = List.of("advancing", "synchronizing");

    // ---- the workloads (run-format's Workloads): what standard sweeps, and quick's short form

    /** umaperf's SMR_DEFERRED type: smr_create with a defer (limit) of 32. */
    public static final String UMAPERF_DEFERRED = "gus-deferred:limit=32";
    /** umaperf's packet sizes (PacketBench.size), 128 to 4096 bytes. */
    public static final List<String> PACKET_SIZES = List.of("128", "256", "512", "1024", "2048", "4096");
    /** The list's lengths (ListBench.length): from short to umaperf-scale walks. */
    public static final List<String> LIST_LENGTHS = List.of("128", "1024", "4096", "16384");
    /** Threads of the backlog workload: 2 cores here, so 4 and 8 are oversubscribed (the report marks them). */
    public static final List<String> BACKLOG_THREADS = List.of("1", "2", "4", "8");
    /** Lengths of the long runs (LongRunBench.runFor); the measurement iteration is as long. */
    public static final List<String> RUN_LENGTHS = List.of("10s", "30s", "60s");
    /** Intervals between retires for the capacity sweep (RetireRateBench.every): 1 to 20 million retires per second. */
    public static final List<String> CAPACITY_INTERVALS = List.of("1us", "300ns", "100ns", "50ns");
    /** Intervals between retires for the low-rate workload: one per microsecond down to one per 10 ms. */
    public static final List<String> LOW_RATE_INTERVALS = List.of("10ms", "1ms", "100us", "1us");
    /** The seal knob's variants beside the defaults at low rates: one engine per batching family. */
    public static final List<String> SEAL_SPECS = List.of("gus:seal=2ms", "qsbr:seal=2ms", "ebr:seal=2ms", "hp:seal=2ms",
            "pserialize:seal=2ms");
    /** Registered idle threads (IdleThreadsBench.idle). */
    public static final List<String> IDLE_THREADS = List.of("0", "10", "100", "1000");
    /** IdleThreadsBench's three figures. */
    private static final List<String> IDLE_BENCHMARKS = List.of("readSection", "pollScan", "synchronize");
    /** The key distributions of the skewed-keys workload. */
    public static final List<String> KEY_DISTRIBUTIONS = List.of("uniform", "zipf");
    /**
     * quick's short form of the workloads runs one engine per mechanism (a global clock, epochs, a
     * fence per pointer): one point each where standard sweeps every engine over many.
     */
    public static final String[] QUICK_WORKLOAD_ENGINES = {"gus", "ebr", "hp"};

    /** Checked mode's cost on the read side: every safe engine of the catalogue, beside its plain row of the same suite. */
    public static final String[] CHECKED = Engines.safeNames().stream()
            .map(n -> n + ":" + EngineType.CHECKED + "=true").toArray(String[]::new);

    /** Benchmarks that run only on a JDK 22+ (membarrier through FFM): left out of the smoke, which runs on the default JVM. */
    public static final List<String> NEEDS_JDK22 = org.smrlab.bench.MembarrierBench.FLOORS.keySet().stream()
            .map(m -> org.smrlab.bench.MembarrierBench.class.getName() + "." + m).toList();

    private static final Map<String, Profile> ALL = new LinkedHashMap<>();

    static {
        add(new Profile("smoke", "CI check: every suite once, every engine in reclamation and stall, tiny iterations", smoke()));
        add(new Profile("quick", "every engine at default knobs, 1 fork, short iterations (the README's main command); "
                + "the workloads in short form", quick()));
        add(new Profile("standard", "every suite and variant, 2 forks: read ratios, 1 and all threads, stalls; every workload, "
                + "every engine, swept", standard(2)));
        add(new Profile("workloads", "standard's workloads alone: every workload, every engine, swept; bystanders and the "
                + "stall verdicts (one fork per trial)", workloads(1)));
        add(new Profile("sweep", "batch sizes 1..4096 and the engines' knobs (latency-vs-memory curves), section lengths", sweep()));
        add(new Profile("stall", "one reader stalled 1 ms, 10 ms, a whole iteration; 1 and all writer threads", stall()));
        add(new Profile("goals", "only the figures the speed goals divide, 3 forks each, no profiler: the goals with tight errors", goals()));
        add(new Profile("overhead", "the SMR profiler's cost: the reclamation workload with and without its instrumentation", overhead()));
        add(new Profile("full", "standard with 3 forks + sweep + stall + overhead + oversubscribed threads", full()));
    }

    private Profiles() {
    }

    private static void add(Profile p) {
        ALL.put(p.name(), p);
    }

    /** Every profile, in the order above. */
    public static Map<String, Profile> all() {
        return Collections.unmodifiableMap(ALL);
    }

    /** Profile names, for messages. */
    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }

    // ------------------------------------------------------------------ the tables

    private static List<Entry> smoke() {
        RunLength ns = new RunLength(1, 1, "100ms", 1, "200ms");
        RunLength mixed = new RunLength(1, 1, "200ms", 1, "300ms");
        List<Entry> e = new ArrayList<>();
        for (String m : List.of("emptySection", "protectSection", "lookupSection")) {
            e.add(Entry.of("ReadSideBench." + m).engines("gus").profiled().run(ns));
        }
        e.add(Entry.of("ReadSideBench.quiescentState").engines("qsbr").profiled().run(ns));
        for (String g : List.of("emptyWithWriter", "lookupWithWriter")) {
            e.add(Entry.of("ReadSideBench." + g).engines("gus").threads("1,1").profiled().run(ns));
        }
        for (String f : FLOORS) {
            e.add(Entry.of("ReadSideBench." + f).noEngine().run(ns));
        }
        for (String m : List.of("retire", "advance", "synchronize")) {
            e.add(Entry.of("WriteSideBench." + m).engines("gus").profiled().run(ns));
        }
        for (String g : List.of("retireWithReader", "advanceWithReader", "synchronizeWithReader")) {
            e.add(Entry.of("WriteSideBench." + g).engines("gus").threads("1,1").profiled().run(ns));
        }
        e.add(Entry.of("ReclamationBench.mixed").threads("max").profiled().run(mixed));
        e.add(Entry.of("StallBench.writer").param("stall", "iteration").param("cap", "100000").profiled().run(mixed));
        e.add(Entry.of("ProfilerOverheadBench.mixed").engines("gus").param("instrumented", "true", "false")
                .profiled().run(mixed));
        for (String g : concat(BYSTANDER_ANY, BYSTANDER_CLOCK)) {
            e.add(Entry.of("BystanderBench." + g).engines("gus-lazy").threads("1,1").profiled().run(ns));
        }
        e.add(Entry.of("LookupCostBench.lookup").engines("hp").param("walk", "set").run(ns)); // a diagnostic suite: runs, no profile uses it
        // the workloads, once each
        e.add(Entry.of("BystanderBench.ticking").engines("gus-lazy").threads("1,1").profiled().run(ns));
        e.add(Entry.of("BystanderBench.membarrier").engines("gus-lazy").threads("1,1").profiled().run(ns));
        e.add(Entry.of("PacketBench.packets").engines("gus").threads("max").profiled().run(mixed));
        e.add(Entry.of("PacketBench.section").engines("gus").profiled().run(ns));
        e.add(Entry.of("ListBench.mixed").engines("hp").param("length", "256").profiled().run(mixed));
        e.add(longRun("300ms", "gus").run(1));
        e.add(Entry.of("RetireRateBench.writer").engines("gus").param("every", "1us").profiled().run(mixed));
        for (String m : IDLE_BENCHMARKS) {
            e.add(Entry.of("IdleThreadsBench." + m).engines("qsbr").param("idle", "10").param("idleState", "offline")
                    .profiled().run(ns));
        }
        // The review's suites (run-format's question catalogue), smallest size. MembarrierBench is left out:
        // it needs a JDK 22+, and the smoke runs on the default JVM.
        for (String m : List.of("publish", "publishAdvance", "publishRetire")) {
            e.add(Entry.of("PublishBench." + m).engines("gus").profiled().run(ns));
        }
        e.add(Entry.of("GraceLatencyBench.lazyGrace").engines("gus-lazy:tick=1ms").profiled().run(ns));
        e.add(Entry.of("PoolBench.getPut").engines("gus").param("without", "nothing", "deferredReuse").profiled().run(ns));
        e.add(Entry.of("ReclamationBench.mixed").engines("pserialize").param("pool", org.smrlab.run.review.Questions.PR_PSERIALIZE_POOL)
                .threads("max").profiled().run(mixed));
        return e;
    }

    /**
     * A LongRunBench entry: one measurement iteration exactly as long as its {@code runFor} parameter
     * (the suite refuses any other), both set here from the one value, after one 1-s warmup.
     */
    private static LongRun longRun(String runFor, String... engines) {
        return new LongRun(runFor, engines);
    }

    /** What {@link #longRun} builds: the entry, once the forks are known. */
    private record LongRun(String runFor, String[] engines) {
        Entry run(int forks) {
            Entry.Builder b = Entry.of("LongRunBench.mixed").param("runFor", runFor).threads("max").profiled();
            if (engines.length > 0) {
                b = b.engines(engines);
            }
            return b.run(new RunLength(forks, 1, "1s", 1, runFor));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    private static List<Entry> quick() {
        // One fork, so the error is JMH's 99.9% interval over the iterations of that fork: Student's t times
        // the standard error. With 3 iterations t(0.9995, 2) = 31.6 makes every interval enormous (a 3 ns
        // section came out as 3 +- 4 ns); with 6 short ones t(0.9995, 5) = 6.9 shrinks it about fivefold for
        // the same measured time (1 s per cost trial, 2 s per reclamation trial). With 14 engines the JVM
        // start of each fork is a third of the profile; quick leaves to the review (scripts/lab review) the
        // trials only one question reads (the empty section at every thread, beside a writer).
        RunLength ns = new RunLength(1, 1, "300ms", 5, "200ms");
        RunLength mixed = new RunLength(1, 1, "1s", 5, "400ms");
        List<Entry> e = new ArrayList<>();
        e.add(Entry.of("ReadSideBench.emptySection").profiled().run(ns));
        e.add(Entry.of("ReadSideBench.protectSection").profiled().run(ns));
        e.add(Entry.of("ReadSideBench.quiescentState").engines("qsbr").profiled().run(ns));
        e.add(Entry.of("ReadSideBench.lookupSection").profiled().run(ns));
        e.add(Entry.of("ReadSideBench.emptySection").engines(CHECKED).profiled().run(ns));
        e.add(Entry.of("ReadSideBench.lookupWithWriter").threads("1,1").profiled().run(ns));
        for (String f : FLOORS) {
            e.add(Entry.of("ReadSideBench." + f).noEngine().threads("1", "max").run(ns));
        }
        e.add(Entry.of("WriteSideBench.retire").profiled().run(ns));
        e.add(Entry.of("WriteSideBench.retireWithReader").threads("1,1").profiled().run(ns));
        e.add(Entry.of("WriteSideBench.advance").writeSideEngines().profiled().run(ns));
        e.add(Entry.of("WriteSideBench.synchronize").writeSideEngines().profiled().run(ns));
        e.add(Entry.of("WriteSideBench.synchronizeWithReader").writeSideEngines().threads("1,1").profiled().run(ns));
        e.add(Entry.of("ReclamationBench.mixed").threads("max").profiled().run(mixed));
        e.add(Entry.of("StallBench.writer").param("stall", "iteration").profiled().run(mixed));
        for (String g : BYSTANDER_ANY) { // the engines that issue membarriers (per tick, grace period or scan) or run a helper, and one that does neither
            e.add(Entry.of("BystanderBench." + g).engines("gus", "gus-lazy", "pserialize", "hp-asym").threads("1,1").profiled().run(ns));
        }
        e.addAll(quickWorkloads());
        return e;
    }

    /**
     * The workloads in short form: one point each (the standard profile sweeps), for the engines of
     * {@link #QUICK_WORKLOAD_ENGINES}, short iterations. Enough to see each chart and its verdicts; not
     * enough for curves.
     */
    private static List<Entry> quickWorkloads() {
        String[] engines = QUICK_WORKLOAD_ENGINES;
        RunLength r = new RunLength(1, 1, "200ms", 2, "300ms");
        List<Entry> e = new ArrayList<>();
        e.add(Entry.of("PacketBench.packets").engines(engines).threads("max").profiled().run(r));
        e.add(Entry.of("ListBench.mixed").engines(engines).param("length", "4096").threads("max").profiled().run(r));
        e.add(Entry.of("ReclamationBench.mixed").engines(engines).threads("4").profiled().run(r));
        e.add(Entry.of("ReclamationBench.mixed").engines(engines).param("keyDist", "zipf").threads("max").profiled().run(r));
        e.add(longRun("2s", engines).run(1));
        e.add(Entry.of("RetireRateBench.writer").engines(engines).param("every", "100ns").profiled().run(r));
        e.add(Entry.of("RetireRateBench.writer").engines("gus", "hp", "gus:seal=2ms").param("every", "1ms").profiled()
                .run(new RunLength(1, 1, "300ms", 2, "500ms")));
        e.add(Entry.of("IdleThreadsBench.pollScan").engines(engines).param("idle", "100").profiled().run(r));
        e.add(Entry.of("BystanderBench.ticking").engines("gus-lazy").threads("1,1").profiled().run(r));
        return e;
    }

    private static List<Entry> standard(int forks) {
        RunLength ns = new RunLength(forks, 2, "1s", 3, "1s");
        RunLength mixed = new RunLength(forks, 2, "1s", 5, "1s");
        List<Entry> e = new ArrayList<>();
        for (String m : List.of("emptySection", "protectSection", "lookupSection")) {
            e.add(Entry.of("ReadSideBench." + m).threads("1", "max").profiled().run(ns));
            e.add(Entry.of("ReadSideBench." + m).engines(CHECKED).profiled().run(ns));
        }
        e.add(Entry.of("ReadSideBench.quiescentState").engines("qsbr").threads("1", "max").profiled().run(ns));
        for (String g : List.of("emptyWithWriter", "lookupWithWriter")) {
            e.add(Entry.of("ReadSideBench." + g).threads("1,1", "max-1,1").profiled().run(ns));
        }
        for (String f : FLOORS) {
            e.add(Entry.of("ReadSideBench." + f).noEngine().threads("1", "max").run(ns));
        }
        e.add(Entry.of("WriteSideBench.retire").profiled().run(ns));
        e.add(Entry.of("WriteSideBench.retireWithReader").threads("1,1").profiled().run(ns));
        for (String m : List.of("advance", "synchronize")) {
            e.add(Entry.of("WriteSideBench." + m).writeSideEngines().profiled().run(ns));
            e.add(Entry.of("WriteSideBench." + m + "WithReader").writeSideEngines().threads("1,1").profiled().run(ns));
        }
        e.add(Entry.of("ReclamationBench.mixed").param("readRatio", "0.5", "0.9", "0.99").threads("1", "max")
                .profiled().run(mixed));
        e.addAll(workloads(forks));
        return e;
    }

    /**
     * The workloads profile, and standard's second half: {@link #standardWorkloads}, the bystanders (workload 7)
     * at standard's read-side lengths, and the stalls (1 ms, 10 ms, a whole iteration) whose slope gives
     * the stall verdicts (workload 9), for every engine; the same lines in both profiles.
     */
    private static List<Entry> workloads(int forks) {
        RunLength ns = new RunLength(forks, 2, "1s", 3, "1s");
        List<Entry> e = new ArrayList<>();
        for (String g : concat(BYSTANDER_ANY, BYSTANDER_CLOCK)) {
            e.add(Entry.of("BystanderBench." + g).threads("1,1", "max-1,1").profiled().run(ns));
        }
        e.add(Entry.of("BystanderBench.ticking").threads("1,1").profiled().run(ns));
        e.add(Entry.of("BystanderBench.membarrier").engines("gus-lazy").threads("1,1", "max-1,1").profiled().run(ns)); // engine-independent
        e.add(Entry.of("StallBench.writer").param("stall", "1ms", "10ms", "iteration").profiled()
                .run(new RunLength(forks, 1, "1s", 3, "2s")));
        e.addAll(standardWorkloads(forks));
        return e;
    }

    /**
     * Every workload of run-format's catalogue, every engine, swept. The sweeps run one fork per point
     * (their neighbouring points check each other, and a sweep of 9 engines over 4 to 9 values at two
     * forks would double a profile that is already the longest but one); the trials that sit beside
     * the microbenchmarks' own (the reclamation workload at more threads, with skewed keys) keep the
     * profile's forks.
     */
    private static List<Entry> standardWorkloads(int forks) {
        // One fork per point: JMH's 99.9% interval is then Student's t over the iterations of that fork. The first
        // workloads run (3 x 500 ms) gave t(0.9995, 2) = 31.6 and intervals such as [0, inf] for every packets and
        // list ratio; 6 x 250 ms measures as long with t(0.9995, 5) = 6.87 (the reasoning of quick's lengths).
        RunLength r = new RunLength(1, 1, "500ms", 6, "250ms");
        RunLength ns = new RunLength(1, 1, "500ms", 6, "250ms");
        RunLength mixed = new RunLength(forks, 2, "1s", 5, "1s"); // as standard's reclamation trials
        RunLength lowRate = new RunLength(1, 1, "1s", 3, "2s"); // at one retire per 10 ms, 200 per iteration
        List<Entry> e = new ArrayList<>();
        // 1. umaperf: sizes at its default zeroing; zeroing at 1024 bytes; 100 yields/s (umaperf's epoch runs)
        e.add(Entry.of("PacketBench.packets").param("size", PACKET_SIZES.toArray(String[]::new)).threads("max").profiled().run(r));
        e.add(Entry.of("PacketBench.packets").engines(UMAPERF_DEFERRED).param("size", PACKET_SIZES.toArray(String[]::new))
                .threads("max").profiled().run(r)); // umaperf's SMR_DEFERRED ran with a defer of 32
        e.add(Entry.of("PacketBench.packets").param("zero", "0", "1024").threads("max").profiled().run(r));
        e.add(Entry.of("PacketBench.packets").param("yields", "100").threads("max").profiled().run(r));
        e.add(Entry.of("PacketBench.section").profiled().run(ns));
        // 2. the sorted list against its length, and the hash set on the same keys
        e.add(Entry.of("ListBench.mixed").param("length", LIST_LENGTHS.toArray(String[]::new)).threads("max").profiled().run(r));
        e.add(Entry.of("ListBench.mixed").param("length", "1024", "16384").param("structure", "set").threads("max")
                .profiled().run(r));
        // 3. backlog against threads (ReclamationBench at 1 and max threads comes from the lines above)
        e.add(Entry.of("ReclamationBench.mixed").threads(BACKLOG_THREADS.toArray(String[]::new)).profiled().run(mixed));
        // 4. memory against run length: one fork each (a 60-s run is its own repetition)
        for (String length : RUN_LENGTHS) {
            e.add(longRun(length).run(1));
        }
        // 5. reclaim capacity, 8. low rates (with the seal knob beside the defaults)
        e.add(Entry.of("RetireRateBench.writer").param("every", CAPACITY_INTERVALS.toArray(String[]::new)).profiled().run(r));
        e.add(Entry.of("RetireRateBench.writer").param("every", LOW_RATE_INTERVALS.toArray(String[]::new)).profiled().run(lowRate));
        e.add(Entry.of("RetireRateBench.writer").engines(SEAL_SPECS.toArray(String[]::new))
                .param("every", LOW_RATE_INTERVALS.toArray(String[]::new)).profiled().run(lowRate));
        // 6. idle registered threads; qsbr's offline ones
        for (String m : IDLE_BENCHMARKS) {
            e.add(Entry.of("IdleThreadsBench." + m).param("idle", IDLE_THREADS.toArray(String[]::new)).profiled().run(ns));
            e.add(Entry.of("IdleThreadsBench." + m).engines("qsbr").param("idle", IDLE_THREADS.toArray(String[]::new))
                    .param("idleState", "offline").profiled().run(ns));
        }
        // 10. skewed keys in the set and the list (uniform comes from the lines above)
        e.add(Entry.of("ReclamationBench.mixed").param("keyDist", "zipf").threads("max").profiled().run(mixed));
        e.add(Entry.of("ListBench.mixed").param("keyDist", "zipf").threads("max").profiled().run(r));
        return e;
    }

    /**
     * The goals need few trials but tight intervals: each ratio divides two scores, so three forks
     * (15 samples) per trial instead of quick's one. No profiler: its sampler thread is one more
     * runnable thread on a 2-core machine, and the goals are about the bare cost. The trials are
     * exactly those the goal table (run-format's {@link Goals}) divides, for every goal whose
     * profile this is; the reports judge the same table.
     */
    private static List<Entry> goals() {
        RunLength r = new RunLength(3, 2, "500ms", 5, "400ms");
        List<Entry> e = new ArrayList<>();
        for (Goal g : Goals.all()) {
            if (!g.profile().equals(Goals.GOALS_PROFILE)) {
                continue;
            }
            for (Goal.Ratio ratio : g.ratios()) {
                for (TrialRef ref : List.of(ratio.numerator(), ratio.denominator())) {
                    e.add(entry(ref, r));
                }
            }
        }
        return e;
    }

    /** The profile entry that runs the trial a goal names. */
    static Entry entry(TrialRef ref, RunLength r) {
        if (ref.eachEngine() || ref.threads() == null) {
            throw new IllegalStateException("a goal of the goals profile must name its engine and threads: " + ref);
        }
        Entry.Builder b = Entry.of(ref.benchmark()).threads(String.valueOf(ref.threads()));
        b = ref.hasEngine() ? b.engines(ref.engine()) : b.noEngine();
        for (Map.Entry<String, String> p : ref.params().entrySet()) {
            b = b.param(p.getKey(), p.getValue());
        }
        return b.run(r);
    }

    private static List<Entry> sweep() {
        RunLength r = new RunLength(1, 1, "1s", 3, "1s");
        List<Entry> e = new ArrayList<>();
        e.add(Entry.of("ReclamationBench.mixed").engines(SWEEP_SPECS.toArray(String[]::new))
                .param(EngineParam.BATCH, BATCHES.toArray(String[]::new)).threads("max").profiled().run(r));
        e.add(Entry.of("ReclamationBench.mixed").engines("rwlock", "none").threads("max").profiled().run(r));
        e.add(Entry.of("ReclamationBench.mixed").engines("gus", "gus-lazy", "qsbr", "ebr", "hp", "ibr", "he")
                .param("section", "1us", "10us", "100us").threads("max").profiled().run(r));
        return e;
    }

    private static List<Entry> stall() {
        RunLength r = new RunLength(1, 1, "1s", 3, "2s");
        return List.of(Entry.of("StallBench.writer").param("stall", "1ms", "10ms", "iteration").threads("1", "max")
                .profiled().run(r));
    }

    private static List<Entry> overhead() {
        RunLength r = new RunLength(3, 2, "1s", 5, "1s");
        return List.of(Entry.of("ProfilerOverheadBench.mixed").engines("gus", "gus-lazy", "qsbr", "ebr", "hp", "pserialize")
                .param("instrumented", "true", "false").threads("1", "max").profiled().run(r));
    }

    private static List<Entry> full() {
        List<Entry> e = new ArrayList<>(standard(3));
        e.addAll(sweep());
        e.addAll(stall());
        e.addAll(overhead());
        e.add(Entry.of("ReclamationBench.mixed").threads("2max").profiled().run(new RunLength(3, 2, "1s", 5, "1s")));
        return e;
    }
}
