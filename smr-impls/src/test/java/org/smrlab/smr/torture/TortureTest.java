package org.smrlab.smr.torture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;

/**
 * The proof of correctness, CI-sized: every safe engine survives the torture harness (default
 * workload: readers, writers, churn, a stalled reader) with zero detections, nothing lost and no
 * double free, and so do the paths the workload never takes (hand-on under a reader that holds the
 * node, a close racing joins, a close with a reader inside, a throwing free, a failing barrier);
 * {@code broken} is caught in every run. The duration per engine comes from the
 * system property {@code smrlab.torture.seconds} (2 in the pom; {@code -Dsmrlab.torture.seconds=60}
 * for a long run).
 */
class TortureTest {

    static double seconds() {
        return Double.parseDouble(System.getProperty("smrlab.torture.seconds", "2"));
    }

    /**
     * Every safe engine at its defaults, and the variants whose paths differ: batch > 1 on rwlock,
     * pserialize's options, gus-lazy's fenced read side, and the gus family under FreeBSD's
     * INVARIANTS constants (forced waits, wraps every 10000 advances).
     */
    static Stream<String> safeEngines() {
        return Stream.concat(Engines.safeNames().stream(),
                Stream.of("rwlock:batch=8", "pserialize:coalesce=true", "pserialize:async=true", "gus-lazy:barrier=fence",
                        "gus:invariants=true", "gus-deferred:invariants=true", "gus-lazy:invariants=true"));
    }

    @ParameterizedTest
    @MethodSource("safeEngines")
    void safeEnginesSurviveTheTorture(String engine) {
        Torture.Result r = Torture.run(Torture.Config.builder(engine).seconds(seconds()).build());
        System.out.println(r.summaryLine());
        assertThat(r.error()).as(r.summaryLine()).isNull();
        assertThat(r.detections()).as("use-after-free detections: " + r.summaryLine()).isZero();
        assertThat(r.doubleFrees()).as("double frees: " + r.summaryLine()).isZero();
        assertThat(r.writeAfterFree()).as("writes after free: " + r.summaryLine()).isZero();
        if (r.neverFrees()) {
            assertThat(r.lost()).as("none never frees: lost = retired").isEqualTo(r.retired());
        } else {
            assertThat(r.lost()).as("lost: " + r.summaryLine()).isZero();
        }
        assertThat(r.retired()).as("the writers retired something").isPositive();
        assertThat(r.stalls()).as("the stalled reader stalled").isPositive();
        assertThat(r.churns()).as("threads left and joined again").isPositive();
        if (!r.neverFrees()) { // none has no barrier and never waits: nothing to inject into
            assertThat(r.faultsInjected()).as("faults were injected into the workload").isPositive();
        }
        assertThat(r.paths()).extracting(Paths.Outcome::path).containsExactly("hand-on", "adopt-under-reader",
                "close-races-joins", "close-with-reader", "throwing-free", "failing-barrier");
        for (Paths.Outcome p : r.paths()) {
            assertThat(p.error()).as(p.describe()).isNull();
            assertThat(p.detections()).as(p.describe()).isZero();
            assertThat(p.retired()).as(p.describe()).isPositive();
            assertThat(p.doubleFrees()).as(p.describe()).isZero();
            assertThat(p.lost()).as(p.describe()).isEqualTo(r.neverFrees() ? p.retired() : 0);
        }
        assertThat(r.ok()).as(r.summaryLine()).isTrue();
    }

    @RepeatedTest(3)
    void brokenIsCaughtInEveryRun(RepetitionInfo run) {
        Torture.Result r = Torture.run(Torture.Config.builder("broken")
                .seconds(Math.min(1, seconds())).seed(run.getCurrentRepetition()).build());
        System.out.println(r.summaryLine(true));
        assertThat(r.detections()).as("detections: " + r.summaryLine()).isPositive();
        assertThat(r.caught()).as(r.summaryLine()).isTrue();
        assertThat(r.ok()).isFalse();
    }
}
