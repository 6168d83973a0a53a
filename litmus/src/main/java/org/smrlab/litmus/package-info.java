/**
 * Memory-ordering litmus tests (jcstress 0.16) for the engines' barrier pairs, written as four
 * operations: A's access, A's barrier, B's barrier, B's access.
 * <ul>
 * <li>{@code org.smrlab.litmus.holds}: the pairs each engine's header promises, mostly on the
 *     engines' real code; every test must pass (its forbidden outcome never seen).</li>
 * <li>{@code org.smrlab.litmus.broken}: counterexamples; every test must fail (its forbidden
 *     outcome seen at least once). Run in a separate invocation whose expected result is failure.</li>
 * <li>{@code org.smrlab.litmus.unobserved}: variants that are wrong under the Java memory model
 *     but cannot be observed on x86 with HotSpot; the wrong outcome is marked interesting and
 *     counted, so they run with the holding half.</li>
 * </ul>
 * {@code scripts/litmus} runs both halves and checks both; {@code docs/usage.md} (section 10) has
 * the table of pairs and results.
 */
package org.smrlab.litmus;
