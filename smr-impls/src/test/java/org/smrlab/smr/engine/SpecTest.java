package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.Reclaimer;

/** Specs: every bad one is refused with a message that says what is valid. */
class SpecTest {

    @Test
    void everyEngineIsInTheCatalogue() {
        assertThat(Engines.names()).containsExactly(
                "gus", "gus-deferred", "gus-lazy", "qsbr", "ebr", "hp", "hp-asym", "ibr", "he", "pserialize", "psref",
                "localcount", "rwlock", "none", "broken");
        assertThat(Engines.safeNames()).doesNotContain("broken").hasSize(14);
    }

    @Test
    void canonicalNameSpellsOutEveryKnob() {
        try (Reclaimer<Object> r = Engines.create("gus-deferred:limit=8", o -> { })) {
            assertThat(r.name()).isEqualTo("gus-deferred:batch=64,start=1,limit=8,invariants=false");
        }
        assertThat(Engines.canonical("hp")).isEqualTo("hp:batch=64,slots=2,barrier=fence");
        assertThat(Engines.canonical("hp-asym")).isEqualTo("hp-asym:batch=64,slots=2,barrier=auto");
        assertThat(Engines.canonical("ibr")).isEqualTo("ibr:batch=64,freq=150");
        assertThat(Engines.canonical("he")).isEqualTo("he:batch=64,slots=2");
        assertThat(Engines.canonical("psref")).isEqualTo("psref:batch=64,slots=2,barrier=auto");
        assertThat(Engines.canonical("localcount:batch=1")).isEqualTo("localcount:batch=1,slots=2,barrier=auto");
        assertThat(Engines.canonical("gus:start=wrap")).isEqualTo("gus:batch=64,start=wrap,invariants=false");
        assertThat(Engines.canonical("gus-lazy:tick=500us")).isEqualTo("gus-lazy:batch=64,start=1,tick=500us,barrier=auto,invariants=false");
    }

    @Test
    void unknownEngineListsTheEngines() {
        assertThatThrownBy(() -> Engines.create("epoch", o -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown engine 'epoch'")
                .hasMessageContaining("gus, gus-deferred, gus-lazy, qsbr, ebr, hp, hp-asym, ibr, he, pserialize, psref, "
                        + "localcount, rwlock, none, broken");
    }

    @Test
    void unknownKnobListsTheKnobsOfThatEngine() {
        assertThatThrownBy(() -> Engines.create("gus:limit=4", o -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown knob 'limit'")
                .hasMessageContaining("batch=64 (integer 1..1048576)")
                .hasMessageContaining("start=1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gus:batch=-1", "gus:batch=0", "gus:batch=lots", "gus:batch=2.5", "hp:slots=0", "hp:slots=-3",
        "gus-deferred:limit=0", "gus-lazy:tick=-1ms", "gus-lazy:tick=fast", "gus-lazy:tick=1h", "pserialize:coalesce=yes",
        "gus-lazy:barrier=ipi", "hp:barrier=ipi", "ibr:freq=0", "he:slots=0", "psref:slots=0", "localcount:barrier=x",
        "gus:start=2", "gus:start=-1", "gus:batch=99999999999999999999", "ebr:checked=maybe"})
    void badValuesAreRefusedWithTheValidRange(String spec) {
        assertThatThrownBy(() -> Engines.create(spec, o -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad value")
                .hasMessageContaining("valid:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ":batch=1", "gus:", "gus:batch", "gus:batch=", "gus:=4", "gus:batch=1,batch=2"})
    void malformedSpecsAreRefused(String spec) {
        assertThatThrownBy(() -> Engines.create(spec, o -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("spec");
    }

    @Test
    void durationsAcceptUnitsAndBareMilliseconds() {
        assertThat(Engines.canonical("gus-lazy:tick=2")).contains("tick=2ms");
        assertThat(Engines.canonical("gus-lazy:tick=250us")).contains("tick=250us");
        assertThat(Engines.canonical("gus-lazy:tick=1s")).contains("tick=1s");
    }

    @Test
    void aNullFreeFunctionIsRefused() {
        assertThatThrownBy(() -> Engines.create("gus", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void describeListsEveryEngineAndKnob() {
        String d = Engines.describe();
        for (String e : Engines.names()) {
            assertThat(d).contains(e + ": ");
        }
        assertThat(d).contains("coalesce=false").contains("async=false").contains("tick=1ms").contains("slots=2").contains("limit=16");
    }
}
