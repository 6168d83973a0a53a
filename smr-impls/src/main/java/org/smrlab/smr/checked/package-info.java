/**
 * Checked mode: any engine, with the rules of use enforced at the faulty call.
 *
 * <p>Selected by the knob {@code checked=true} on any engine spec ({@code gus:batch=64,checked=true});
 * {@code Engines.create} wraps the engine in a {@link org.smrlab.smr.checked.CheckedReclaimer}. A call
 * that breaks a {@link org.smrlab.smr.checked.Rule} throws {@link org.smrlab.smr.checked.SmrMisuseException}
 * before the engine sees it. {@link org.smrlab.smr.checked.Sleepable#assertSleepable} is the lab's
 * {@code ASSERT_SLEEPABLE}, for every blocking point. {@code docs/usage.md} lists the rules, with
 * the test that trips each.
 */
package org.smrlab.smr.checked;
