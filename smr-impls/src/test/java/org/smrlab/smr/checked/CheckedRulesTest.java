package org.smrlab.smr.checked;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.engine.GusReclaimer;
import org.smrlab.smr.pool.PooledNode;
import org.smrlab.smr.pool.SmrPool;

/**
 * One test per {@link Rule}, each tripping it at the faulty call, plus the checks that checked mode
 * raises nothing for correct use and leaves the engine's state untouched when it throws. The test
 * names are the ones {@code docs/usage.md} links to.
 */
class CheckedRulesTest {
    static List<String> engines() {
        return Engines.names();
    }

    static List<String> gracePeriodEngines() {
        return List.of("gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "pserialize");
    }

    private static Reclaimer<Object> checked(String spec) {
        return Engines.create(spec + (spec.contains(":") ? "," : ":") + "checked=true", o -> { });
    }

    /** Runs {@code call} and returns the misuse it raised, asserting the rule, and that the message names rule and engine. */
    private static SmrMisuseException trips(Rule rule, Reclaimer<?> r, ThrowingCallable call) {
        SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, call);
        assertThat(e).as("expected %s", rule).isNotNull();
        assertThat(e.rule()).isEqualTo(rule);
        assertThat(e.engine()).isEqualTo(r.name());
        assertThat(e.getMessage()).startsWith(rule.name() + " on " + r.name() + ": ").contains("rule: " + rule.rule());
        return e;
    }

    // ------------------------------------------------------------------ spelling

    @ParameterizedTest
    @MethodSource("engines")
    void checkedIsAKnobOnEverySpecAndTheNameSaysSo(String engine) {
        try (Reclaimer<Object> r = checked(engine);
             Reclaimer<Object> plain = Engines.create(engine, o -> { })) {
            assertThat(CheckedReclaimer.isChecked(r)).isTrue();
            assertThat(CheckedReclaimer.isChecked(plain)).isFalse();
            assertThat(CheckedReclaimer.isChecked(CheckedReclaimer.unwrap(r))).isFalse();
            // The canonical spec, every knob spelled out (barrier=auto resolved), checked=true last.
            assertThat(plain.name()).doesNotContain("checked");
            assertThat(r.name()).isEqualTo(plain.name() + ",checked=true");
        }
    }

    // ------------------------------------------------------------------ the rules, one test each

