package org.smrlab.run.review;

import static org.smrlab.run.review.TrialSelector.SCORE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.smrlab.run.Goals;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRecord.Length;

/**
 * The question catalogue: the sixteen questions of the NetBSD tech-kern review of smr(9) and
 * pool_cache_set_smr(9) that the lab answers, each with the review's words and the evidence its
 * answer needs as data. One owner: bench's {@code review} and {@code review-quick} profiles are
 * planned from these selectors (no trial list anywhere else), the review command runs the evidence
 * and the cited tests named here, and the reports' review generator looks the same trials up.
 *
 * <p>The message is the review's first pass, a reply to Kevin Bowling's proposal (tech-kern, April
 * 2026). The quotes are verbatim: a test in this module finds each in a copy of the message kept in
 * the test resources. R14 and R15 are not asked in this message; their origin says where they come from.
 *
 * <h2>Run lengths</h2>
 * The quick review must fit in about 15 minutes on 2 cores with everything (both JVMs, litmus,
 * torture, the cited tests), so its trials are short and it runs fewer points; the R2 curves keep
 * three forks even there, because two-thread results on a small VM differ from fork to fork and one
 * fork proves nothing. The full review (about 1 h 20 min on 2 cores, shardable) runs three forks where
 * intervals decide an answer.
 */
public final class Questions {
    /** Nanosecond-scale costs (read side, write side, floors). */
    static final Length NS_FULL = new Length(3, 1, "500ms", 5, "500ms");
    static final Length NS_QUICK = new Length(1, 1, "300ms", 3, "200ms");
    /** The mixed workload over the pool (latency, memory, throughput). */
    static final Length MIXED_FULL = new Length(3, 1, "1s", 5, "1s");
    static final Length MIXED_QUICK = new Length(1, 1, "500ms", 4, "400ms");
    /** Curves whose points are compared with each other: three forks in both reviews. */
    static final Length CURVE_FULL = new Length(3, 1, "500ms", 3, "1s");
    static final Length CURVE_QUICK = new Length(3, 1, "300ms", 2, "300ms");
    /** Grids of many points where two forks give an interval at each. */
    static final Length GRID_FULL = new Length(2, 1, "1s", 4, "1s");
    /** Operations of milliseconds (a synchronize at a 10 ms tick, a grace period). */
    static final Length SLOW_FULL = new Length(3, 1, "1s", 4, "1s");
    static final Length SLOW_QUICK = new Length(1, 1, "500ms", 3, "500ms");

    /** Mixed-workload figures of latency and memory. */
    private static final String[] LATENCY_MEMORY = {SCORE, Metrics.R2F_P50.name(), Metrics.R2F_P99.name(),
        Metrics.PENDING_MEAN.name(), Metrics.PENDING_PEAK.name(), Metrics.FOOTPRINT_PEAK.name()};

    /** The specs of the pool comparison (R12): NetBSD's blocking pserialize, its asynchronous form, gus, gus-lazy. */
    public static final List<String> POOL_COMPARISON = List.of("pserialize", "pserialize:async=true", "gus", "gus-lazy");

    /** The pool variant that models NetBSD's PR_PSERIALIZE pool_cache (ReclamationBench's {@code pool} parameter). */
    public static final String PR_PSERIALIZE_POOL = "pr_pserialize";

    private static final Map<String, Question> ALL = new LinkedHashMap<>();

    private static final CitedTests CHECKED_RULES = new CitedTests("org.smrlab.smr.checked.CheckedRulesTest",
            CitedTests.Citation.RULE, "checked mode trips each rule of use on every engine where it applies");
    private static final CitedTests USAGE_EXAMPLES = new CitedTests("org.smrlab.smr.usage.UsageExamplesTest",
            CitedTests.Citation.USAGE, "the examples and counterexamples of docs/usage.md, run as written");
    private static final List<CitedTests> DEFECTS = List.of(
            new CitedTests("org.smrlab.smr.engine.HandOnTest", CitedTests.Citation.DEFECT,
                    "a handed-on batch waits for a grace period that began after it was sealed, on every engine"),
            new CitedTests("org.smrlab.smr.engine.CloseTest", CitedTests.Citation.DEFECT,
                    "close() is all or nothing: every retired node freed exactly once, every helper stopped, or a failure "
                    + "from which a later close() completes"),
            new CitedTests("org.smrlab.smr.engine.PserializeTest", CitedTests.Citation.DEFECT,
                    "pserialize never publishes a failed grace period; advance then poll completes on its own"));

