package org.smrlab.smr.checked;

/**
 * Thrown by checked mode at the call that breaks a {@link Rule} of use, before the engine sees
 * the call: the engine's state is as it was, so a test can catch it and carry on.
 *
 * <p>The message names the rule, the engine (its canonical spec) and what went wrong, then states
 * the rule: {@code NESTED_ENTER on gus:batch=64,start=1,invariants=false,checked=true: enter() inside a read section
 * (depth 1); rule: gus, gus-deferred and gus-lazy sections do not nest: exit before entering again}.
 */
public class SmrMisuseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final Rule rule;
    private final String engine;

    public SmrMisuseException(Rule rule, String engine, String detail) {
        super(rule.name() + " on " + engine + ": " + detail + "; rule: " + rule.rule());
        this.rule = rule;
        this.engine = engine;
    }

    /** The rule broken. */
    public Rule rule() {
        return rule;
    }

    /** The canonical spec of the engine the faulty call was made on. */
    public String engine() {
        return engine;
    }

    /**
     * The exception an {@code SmrPool} in checked mode (or strict mode) throws when the node it is
     * about to hand out again was written after its free.
     *
     * @param engine     the pool engine's canonical spec
     * @param node       the damaged node (its class is named)
     * @param generation the node's (odd) generation when it was freed
     */
    public static SmrMisuseException writeAfterFree(String engine, Object node, long generation) {
        return new SmrMisuseException(Rule.WRITE_AFTER_FREE, engine, "write after free: a " + node.getClass().getSimpleName()
                + " freed at generation " + generation + " was modified in the pool (poison damaged); node dropped");
    }
}
