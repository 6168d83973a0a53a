package org.smrlab.litmus;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The barrier pair a litmus test checks, in the review's four-operation form: two barrier-type
 * operations relating four memory operations in two threads, A and B. If B's barrier observes A's
 * (B's load sees A's store), then A's access happens-before B's access. A store-buffering pair reads
 * the same way with both barriers full fences: A's access is the store before A's fence, B's access
 * the load after B's.
 *
 * <p>Every test of this module carries one; {@link PairTable} prints them as data, which the lab's
 * review command joins with the jcstress results into {@code evidence/litmus.json} (R9's table).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Pair {
    /** The engine whose pair it is ({@code gus}), or for a test of a primitive the shape it tests ({@code fence shape}). */
    String engine();

    /** Thread A's memory operation that must come first. */
    String aAccess();

    /** Thread A's barrier-type operation. */
    String aBarrier();

    /** Thread B's barrier-type operation, which observes A's. */
    String bBarrier();

    /** Thread B's memory operation that must come after. */
    String bAccess();
}
