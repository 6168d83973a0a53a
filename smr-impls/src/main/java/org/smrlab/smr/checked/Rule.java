package org.smrlab.smr.checked;

/**
 * The rules of use that checked mode enforces. Each constant carries the rule in one sentence (what
 * a correct program does) and where the rule comes from; {@link SmrMisuseException} names the
 * constant, the engine and the faulty call. {@code docs/usage.md} lists them with the test that
 * trips each.
 */
public enum Rule {
    /** exit() with no section open on the session. */
    EXIT_WITHOUT_ENTER("every exit() closes an enter() of the same session",
            "smr_exit/pserialize_read_exit of a section never entered"),

    /** enter() inside a section on an engine whose sections do not nest. */
    NESTED_ENTER("gus, gus-deferred and gus-lazy sections do not nest: exit before entering again",
            "smr(9): smr_enter asserts the CPU is not already in a section; pserialize, ebr, hp, qsbr, rwlock nest"),

    /** protect() with no section open. */
    PROTECT_OUTSIDE_SECTION("protect() only inside a read section: the node it returns is valid until the section ends",
            "a load of an SMR-protected pointer outside smr_enter/smr_exit"),

    /** A session used by a thread other than the one that joined. */
    WRONG_THREAD("a session belongs to the thread that called join(); other threads join their own",
            "a per-CPU record used from another CPU (smr(9) runs sections with preemption off)"),

    /** A session used after close(), or a domain joined after close(). */
    USE_AFTER_CLOSE("nothing but close() after close(); no join() after the domain is closed",
            "a record or domain used after smr_destroy"),

    /** advance, await, synchronize or barrier inside the session's own section. */
    WAIT_IN_SECTION("advance(), await(), synchronize() and barrier() only outside the session's read sections",
            "smr_advance asserts SMR_ASSERT_NOT_ENTERED; smr_poll with wait asserts it is not in a section"),

    /** On gus-lazy, a goal no advance could have returned: polling it would skip the grace. */
    LAZY_GRACE_SKIPPED("on gus-lazy, poll/await only goals returned by advance(): odd and at most current() + 4",
            "smr_poll treats a goal beyond the clock + SMR_SEQ_ADVANCE as wrapped and succeeds without a scan"),

    /** On gus or gus-deferred, a goal no advance could have returned. */
    GOAL_NOT_ISSUED("on gus and gus-deferred, poll/await only goals returned by advance(): odd and at most "
            + "current() (gus) or current() + 2 (gus-deferred)",
            "smr_poll treats a goal beyond the clock as wrapped and succeeds without a scan"),

    /** quiescent() inside a read section. */
    QUIESCENT_IN_SECTION("announce a quiescent state only outside every read section of the session",
            "urcu-qsbr: rcu_quiescent_state() while holding references"),

    /** A blocking call while the thread is inside any checked read section. */
    SLEEP_IN_SECTION("no call that may block (await, synchronize, barrier, a blocking retire, a domain's close, "
            + "the lab's locks) while the thread is inside any read section",
            "NetBSD ASSERT_SLEEPABLE with the pserialize read depth; FreeBSD: no sleeping in an SMR section"),

    /** psref, localcount: a reference taken on a node that is already being destroyed. */
    ACQUIRE_AFTER_RETIRE("psref and localcount: retire a node only once it is unreachable (unlinked): no reader may "
            + "take a reference on a node being destroyed",
            "NetBSD psref_acquire asserts \"psref target already destroyed\"; localcount_acquire asserts lc_totalp == NULL"),

    /** psref, localcount: a node retired while the retiring session itself still references it. */
    RETIRE_WHILE_REFERENCED("psref and localcount: drop your own reference (exit, or reuse its slot) before retiring the node",
            "psref_target_destroy and localcount_drain wait for every reference, the caller's own included: forever"),

    /** A node written after its free, found when the pool hands it out again. */
    WRITE_AFTER_FREE("never write a node after put(): the pool may already have freed it",
            "a poisoned item found modified when UMA/pool_cache hands it out again (INVARIANTS trash checks)");

    private final String rule;
    private final String origin;

    Rule(String rule, String origin) {
        this.rule = rule;
        this.origin = origin;
    }

    /** The rule, as a correct program follows it. */
    public String rule() {
        return rule;
    }

    /** Where the rule comes from (the kernel assertion or practice it mirrors). */
    public String origin() {
        return origin;
    }

    /**
     * The rule a test of {@code CheckedRulesTest} trips, read from its method's name: a method trips
     * rule {@code R} when its name, split into words at its capitals, begins with the words of
     * {@code R}'s name ({@code sleepInSectionOnABlockingRetire} trips {@link #SLEEP_IN_SECTION}); the
     * longest such rule when several match. Empty for a test of correct use
     * ({@code nestingIsAllowedWhereTheEngineNests}). This naming rule is how the review harvests
     * "the test that trips each rule" from surefire's reports, which know only method names; a test
     * of smr-impls checks that every method's name agrees with the rule its body expects.
     *
     * @param testName the method's name, optionally with surefire's suffix ({@code exitWithoutEnter(String)[2]})
     */
    public static java.util.Optional<Rule> trippedBy(String testName) {
        String name = testName.contains("(") ? testName.substring(0, testName.indexOf('(')) : testName;
        String snake = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT) + "_";
        Rule best = null;
        for (Rule r : values()) {
            if (snake.startsWith(r.name() + "_") && (best == null || r.name().length() > best.name().length())) {
                best = r;
            }
        }
        return java.util.Optional.ofNullable(best);
    }
}
