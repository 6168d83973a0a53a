package org.smrlab.bench.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;

class LabOptionsTest {

    /** Runs the launcher without exiting; returns {status, stdout, stderr}. */
    private static Object[] launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Lab.launch(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Object[] {rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void unknownOptionExits2ListingTheValidOnes() {
        Object[] r = launch("quick", "--frobnicate");
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[2]).contains("unknown option '--frobnicate'").contains("--engines", "--out", "--jvm", "--shard", "--dry-run");
    }

    @Test
    void unknownProfileExits2ListingTheProfiles() {
        Object[] r = launch("quik");
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[2]).contains("unknown profile 'quik'").contains(String.join(", ", Profiles.names()));
    }

    @Test
    void missingProfileExits2() {
        assertThat(launch()[0]).isEqualTo(2);
        assertThat(launch("--dry-run")[0]).isEqualTo(2);
    }

    @Test
    void badEngineExits2ListingTheValidEngines() {
        Object[] r = launch("quick", "--engines", "gus,nope", "--dry-run");
        assertThat(r[0]).isEqualTo(2);
        assertThat((String) r[2]).contains("nope");
        for (String e : Engines.names()) {
            assertThat((String) r[2]).contains(e);
        }
        Object[] knob = launch("quick", "--engines=gus:frob=1", "--dry-run");
        assertThat(knob[0]).isEqualTo(2);
        assertThat((String) knob[2]).contains("frob");
    }

    @Test
    void badShardAndJvmExit2() {
        for (String s : new String[] {"0/2", "3/2", "x", "1/0", "1-2"}) {
            Object[] r = launch("quick", "--shard", s, "--dry-run");
            assertThat(r[0]).as(s).isEqualTo(2);
            assertThat((String) r[2]).contains("expected i/n");
        }
        Object[] jvm = launch("quick", "--jvm", "/no/such/java", "--dry-run");
        assertThat(jvm[0]).isEqualTo(2);
        assertThat((String) jvm[2]).contains("java launcher");
        assertThat(launch("quick", "--out")[0]).isEqualTo(2);
    }

    @Test
    void dryRunPrintsThePlanAndItsEstimate() {
        Object[] r = launch("quick", "--dry-run");
        assertThat(r[0]).isEqualTo(0);
        assertThat((String) r[1]).contains("plan: quick").contains("total:").contains("ReclamationBench.mixed");
        Object[] shard = launch("quick", "--dry-run", "--shard=2/3", "--engines", "gus-deferred:limit=4,batch=8,ebr");
        assertThat(shard[0]).isEqualTo(0);
        assertThat((String) shard[1]).contains("shard 2/3").contains("engine=gus-deferred:limit=4,batch=8");
    }

    @Test
    void parsesEveryOption() {
        LabOptions o = LabOptions.parse(new String[] {"sweep", "--engines=gus,ebr", "--out", "some/dir", "--shard", "2/5", "--dry-run"});
        assertThat(o.profile()).isEqualTo("sweep");
        assertThat(o.engines().specs()).containsExactly("gus", "ebr");
        assertThat(o.out().toString()).isEqualTo("some/dir");
        assertThat(o.shardIndex()).isEqualTo(2);
        assertThat(o.shardCount()).isEqualTo(5);
        assertThat(o.dryRun()).isTrue();
        assertThatThrownBy(() -> LabOptions.parse(new String[] {"quick", "smoke"})).isInstanceOf(UsageException.class);
    }

    @Test
    void engineListSplitsEnginesNotKnobs() {
        assertThat(EngineSelection.splitSpecs("gus,ebr")).containsExactly("gus", "ebr");
        assertThat(EngineSelection.splitSpecs("gus-deferred:limit=4,batch=8,hp:slots=4"))
                .containsExactly("gus-deferred:limit=4,batch=8", "hp:slots=4");
        assertThat(EngineSelection.splitSpecs("gus-lazy:tick=10ms;batch=8")).containsExactly("gus-lazy:tick=10ms,batch=8");
    }
}