    @ParameterizedTest
    @MethodSource("engines")
    void exitWithoutEnter(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            trips(Rule.EXIT_WITHOUT_ENTER, r, s::exit);
            s.enter();
            s.exit();
            trips(Rule.EXIT_WITHOUT_ENTER, r, s::exit);
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred", "gus-lazy"})
    void nestedEnter(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            s.enter();
            SmrMisuseException e = trips(Rule.NESTED_ENTER, r, s::enter);
            assertThat(e.getMessage()).contains("depth 1");
            s.exit(); // the refused enter never reached the engine: one exit leaves the section
            assertThat(Sleepable.depth()).isZero();
            ((GracePeriods) s).synchronize(); // would hang if the engine still thought the reader inside
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pserialize", "ebr", "hp", "hp-asym", "ibr", "he", "qsbr", "rwlock", "none", "broken"})
    void nestingIsAllowedWhereTheEngineNests(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            s.enter();
            s.enter();
            assertThat(Sleepable.depth()).isEqualTo(2);
            assertThat(s.protect(0, link)).isSameAs(link.get());
            s.exit();
            assertThat(s.protect(0, link)).isSameAs(link.get()); // still inside the outer section
            s.exit();
            assertThat(Sleepable.depth()).isZero();
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void protectOutsideSection(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            trips(Rule.PROTECT_OUTSIDE_SECTION, r, () -> s.protect(0, link));
            s.enter();
            assertThat(s.protect(0, link)).isSameAs(link.get());
            s.exit();
            trips(Rule.PROTECT_OUTSIDE_SECTION, r, () -> s.protect(0, link));
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void wrongThread(String engine) throws Exception {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                List<ThrowingCallable> calls = List.of(s::enter, s::exit, () -> s.protect(0, new AtomicReference<>()),
                        () -> s.retire(new Object()), s::quiescent, s::flush, s::barrier, s::close);
                for (ThrowingCallable call : calls) {
                    SmrMisuseException e = other.submit(() -> catchThrowableOfType(SmrMisuseException.class, call))
                            .get(10, TimeUnit.SECONDS);
                    assertThat(e).isNotNull();
                    assertThat(e.rule()).isEqualTo(Rule.WRONG_THREAD);
                    assertThat(e.getMessage()).contains("joined by thread " + Thread.currentThread().getName());
                }
            } finally {
                other.shutdownNow();
            }
            s.enter(); // the owner still can
            s.exit();
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void useAfterClose(String engine) {
        Reclaimer<Object> r = checked(engine);
        Session<Object> s = r.join();
        s.close();
        s.close(); // idempotent
        for (ThrowingCallable call : List.<ThrowingCallable>of(s::enter, s::exit, s::flush, s::barrier, s::quiescent,
                () -> s.retire(new Object()), () -> s.protect(0, new AtomicReference<>()))) {
            trips(Rule.USE_AFTER_CLOSE, r, call);
        }
        Session<Object> t = r.join();
        r.close(); // closes this thread's sessions, then the domain
        trips(Rule.USE_AFTER_CLOSE, r, t::enter);
        trips(Rule.USE_AFTER_CLOSE, r, r::join);
        r.close(); // idempotent
    }

    @ParameterizedTest
    @MethodSource("gracePeriodEngines")
    void waitInSection(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            GracePeriods gp = (GracePeriods) s;
            long goal = gp.advance();
            s.enter();
            trips(Rule.WAIT_IN_SECTION, r, gp::advance);
            trips(Rule.WAIT_IN_SECTION, r, () -> gp.await(goal));
            trips(Rule.WAIT_IN_SECTION, r, gp::synchronize);
            trips(Rule.WAIT_IN_SECTION, r, s::barrier);
            gp.poll(goal); // a non-blocking poll inside a section is allowed (it may fail)
            s.exit();
            gp.synchronize();
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hp", "hp-asym", "ibr", "he", "psref", "localcount", "rwlock", "none", "broken"})
    void waitInSectionByBarrierOnEnginesWithoutAWriteSide(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            assertThat(s).isNotInstanceOf(GracePeriods.class);
            s.enter();
            trips(Rule.WAIT_IN_SECTION, r, s::barrier);
            s.exit();
            s.barrier();
            s.close();
        }
    }

    @Test
    void lazyGraceSkipped() {
        try (Reclaimer<Object> r = checked("gus-lazy:tick=1ms");
             Reclaimer<Object> plain = Engines.create("gus-lazy:tick=1ms", o -> { })) {
            GracePeriods gp = (GracePeriods) r.join();
            long incr = GusReclaimer.increment(GusReclaimer.Mode.LAZY, false); // the lazy word's sequence unit, 2^32
            long now = gp.current();
            trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.poll(now + 3 * incr));  // beyond clock + 2 INCR
            trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.await(now + 3 * incr));
            trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.poll(now + incr + 1));  // even: not a sequence
            trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.poll(now + 8));         // odd, near the clock, but tick bits set:
                                                                             // a reader that entered before it would pass it
            long goal = gp.advance();
            assertThat(goal - gp.current()).isBetween(0L, 2 * incr);
            gp.await(goal); // a real goal: sleeps through two ticks
            assertThat(gp.poll(goal)).isTrue();

            // Why it matters: unchecked, the made-up goal is "reached" at once, with a reader inside.
            Session<Object> reader = plain.join();
            GracePeriods writer = (GracePeriods) plain.join();
            reader.enter();
            long fabricated = writer.current() + 1000 * GusReclaimer.increment(GusReclaimer.Mode.LAZY, false); // beyond anything the next poll's lazy advance can move to
            assertThat(writer.poll(fabricated)).as("the engine takes it for a wrapped goal").isTrue();
            assertThat(writer.poll(writer.advance())).as("a real goal waits for the reader").isFalse();
            reader.exit();
        }
    }

