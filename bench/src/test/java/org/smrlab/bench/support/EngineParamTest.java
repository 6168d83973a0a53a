package org.smrlab.bench.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.smrlab.smr.engine.Durations;

class EngineParamTest {
    @Test
    void composesEngineAndBatch() {
        assertThat(EngineParam.spec("gus", "default")).isEqualTo("gus");
        assertThat(EngineParam.spec("gus", "8")).isEqualTo("gus:batch=8");
        assertThat(EngineParam.spec("gus-deferred:limit=4", "8")).isEqualTo("gus-deferred:limit=4,batch=8");
        assertThat(EngineParam.spec("gus-deferred:limit=4;start=wrap", "default")).isEqualTo("gus-deferred:limit=4,start=wrap");
        assertThat(EngineParam.name("hp:slots=4")).isEqualTo("hp");
    }

    @Test
    void refusesBadValuesNamingWhatIsValid() {
        assertThatThrownBy(() -> EngineParam.spec("gus:batch=4", "8")).hasMessageContaining("one way only");
        assertThatThrownBy(() -> EngineParam.spec("nope", "default")).hasMessageContaining("valid engines");
        assertThatThrownBy(() -> EngineParam.spec("gus", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void parsesDurationsAndSections() {
        assertThat(Durations.positiveNanos("10us", "x", "y")).isEqualTo(10_000);
        assertThat(Durations.positiveNanos("2s", "x", "y")).isEqualTo(2_000_000_000L);
        assertThat(Section.parse("lookup").isLookup()).isTrue();
        assertThat(Section.parse("1ms").nanos()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> Section.parse("soon")).hasMessageContaining("lookup, or a duration");
    }
}
