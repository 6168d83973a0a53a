package org.smrlab.run.review;

import java.util.List;

/**
 * {@code evidence/facts.json}: the fact tables the review cites that are not measurements, written by
 * the review command from their one owner in code, so the generator reads them as data.
 *
 * @param schema       {@value #SCHEMA}
 * @param accessModes  each Java access mode the engines use, with NetBSD's name for the same ordering
 * @param deprecated   NetBSD barriers that new code must not use
 * @param rules        every checked-mode rule: its constant, the rule, where it comes from
 * @param policies     named values of the lab's code that answers cite (the pool's bucket size, ...)
 */
public record FactsEvidence(String schema, List<AccessMode> accessModes, List<DeprecatedBarrier> deprecated,
                            List<RuleFact> rules, List<NamedValue> policies) implements Evidence {
    public static final String SCHEMA = "smrlab-facts/1";

    public FactsEvidence {
        accessModes = accessModes == null ? List.of() : List.copyOf(accessModes);
        deprecated = deprecated == null ? List.of() : List.copyOf(deprecated);
        rules = rules == null ? List.of() : List.copyOf(rules);
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /**
     * A Java access mode and NetBSD's operation with the same ordering.
     *
     * @param java    the Java form ({@code VarHandle.setRelease})
     * @param netbsd  NetBSD's atomic_loadstore(9)/atomic_ops(3) form ({@code atomic_store_release}), or null
     * @param membar  NetBSD's membar_ops(3) form ({@code membar_release} before a plain store), or null
     * @param orders  what it orders, in words
     * @param usedBy  where the engines use it ({@code gus exit, ebr exit})
     */
    public record AccessMode(String java, String netbsd, String membar, String orders, String usedBy) {
    }

    /**
     * A deprecated NetBSD barrier.
     *
     * @param name        {@code membar_exit}
     * @param since       {@code netbsd-10}
     * @param replacement what to write instead
     */
    public record DeprecatedBarrier(String name, String since, String replacement) {
    }

    /** A checked-mode rule: the {@code Rule} constant, the rule as a correct program follows it, its origin. */
    public record RuleFact(String rule, String statement, String origin) {
    }

    /**
     * A named value of the code.
     *
     * @param name    {@code pool.bucket}
     * @param value   its value, as text
     * @param unit    {@code nodes}, or null
     * @param meaning what it means, in a sentence
     * @param source  where it is defined ({@code SmrPool.BUCKET})
     */
    public record NamedValue(String name, String value, String unit, String meaning, String source) {
    }

    @Override
    public String schema() {
        return schema;
    }
}