    @Test
    void lazyGraceSkippedByAnEngineThatAnswersEarly() {
        // A write side that reports success without the clock reaching the goal (a helper that forces
        // the answer, or an engine bug): the post-condition catches it at the call.
        try (Reclaimer<Object> r = CheckedReclaimer.wrap(new EagerLazyEngine(), Engines.type("gus-lazy"))) {
            GracePeriods gp = (GracePeriods) r.join();
            long goal = gp.advance();
            SmrMisuseException e = trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.await(goal));
            assertThat(e.getMessage()).contains("reported the goal reached while the clock is still at 1");
            trips(Rule.LAZY_GRACE_SKIPPED, r, () -> gp.poll(goal));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred", "gus:start=wrap", "gus-deferred:start=wrap"})
    void goalNotIssued(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            GracePeriods gp = (GracePeriods) r.join();
            long beyond = gp.current() + (engine.startsWith("gus-deferred") ? 4 : 2);
            trips(Rule.GOAL_NOT_ISSUED, r, () -> gp.poll(beyond));
            trips(Rule.GOAL_NOT_ISSUED, r, () -> gp.await(beyond));
            trips(Rule.GOAL_NOT_ISSUED, r, () -> gp.poll(0)); // INVALID is never a goal
            long goal = gp.advance();
            gp.await(goal); // a real goal (no reader: reached at once, or after a deferred wait moves the clock)
            assertThat(gp.poll(goal)).isTrue();
            gp.synchronize();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void quiescentInSection(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            s.quiescent();
            s.enter();
            trips(Rule.QUIESCENT_IN_SECTION, r, s::quiescent);
            s.exit();
            s.quiescent();
            s.close();
        }
    }

    @Test
    void sleepInSection() {
        try (Reclaimer<Object> a = checked("gus");
             Reclaimer<Object> b = checked("ebr")) {
            Session<Object> reader = a.join();
            Session<Object> writer = b.join();
            GracePeriods gp = (GracePeriods) writer;
            reader.enter();
            // A wait on another domain's session: not WAIT_IN_SECTION (that session is outside), but the thread is inside.
            SmrMisuseException e = catchThrowableOfType(SmrMisuseException.class, gp::synchronize);
            assertThat(e.rule()).isEqualTo(Rule.SLEEP_IN_SECTION);
            assertThat(e.engine()).isEqualTo(a.name()); // the section the thread is in
            assertThat(catchThrowableOfType(SmrMisuseException.class, writer::barrier).rule()).isEqualTo(Rule.SLEEP_IN_SECTION);
            // The lab's own blocking points call the same check.
            assertThat(catchThrowableOfType(SmrMisuseException.class, () -> Sleepable.assertSleepable("SmrHashSet.remove: writer lock")).getMessage()).contains("SmrHashSet.remove: writer lock may block");
            // Closing a domain waits for readers: refused too.
            assertThat(catchThrowableOfType(SmrMisuseException.class, b::close).rule()).isEqualTo(Rule.SLEEP_IN_SECTION);
            reader.exit();
            assertThat(Sleepable.depth()).isZero();
            Sleepable.assertSleepable("anything"); // outside every section: fine
            gp.synchronize();
        }
    }

    @Test
    void sleepInSectionOfASecondSessionOfTheSameDomain() {
        // The self-deadlock: this thread waits for a grace period that its other session holds back.
        try (Reclaimer<Object> r = checked("gus")) {
            Session<Object> reader = r.join();
            GracePeriods writer = (GracePeriods) r.join();
            reader.enter();
            assertThat(catchThrowableOfType(SmrMisuseException.class, writer::synchronize).rule())
                    .isEqualTo(Rule.SLEEP_IN_SECTION);
            reader.exit();
            writer.synchronize();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pserialize:batch=1", "pserialize:batch=64", "rwlock:batch=1"})
    void sleepInSectionOnABlockingRetire(String engine) {
        try (Reclaimer<Object> r = checked(engine)) {
            Session<Object> s = r.join();
            s.enter();
            // batch=1 would deadlock on the spot (the grace period, or the write lock, waits for this very
            // section); with batch=64 it would deadlock only when the batch fills: refused every time.
            trips(Rule.SLEEP_IN_SECTION, r, () -> s.retire(new Object()));
            s.exit();
            s.retire(new Object()); // outside: fine
            s.close();
        }
    }

    @Test
    void sleepInSectionWhenEnteringAnRwlockSectionFromAnotherSection() {
        // The read lock waits while a writer holds or awaits the write lock: a blocking point, unless reentrant.
        try (Reclaimer<Object> gus = checked("gus");
             Reclaimer<Object> rw = checked("rwlock")) {
            Session<Object> outer = gus.join();
            Session<Object> inner = rw.join();
            outer.enter();
            trips(Rule.SLEEP_IN_SECTION, gus, inner::enter);
            outer.exit();
            inner.enter();
            inner.enter(); // reentrant: never waits, so allowed inside its own section
            inner.exit();
            inner.exit();
        }
    }

    // ------------------------------------------------------------------ psref and localcount: sleepable references

    /** Their sections exist to be held across sleeps: they nest, and a blocking call inside one is allowed. */
    @ParameterizedTest
    @ValueSource(strings = {"psref", "localcount"})
    void sectionsThatHoldReferencesMaySleep(String engine) throws Exception {
        try (Reclaimer<Object> r = checked(engine + ":batch=1")) {
            Session<Object> s = r.join();
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            s.enter();
            s.enter();
            assertThat(s.protect(0, link)).isSameAs(link.get());
            assertThat(Sleepable.depth()).as("not a non-sleepable section").isZero();
            Sleepable.assertSleepable("a lock taken while holding a reference"); // allowed
            Thread.sleep(5);
            s.retire(new Object()); // a blocking retire of a node nobody references: returns once destroyed
            s.exit();
            s.exit();
            s.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"psref", "localcount"})
    void retireWhileReferenced(String engine) {
        try (Reclaimer<Object> r = checked(engine + ":batch=1")) {
            Session<Object> s = r.join();
            Object x = new Object();
            AtomicReference<Object> link = new AtomicReference<>(x);
            s.enter();
            s.protect(1, link);
            link.set(null); // unlinked, but this session still holds its reference
            SmrMisuseException e = trips(Rule.RETIRE_WHILE_REFERENCED, r, () -> s.retire(x));
            assertThat(e.getMessage()).contains("slot 1");
            s.exit();
            s.retire(x); // released first: fine
            assertThat(r.stats().freed()).isEqualTo(1);
            s.close();
        }
    }

    /**
     * The writer retires a node that is still linked; a reader already holds it, so the destroy
     * waits; the reader then takes a second reference on it from the link: NetBSD's KASSERT.
     */
    @ParameterizedTest
    @ValueSource(strings = {"psref", "localcount"})
    void acquireAfterRetire(String engine) throws Exception {
        try (Reclaimer<Object> r = checked(engine + ":batch=1")) {
            Object x = new Object();
            AtomicReference<Object> link = new AtomicReference<>(x);
            AtomicReference<Object> nothing = new AtomicReference<>();
            ExecutorService readerThread = Executors.newSingleThreadExecutor();
            ExecutorService writerThread = Executors.newSingleThreadExecutor();
            try {
                Session<Object> reader = readerThread.submit(r::join).get();
                readerThread.submit(() -> {
                    reader.enter();
                    reader.protect(0, link);
                }).get();
                Session<Object> writer = writerThread.submit(r::join).get();
                var destroy = writerThread.submit(() -> writer.retire(x)); // the bug: x is still linked
                SmrMisuseException seen = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (seen == null && System.nanoTime() < deadline) {
                    seen = readerThread.submit(() -> {
                        try {
                            reader.protect(1, nothing); // drop slot 1's reference, if any
                            reader.protect(1, link);    // and take one on x again
                            return null;
                        } catch (SmrMisuseException e) {
                            return e;
                        }
                    }).get();
                }
                assertThat(seen).as("the second reference on a node being destroyed is refused").isNotNull();
                assertThat(seen.rule()).isEqualTo(Rule.ACQUIRE_AFTER_RETIRE);
                assertThat(seen.engine()).isEqualTo(r.name());
                readerThread.submit(reader::exit).get(); // drops the first reference: the destroy completes
                destroy.get(10, TimeUnit.SECONDS);
                readerThread.submit(reader::close).get();
                writerThread.submit(writer::close).get();
            } finally {
                readerThread.shutdownNow();
                writerThread.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred", "gus-lazy", "ebr", "hp", "hp-asym", "ibr", "he", "qsbr", "none"})
    void retireInsideASectionIsAllowedWhereRetireNeverBlocks(String engine) {
        try (Reclaimer<Object> r = checked(engine + ":batch=1")) {
            Session<Object> s = r.join();
            s.enter();
            s.retire(new Object());
            s.exit();
            s.close();
        }
    }

    @Test
    void writeAfterFree() {
        try (SmrPool<Cell> pool = new SmrPool<>("gus:batch=1,checked=true", Cell::new)) {
            Session<Cell> s = pool.reclaimer().join();
            Cell c = pool.get(s);
            c.value = 7;
            pool.put(s, c);
            s.barrier(); // freed and poisoned: back in this thread's cache
            assertThat(c.isPoisoned()).isTrue();
            c.value = 42; // the bug: a write through a stale reference
            Throwable thrown = catchThrowableOfType(IllegalStateException.class, () -> pool.get(s));
            assertThat(pool.stats().writeAfterFree()).isEqualTo(1);
            assertThat(thrown).as("checked mode makes the pool strict: get throws").isInstanceOf(SmrMisuseException.class);
            SmrMisuseException e = (SmrMisuseException) thrown;
            assertThat(e.rule()).isEqualTo(Rule.WRITE_AFTER_FREE);
            assertThat(e.engine()).isEqualTo(pool.reclaimer().name());
            s.close();
        }
    }

    // ------------------------------------------------------------------ no false alarms

    @ParameterizedTest
    @MethodSource("engines")
    void correctUseRaisesNothingAndFreesEverything(String engine) throws Exception {
        LongAdder freed = new LongAdder();
        String spec = engine + ":batch=8,checked=true";
        Reclaimer<Node> r = Engines.create(spec, n -> freed.increment());
        AtomicReference<Node> head = new AtomicReference<>(new Node());
        int writes = 500;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            var reader = pool.submit(() -> {
                try (Session<Node> s = r.join()) {
                    for (int i = 0; i < 5_000; i++) {
                        s.enter();
                        Node n = s.protect(0, head);
                        assertThat(n).isNotNull();
                        s.exit();
                        s.quiescent();
                    }
                }
                return null;
            });
            var writer = pool.submit(() -> {
                try (Session<Node> s = r.join()) {
                    for (int i = 0; i < writes; i++) {
                        Node old = head.getAndSet(new Node());
                        s.retire(old);
                        s.quiescent();
                        if (i % 100 == 0) {
                            s.flush();
                        }
                    }
                    s.barrier();
                }
                return null;
            });
            assertThatCode(() -> reader.get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
            assertThatCode(() -> writer.get(30, TimeUnit.SECONDS)).doesNotThrowAnyException();
        } finally {
            pool.shutdownNow();
        }
        r.close();
        if (!engine.equals("none")) {
            assertThat(freed.sum()).isEqualTo(writes);
        }
    }

    static final class Node {
    }

    /** A pooled node with one payload field. */
    static final class Cell extends PooledNode {
        static final long POISON = 0xDEAD_DEAD_DEAD_DEADL;
        long value;

        @Override
        protected void poisonFields() {
            value = POISON;
        }

        @Override
        protected boolean poisonIntact() {
            return value == POISON;
        }
    }
}