    static {
        add(new Question("R1", "smr(9) as one API over many algorithms; which engines make the writer wait", List.of(
                new Question.Quote("smr(9) (Safe Memory Reclamation) is an API that can be backed by any of a variety of "
                        + "memory reclamation algorithms", "point 1 of the reviewer's summary"),
                new Question.Quote("But what they all have in common is that waiting for a safe time to free is a synchronous "
                        + "blocking operation: pserialize_perform, psref_target_destroy, localcount_drain.", "point 2"),
                new Question.Quote("it would be nice to gather moribund resources in batches to free asynchronously.", "point 2")),
                null, List.of(
                TrialSelector.of("R1.retire", "WriteSideBench.retire", "amortized retire alone, and the time blocked per retire")
                        .engines(EngineChoice.safe())
                        .metrics(SCORE, Metrics.WAIT_NS_PER_RETIRE.name(), Metrics.WAITS.name()).run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R1.retireWithReader", "WriteSideBench.retireWithReader",
                                "retire beside a reader looping over read sections: a blocking retire now waits for it")
                        .engines(EngineChoice.safe()).threads("1,1")
                        .metrics(SCORE, "score:retireWriter", Metrics.WAIT_NS_PER_RETIRE.name(), Metrics.WAITS.name())
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R1.mixed", "ReclamationBench.mixed",
                                "the mixed workload over the pool: time blocked per retire and per operation")
                        .engines(EngineChoice.safe()).threads("max")
                        .metrics(SCORE, Metrics.WAIT_NS_PER_RETIRE.name(), Metrics.WAIT_NS_PER_OP.name(), Metrics.WAIT_P99.name())
                        .run(MIXED_FULL, MIXED_QUICK).build()),
                List.of(), List.of(), List.of("family", "hasWriteSide", "retireBlocks", "neverFrees", "models")));

        add(new Question("R2", "When to vary the parameters", List.of(
                new Question.Quote("When should we vary the parameters?", "point 3, the questions on rules for usage")),
                null, List.of(
                TrialSelector.of("R2.batch", "ReclamationBench.mixed", "batch size against latency and memory, the gus family")
                        .engines(EngineChoice.family("gus family")).threads("max")
                        .param("batch", "1", "4", "16", "64", "256", "1024", "4096").quickParam("batch", "1", "64", "4096")
                        .metrics(LATENCY_MEMORY).run(CURVE_FULL, CURVE_QUICK).build(),
                TrialSelector.of("R2.limit", "ReclamationBench.mixed", "gus-deferred's limit (advances per shared clock write)")
                        .engines("gus-deferred:limit=1", "gus-deferred:limit=4", "gus-deferred:limit=16",
                                "gus-deferred:limit=64", "gus-deferred:limit=256")
                        .quickEngines("gus-deferred:limit=1", "gus-deferred:limit=16", "gus-deferred:limit=256").threads("max")
                        .metrics(LATENCY_MEMORY).run(CURVE_FULL, CURVE_QUICK).build(),
                TrialSelector.of("R2.tick", "ReclamationBench.mixed", "gus-lazy's tick (the clock period)")
                        .engines("gus-lazy:tick=100us", "gus-lazy:tick=1ms", "gus-lazy:tick=2ms", "gus-lazy:tick=10ms")
                        .quickEngines("gus-lazy:tick=1ms", "gus-lazy:tick=10ms").threads("max")
                        .metrics(LATENCY_MEMORY).run(CURVE_FULL, CURVE_QUICK).build()),
                List.of(), List.of(), List.of("defaultKnobs")));

        add(new Question("R3", "How to prove code uses it correctly", List.of(
                new Question.Quote("How do we prove whether code is using it correctly?", "point 3, the questions on rules for usage")),
                null, List.of(), List.of(EvidenceKind.LITMUS, EvidenceKind.TORTURE, EvidenceKind.TESTS),
                concat(List.of(USAGE_EXAMPLES), DEFECTS), List.of("unsafeByDesign")));

        add(new Question("R4", "How to detect mistakes at run time", List.of(
                new Question.Quote("How do we detect mistakes at run-time?", "point 3, the questions on rules for usage")),
                null, List.of(
                TrialSelector.of("R4.plain", "ReadSideBench.emptySection", "an empty read section, plain")
                        .engines(EngineChoice.safe()).run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R4.checked", "ReadSideBench.emptySection", "an empty read section in checked mode")
                        .engines(EngineChoice.safe().with("checked", "true")).run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R4.lookupPlain", "ReadSideBench.lookupSection", "a hash-set lookup in a read section, plain")
                        .engines(EngineChoice.safe()).run(NS_FULL, null).build(),
                TrialSelector.of("R4.lookupChecked", "ReadSideBench.lookupSection", "a hash-set lookup in checked mode")
                        .engines(EngineChoice.safe().with("checked", "true")).run(NS_FULL, null).build()),
                List.of(EvidenceKind.TESTS, EvidenceKind.FACTS), List.of(CHECKED_RULES), List.of()));

        add(new Question("R5", "Why GUS rather than QSBR or EBR (and HP, pserialize, rwlock)", List.of(
                new Question.Quote("I would be curious to hear a little about why GUS is a better choice than QSBR or EBR or "
                        + "whatever", "point 3, after the questions on rules for usage")),
                null, List.of(
                TrialSelector.of("R5.read", "ReadSideBench.emptySection", "read cost: an empty section")
                        .engines(EngineChoice.safe()).run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R5.readAll", "ReadSideBench.emptySection", "read cost with every core reading")
                        .engines(EngineChoice.safe()).threads("max").run(NS_FULL, null).build(),
                TrialSelector.of("R5.lookup", "ReadSideBench.lookupSection", "read cost: a lookup in a section")
                        .engines(EngineChoice.safe()).run(NS_FULL, null).build(),
                TrialSelector.of("R5.write", "WriteSideBench.retire", "write cost: amortized retire")
                        .engines(EngineChoice.safe()).run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R5.mixed", "ReclamationBench.mixed", "retire-to-free latency and pending memory under the mixed workload")
                        .engines(EngineChoice.safe()).threads("max").metrics(LATENCY_MEMORY).run(MIXED_FULL, MIXED_QUICK).build(),
                TrialSelector.of("R5.stall", "StallBench.writer", "stall behaviour: one reader parked inside a section a whole iteration")
                        .engines(EngineChoice.safe()).param("stall", "iteration")
                        .metrics(SCORE, Metrics.PENDING_PEAK.name(), Metrics.UNBOUNDED.name()).run(MIXED_FULL, MIXED_QUICK).build(),
                TrialSelector.of("R5.floorFence", Goals.FENCE_FLOOR, "the store + full fence floor").run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R5.floorLoad", Goals.LOAD_FLOOR, "the plain load floor").run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R5.membarrier", "ReadSideBench.emptySection", "the unfenced read sides with membarrier")
                        .engines("gus", "gus-lazy", "pserialize").membarrierJvmOnly().run(NS_FULL, NS_QUICK).build()),
                List.of(EvidenceKind.TORTURE), List.of(), List.of("family", "sectionsNest", "retireBlocks", "enterBlocks",
                        "neverFrees")));

        add(new Question("R6", "What \"lazy\" means and why choose it", List.of(
                new Question.Quote("What motivates the term `lazy'?", "reply to smr_lazy_enter in the proposed man page"),
                new Question.Quote("it sounds like the lazy version is new in your proposal for NetBSD, so it doesn't come from "
                        + "FreeBSD.", "same reply"),
                new Question.Quote("Why would you choose lazy vs non-lazy SMR?", "same reply")),
                null, List.of(
                TrialSelector.of("R6.read", "ReadSideBench.emptySection", "gus-lazy's read side against gus's, fenced and with membarrier")
                        .engines("gus", "gus-lazy").bothJvms().run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.floorFence", Goals.FENCE_FLOOR, "the store + full fence floor, on both JVMs")
                        .bothJvms().run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.floorLoad", Goals.LOAD_FLOOR, "the plain load floor, on both JVMs")
                        .bothJvms().run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.membarrier", "MembarrierBench.withRunningThread",
                                "one membarrier(2) while another thread of the process runs: the price of a tick")
                        .threads("1,1").membarrierJvmOnly().metrics(SCORE, "score:barrier").run(SLOW_FULL, SLOW_QUICK).build(),
                TrialSelector.of("R6.membarrierAlone", "MembarrierBench.alone", "one membarrier(2) with no other thread running")
                        .membarrierJvmOnly().run(SLOW_FULL, SLOW_QUICK).build(),
                TrialSelector.of("R6.bystanderIdle", "BystanderBench.idle", "a bystander's loop beside an idle writer")
                        .engines("gus", "gus-lazy").threads("1,1").bothJvms().metrics(SCORE, "score:idleBystander")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.bystanderRetiring", "BystanderBench.retiring",
                                "a bystander's loop beside a retiring writer (gus-lazy's ticker busy)")
                        .engines("gus", "gus-lazy").threads("1,1").bothJvms().metrics(SCORE, "score:retiringBystander")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.advance", "WriteSideBench.advance", "one advance: gus's shared clock write against lazy's")
                        .engines("gus", "gus-lazy").bothJvms().metrics(SCORE, Metrics.MEMBARRIERS.name())
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R6.synchronizeTick", "WriteSideBench.synchronize", "synchronize latency against the tick")
                        .engines("gus", "gus-lazy:tick=1ms", "gus-lazy:tick=2ms", "gus-lazy:tick=10ms").bothJvms()
                        .metrics(SCORE, Metrics.MEMBARRIERS.name()).run(SLOW_FULL, SLOW_QUICK).build()),
                List.of(), List.of(), List.of("models", "defaultKnobs")));

        add(new Question("R7", "Why lazy reduces write-side overhead: reclamation, not publishing", List.of(
                new Question.Quote("Why does this reduce write-side overhead? I assume this is about the _reclamation_ part of "
                        + "the write side, not the _publishing_ part of the write side, right?",
                        "reply to SMR_LAZY in the proposed man page")),
                null, List.of(
                TrialSelector.of("R7.publish", "PublishBench.publish", "publishing alone: the unlink store under the writer's lock")
                        .engines(EngineChoice.family("gus family")).quickEngines("gus", "gus-lazy").threads("1", "2")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R7.publishAdvance", "PublishBench.publishAdvance", "publish, then advance the write clock")
                        .engines(EngineChoice.family("gus family")).quickEngines("gus", "gus-lazy").threads("1", "2")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R7.publishRetire", "PublishBench.publishRetire", "publish, then retire the old node (batched reclamation)")
                        .engines(EngineChoice.family("gus family")).quickEngines("gus", "gus-lazy").threads("1", "2")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R7.advance", "WriteSideBench.advance", "advance alone, at 1 and 2 writers")
                        .engines(EngineChoice.family("gus family")).quickEngines("gus", "gus-lazy").threads("1", "2")
                        .run(NS_FULL, NS_QUICK).build()),
                List.of(), List.of(), List.of()));

        add(new Question("R8", "\"Bounded by 2 clock ticks\"", List.of(
                new Question.Quote("This reduces write-side overhead at the cost of increased reclamation latency (bounded by 2 "
                        + "clock ticks).", "the proposed man page's SMR_LAZY flag, as the review quotes it")),
                null, List.of(
                TrialSelector.of("R8.grace", "GraceLatencyBench.lazyGrace",
                                "grace-period latency (advance to the first successful poll) against the tick, batch fill apart")
                        .engines("gus-lazy:tick=1ms", "gus-lazy:tick=2ms", "gus-lazy:tick=10ms").bothJvms()
                        .metrics(SCORE, Metrics.GRACE_P50.name(), Metrics.GRACE_P99.name(), Metrics.GRACE_MAX.name(),
                                Metrics.BATCH_FILL_P50.name())
                        .run(SLOW_FULL, SLOW_QUICK).build()),
                List.of(), List.of(), List.of()));

        add(new Question("R9", "What the barriers order: the four operations of each pair", List.of(
                new Question.Quote("So what are the four operations that get synchronized in each of the smr (lazy) enter/exit "
                        + "routines?", "the section on memory ordering"),
                new Question.Quote("Note that membar_exit and membar_enter are deprecated since netbsd-10",
                        "the section on memory ordering")),
                null, List.of(), List.of(EvidenceKind.LITMUS, EvidenceKind.FACTS), List.of(), List.of()));

        add(new Question("R10", "Examples of advance, poll, wait and synchronize", List.of(
                new Question.Quote("it would also be nice to understand how smr_advance, smr_poll, smr_wait, and smr_synchronize "
                        + "are meant to be used. Can you write some examples illustrating that too?", "the reply on EXAMPLES")),
                null, List.of(), List.of(EvidenceKind.TESTS), List.of(USAGE_EXAMPLES), List.of()));

        add(new Question("R11", "The IPL questions, and blocking in a read section", List.of(
                new Question.Quote("Can we just include the allowed IPL in the smr descriptor itself, and have it do "
                        + "splsoftnet inside?", "the reply on raising the IPL before a read section"),
                new Question.Quote("Ideally, smr_enter and smr_lazy_enter would also be able to detect whether you have tried "
                        + "using them at _too high_ an IPL.", "same reply"),
                new Question.Quote("It would also be good, if blocking is forbidden, for smr_enter and smr_lazy_enter to set some "
                        + "thread state that trips ASSERT_SLEEPABLE", "same reply")),
                null, List.of(
                TrialSelector.of("R11.checked", "ReadSideBench.emptySection", "what the sleep-in-section check costs a read section")
                        .engines("gus", "gus:checked=true", "gus-lazy", "gus-lazy:checked=true", "pserialize",
                                "pserialize:checked=true").run(NS_FULL, NS_QUICK).build()),
                List.of(EvidenceKind.TESTS, EvidenceKind.FACTS), List.of(CHECKED_RULES), List.of()));

        add(new Question("R12", "pserialize_perform + pool_cache_put against pool_cache_set_smr", List.of(
                new Question.Quote("where the blocking pserialize_perform operation is replaced instead by asynchronous logic "
                        + "inside pool_cache_put once it has been configured with an SMR.", "the reply on EXAMPLES")),
                null, List.of(
                TrialSelector.of("R12.pool", "ReclamationBench.mixed", "the same pool workload on pserialize (blocking and "
                                + "asynchronous), gus and gus-lazy: throughput, blocked time, latency, memory, slow-path gets")
                        .engines(EngineChoice.specs(POOL_COMPARISON.toArray(String[]::new))).threads("max").bothJvms()
                        .metrics(SCORE, Metrics.WAIT_NS_PER_RETIRE.name(), Metrics.WAIT_P50.name(), Metrics.WAIT_P99.name(),
                                Metrics.R2F_P50.name(), Metrics.R2F_P99.name(), Metrics.PENDING_MEAN.name(),
                                Metrics.PENDING_PEAK.name(), Metrics.FOOTPRINT_PEAK.name(), Metrics.GET_SLOW_P50.name(),
                                Metrics.GET_SLOW_P99.name())
                        .run(MIXED_FULL, MIXED_QUICK).build(),
                TrialSelector.of("R12.prPserialize", "ReclamationBench.mixed", "NetBSD's PR_PSERIALIZE pool_cache: objects reused "
                                + "without a barrier, a cross-call only before a group of them leaves the cache")
                        .engines("pserialize").param("pool", PR_PSERIALIZE_POOL).threads("max").bothJvms()
                        // nothing goes through the engine's retire in this model: blocked time per operation, not per retire
                        .metrics(SCORE, Metrics.WAIT_NS_PER_OP.name(), Metrics.WAIT_P99.name(), Metrics.R2F_P99.name(),
                                Metrics.PENDING_MEAN.name(), Metrics.FOOTPRINT_PEAK.name(), Metrics.GET_SLOW_P99.name())
                        .run(MIXED_FULL, MIXED_QUICK).build()),
                List.of(), List.of(), List.of("retireBlocks", "models")));

        add(new Question("R13", "How batches are chosen; memory growth against allocation latency", List.of(
                new Question.Quote("I would also be curious to know how the batches are chosen, and whether there are some knobs "
                        + "to control the growth of memory vs the latency of new allocations.", "the closing paragraph")),
                null, List.of(
                TrialSelector.of("R13.grid", "ReclamationBench.mixed", "pool footprint and slow-path get latency against batch size "
                                + "and retire rate (the update share: a remove retires a node)")
                        .engines("gus").threads("max")
                        .param("batch", "1", "16", "64", "256", "1024").quickParam("batch", "1", "64", "1024")
                        .param("readRatio", "0.5", "0.9", "0.99", "0.999").quickParam("readRatio", "0.9", "0.999")
                        .metrics(SCORE, Metrics.FOOTPRINT_PEAK.name(), Metrics.GET_SLOW_RATE.name(), Metrics.GET_SLOW_P50.name(),
                                Metrics.GET_SLOW_P99.name(), Metrics.PENDING_MEAN.name())
                        .run(GRID_FULL, MIXED_QUICK).build()),
                List.of(EvidenceKind.FACTS), List.of(), List.of("defaultKnobs")));

        add(new Question("R14", "smr_enter against an ordinary rwlock", List.of(),
                "not in this message: the lab's design brief lists smr_enter against an rwlock among the comparisons the "
                + "NetBSD review asked for", List.of(
                TrialSelector.of("R14.read", "ReadSideBench.emptySection", "read cost at 1 and all threads")
                        .engines("gus", "rwlock").threads("1", "max").run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R14.readWithWriter", "ReadSideBench.emptyWithWriter", "read cost beside a writer")
                        .engines("gus", "rwlock").threads("1,1").metrics(SCORE, "score:emptyReader", "score:emptyWriter")
                        .run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R14.floorRwLock", "ReadSideBench.floorRwLockRead", "a bare ReentrantReadWriteLock read lock")
                        .threads("1", "max").run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R14.write", "WriteSideBench.retire", "writer cost: retire (rwlock: a write lock per batch)")
                        .engines("gus", "rwlock").run(NS_FULL, NS_QUICK).build(),
                TrialSelector.of("R14.writeWithReader", "WriteSideBench.retireWithReader", "writer cost beside a reader")
                        .engines("gus", "rwlock").threads("1,1").metrics(SCORE, "score:retireWriter")
                        .run(NS_FULL, NS_QUICK).build()),
                List.of(), List.of(), List.of("enterBlocks", "retireBlocks")));

        add(new Question("R15", "The gus family's batch knob on a small machine", List.of(),
                "not in this message: the lab's own measured facts (design brief) found that on 2 vCPUs the latency-vs-memory "
                + "chart hid the batch knob, its peak and p99 set by readers descheduled inside a section", List.of(
                TrialSelector.of("R15.curve", "ReclamationBench.mixed", "the batch curve with fewer runnable threads than cores "
                                + "(1) and with as many (all), counting read sections that span a descheduling")
                        .engines("gus", "ebr").quickEngines("gus").threads("1", "max")
                        .param("batch", "1", "16", "256").quickParam("batch", "1", "64")
                        .metrics(Metrics.PENDING_MEAN.name(), Metrics.PENDING_PEAK.name(), Metrics.R2F_P50.name(),
                                Metrics.R2F_P99.name(), Metrics.SECTION_LONG_SHARE.name())
                        .run(CURVE_FULL, CURVE_QUICK).build()),
                List.of(), List.of(), List.of()));

        add(new Question("R16", "Why the patch to subr_pool.c is large", List.of(
                new Question.Quote("why the patch to subr_pool.c is so large", "point 3, after the questions on rules for usage")),
                null, List.of(
                TrialSelector.of("R16.mechanisms", "PoolBench.getPut", "a pool get and put with each SMR-only mechanism turned off in turn")
                        .engines("gus").param("without", "nothing", "poison", "generations", "deferredReuse")
                        .run(NS_FULL, NS_QUICK).build()),
                List.of(EvidenceKind.SOURCE, EvidenceKind.FACTS), List.of(), List.of()));
    }

    private Questions() {
    }

    private static void add(Question q) {
        if (ALL.putIfAbsent(q.id(), q) != null) {
            throw new IllegalStateException("two questions are named " + q.id());
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> l = new ArrayList<>(a);
        l.addAll(b);
        return l;
    }

    /** Every question, R1 to R16. */
    public static List<Question> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Question> byId(String id) {
        return Optional.ofNullable(ALL.get(id));
    }

    /** Every trial selector of every question, in catalogue order. */
    public static List<TrialSelector> selectors() {
        return ALL.values().stream().flatMap(q -> q.trials().stream()).toList();
    }

    /** The selector {@code id} ({@code R2.batch}). */
    public static Optional<TrialSelector> selector(String id) {
        return selectors().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Every test class some question cites, each once, in catalogue order. */
    public static List<CitedTests> citedTests() {
        Map<String, CitedTests> m = new LinkedHashMap<>();
        ALL.values().forEach(q -> q.tests().forEach(t -> m.putIfAbsent(t.className(), t)));
        return List.copyOf(m.values());
    }

    /** Every evidence file some question reads, in {@link EvidenceKind} order. */
    public static List<EvidenceKind> evidence() {
        return java.util.Arrays.stream(EvidenceKind.values())
                .filter(k -> ALL.values().stream().anyMatch(q -> q.evidence().contains(k))).toList();
    }
}
