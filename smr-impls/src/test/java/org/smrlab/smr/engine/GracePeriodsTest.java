package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * The write side of every engine that has one: a reader inside a section before the advance holds
 * the goal back until it leaves; what a reader that entered after the advance does depends on how
 * precise the engine's grace period is, and is asserted per engine.
 */
class GracePeriodsTest {
    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred", "gus-lazy:tick=2ms", "qsbr", "ebr", "pserialize",
        "gus:start=wrap", "gus-deferred:start=wrap,limit=3", "gus-lazy:tick=2ms,start=wrap", "gus-lazy:tick=2ms,barrier=fence",
        "pserialize:barrier=fence", "pserialize:coalesce=true", "pserialize:async=true",
        "gus:invariants=true", "gus-deferred:invariants=true,limit=3", "gus-lazy:tick=2ms,invariants=true",
        "gus:start=wrap,invariants=true"})
    void aReaderInsideBeforeTheAdvanceHoldsTheGoalUntilItLeaves(String spec) throws Exception {
        try (Reclaimer<Object> r = Engines.create(spec, o -> { });
             Actor reader = new Actor("reader");
             Actor writer = new Actor("writer")) {
            Session<Object> rs = reader.call(r::join);
            Session<Object> ws = writer.call(r::join);
            GracePeriods gp = (GracePeriods) ws;
            reader.run(rs::enter);
            long goal = writer.call(gp::advance);
            // Give every mechanism time to move on: ticks, deferred advances, a grace period in the background.
            Future<?> waiter = writer.start(() -> gp.await(goal));
            Thread.sleep(120);
            assertThat(waiter.isDone()).as("await returned while the reader was inside").isFalse();
            for (int i = 0; i < 5; i++) {
                assertThat(pollOn(r, goal)).as("poll on another thread while the reader is inside").isFalse();
            }
            reader.run(() -> {
                rs.exit();
                rs.quiescent();
            });
            waiter.get(10, TimeUnit.SECONDS);
            assertThat(writer.call(() -> gp.poll(goal))).isTrue();
            reader.run(rs::close);
            writer.run(ws::close);
        }
    }

    /** Polls from a third thread, with its own session (which is offline for qsbr's purposes after close). */
    private static boolean pollOn(Reclaimer<Object> r, long goal) {
        try (Actor a = new Actor("poller")) {
            return a.call(() -> {
                Session<Object> s = r.join();
                try {
                    s.quiescent();
                    return ((GracePeriods) s).poll(goal);
                } finally {
                    s.close();
                }
            });
        }
    }

    /**
     * gus is precise: a reader that copied the clock after the advance has a value at or past the
     * goal, so it does not hold it back (the scan's minimum is past the goal). qsbr likewise for a
     * thread that announced a quiescent state after the advance. ebr and pserialize are coarser: an
     * epoch, or a grace period that starts after the advance, waits for every reader in a section
     * at that time, including one that entered after the advance. This difference is part of why
     * GUS exists; here it is measured, not assumed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"gus", "gus-deferred:limit=2", "gus-lazy:tick=2ms", "qsbr", "ebr", "pserialize",
        "gus:invariants=true", "gus-deferred:limit=2,invariants=true", "gus-lazy:tick=2ms,invariants=true"})
    void aReaderThatEnteredAfterTheAdvance(String spec) throws Exception {
        String engine = spec.split(":")[0];
        try (Reclaimer<Object> r = Engines.create(spec, o -> { });
             Actor reader = new Actor("reader");
             Actor writer = new Actor("writer")) {
            Session<Object> rs = reader.call(r::join);
            Session<Object> ws = writer.call(r::join);
            GracePeriods gp = (GracePeriods) ws;
            long goal = writer.call(gp::advance);
            if (engine.equals("gus-deferred")) {
                // limit=2: that advance only named a goal; the next one writes the clock up to it.
                long named = goal;
                assertThat(writer.call(gp::current)).isEqualTo(named - ((GusReclaimer<Object>) r).increment());
                assertThat(writer.call(gp::advance)).isEqualTo(named);
            }
            if (engine.equals("gus-lazy")) {
                long g = goal; // the reader must copy a clock at or past the goal: wait for the ticks to get there
                eventually(() -> writer.call(() -> gp.poll(g) || gp.current() - g >= 0));
            }
            reader.run(() -> {
                rs.quiescent();
                rs.enter();
            });
            long g = goal;
            BooleanSupplier reached = () -> writer.call(() -> {
                ws.quiescent(); // qsbr: the writer is a thread too; its own quiescent state counts
                return gp.poll(g);
            });
            switch (engine) {
                case "gus", "gus-deferred", "gus-lazy", "qsbr" -> eventually(reached);
                case "ebr" -> {
                    // The reader pins the epoch it entered in; once it re-enters in a later epoch it no longer does.
                    assertThat(holdsFor(reached, 100)).isTrue();
                    reader.run(() -> {
                        rs.exit();
                    });
                    writer.run(() -> gp.poll(g)); // moves the epoch one step
                    reader.run(rs::enter);
                    eventually(reached);
                }
                case "pserialize" -> {
                    Future<?> waiter = writer.start(() -> gp.await(g));
                    Thread.sleep(100);
                    assertThat(waiter.isDone()).as("a grace period waits for every reader inside when it starts").isFalse();
                    reader.run(rs::exit);
                    waiter.get(10, TimeUnit.SECONDS);
                    reader.run(rs::enter);
                }
                default -> throw new AssertionError(engine);
            }
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
            writer.run(ws::close);
        }
    }

    /** True if {@code cond} stays false for {@code millis}. */
    static boolean holdsFor(BooleanSupplier cond, long millis) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (System.nanoTime() < end) {
            if (cond.getAsBoolean()) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    static void eventually(BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Thread.sleep(2);
        }
    }
}
