package org.smrlab.smr.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.engine.Durations;

class TortureMainTest {

    /** Exit status, stdout, stderr. */
    record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TortureMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsOptionsAndEngines() {
        Run r = run("--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--engine SPEC", "--expect-detections", "--faults", "--no-paths", "gus-deferred:", "slots");
    }

    @Test
    void badArgumentsExit2WithTheValidOptions() {
        for (String[] args : new String[][] {
                {"--frobnicate"}, {"--seconds", "abc"}, {"--seconds"}, {"--readers", "-1"}, {"--writers", "0"},
                {"--engine", "nope"}, {"--engines", "gus:batch=8"}, {"--engines", "gus,nope"}, {"--buckets", "12"},
                {"--stall", "10"}, {"--stall", "-5ms"}, {"--churn=yes"}, {"--engine", "gus:batch=0"},
                {"--faults", "0"}, {"--faults", "often"}, {"--paths=yes"}, {"--paths", "-1"}, {"--no-paths=2"}}) {
            Run r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(TortureMain.EXIT_USAGE);
            assertThat(r.err()).as(String.join(" ", args)).contains("torture: ", "usage:", "--engine SPEC");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("--engine", "nope").err()).contains("valid engines", "gus", "hp");
        assertThat(run("--engine", "gus:batch=0").err()).contains("batch");
    }

    @Test
    void engineSetsExpand() {
        assertThat(TortureMain.Options.parse(new String[] {"--engines", "all"}).configs)
                .extracting(Torture.Config::engine).containsExactlyElementsOf(Engines.safeNames());
        assertThat(TortureMain.Options.parse(new String[] {"--engines=all+broken"}).configs)
                .extracting(Torture.Config::engine).containsExactlyElementsOf(Engines.names());
        assertThat(TortureMain.Options.parse(new String[0]).configs)
                .extracting(Torture.Config::engine).containsExactlyElementsOf(Engines.safeNames());
        TortureMain.Options o = TortureMain.Options.parse(new String[] {
                "--engine", "gus:batch=8", "--engine=hp:slots=4", "--seconds", "0.5", "--readers", "3",
                "--writers=1", "--keys", "64", "--buckets", "8", "--no-churn", "--stall", "forever",
                "--stalled", "2", "--seed", "-7"});
        assertThat(o.configs).extracting(Torture.Config::engine).containsExactly("gus:batch=8", "hp:slots=4");
        Torture.Config c = o.configs.get(0);
        assertThat(c.seconds()).isEqualTo(0.5);
        assertThat(c.readers()).isEqualTo(3);
        assertThat(c.writers()).isEqualTo(1);
        assertThat(c.keys()).isEqualTo(64);
        assertThat(c.buckets()).isEqualTo(8);
        assertThat(c.churn()).isFalse();
        assertThat(c.stalledReaders()).isEqualTo(2);
        assertThat(c.stallNanos()).isEqualTo(Torture.Config.STALL_FOREVER);
        assertThat(c.seed()).isEqualTo(-7);
        assertThat(c.faultEvery()).isEqualTo(Torture.Config.DEFAULT_FAULT_EVERY);
        assertThat(c.pathRounds()).isEqualTo(1);
        Torture.Config quiet = TortureMain.Options.parse(new String[] {"--faults", "off", "--no-paths"}).configs.get(0);
        assertThat(quiet.faultEvery()).isZero();
        assertThat(quiet.pathRounds()).isZero();
        assertThat(TortureMain.Options.parse(new String[] {"--paths", "3"}).configs.get(0).pathRounds()).isEqualTo(3);
        assertThat(TortureMain.Options.parse(new String[] {"--paths=off"}).configs.get(0).pathRounds()).isZero();
        assertThat(TortureMain.Options.parse(new String[] {"--faults=5"}).configs.get(0).faultEvery()).isEqualTo(5);
        assertThat(TortureMain.Options.parse(new String[] {"--stall", "off"}).configs.get(0).stalledReaders()).isZero();
        assertThat(TortureMain.Options.parse(new String[] {"--stall", "10ms"}).configs.get(0).stallNanos())
                .isEqualTo(10_000_000L);
    }

    @Test
    void aCleanEnginePassesAndBrokenFails() {
        Run ok = run("--engines", "gus,hp", "--seconds", "0.3");
        assertThat(ok.status()).as(ok.out() + ok.err()).isEqualTo(TortureMain.EXIT_OK);
        assertThat(ok.out().lines()).hasSize(2).allMatch(l -> l.startsWith("ok ")).allMatch(l -> l.contains(" paths=6/6"));

        Run broken = run("--engine", "broken", "--seconds", "0.5");
        assertThat(broken.status()).as(broken.out()).isEqualTo(TortureMain.EXIT_FAILED);
        assertThat(broken.out()).startsWith("FAIL ").contains("uaf=");

        Run expected = run("--engine", "broken", "--seconds", "0.5", "--expect-detections");
        assertThat(expected.status()).as(expected.out()).isEqualTo(TortureMain.EXIT_OK);
        assertThat(expected.out()).startsWith("caught ");

        Run missed = run("--engine", "gus", "--seconds", "0.2", "--expect-detections");
        assertThat(missed.status()).isEqualTo(TortureMain.EXIT_FAILED);
        assertThat(missed.out()).startsWith("MISSED ");
    }

    @Test
    void durationsParseAndFormat() {
        assertThat(TortureMain.stallDuration("10ms")).isEqualTo(10_000_000L);
        assertThat(TortureMain.stallDuration("2.5s")).isEqualTo(2_500_000_000L);
        assertThat(TortureMain.stallDuration("500us")).isEqualTo(500_000L);
        assertThat(TortureMain.stallDuration("100ns")).isEqualTo(100L);
        assertThat(Durations.format(10_000_000L)).isEqualTo("10ms");
        assertThat(Durations.format(1_500_000L)).isEqualTo("1500us");
        assertThat(Durations.parseNanos("10", 1_000_000)).as("a bare number in the unit given").isEqualTo(10_000_000L);
        assertThatThrownBy(() -> TortureMain.stallDuration("10")).hasMessageContaining("unit");
        assertThatThrownBy(() -> TortureMain.stallDuration("0ms")).hasMessageContaining("positive");
        assertThatThrownBy(() -> TortureMain.stallDuration("xms")).hasMessageContaining("number");
        assertThatThrownBy(() -> TortureMain.stallDuration("-1ms")).hasMessageContaining("negative");
        assertThatThrownBy(() -> TortureMain.stallDuration("0.5ns")).hasMessageContaining("whole number");
    }
}
