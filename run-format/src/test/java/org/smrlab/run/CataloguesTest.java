package org.smrlab.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CataloguesTest {

    @Test
    void metricsHaveUnitsMeaningsAndConsistentPooling() {
        assertThat(Metrics.all()).extracting(Metric::name).doesNotHaveDuplicates().allMatch(n -> n.startsWith("smr."));
        for (Metric m : Metrics.all()) {
            assertThat(m.unit()).as(m.name()).isNotBlank();
            assertThat(m.meaning()).as(m.name()).isNotBlank();
            boolean histogram = m.pooling() == Metric.Pooling.MERGED_HISTOGRAM;
            assertThat(m.log() != null).as(m.name() + " names a log iff it is a merged histogram").isEqualTo(histogram);
            assertThat(Double.isNaN(m.percentile())).as(m.name()).isEqualTo(!histogram);
        }
        assertThat(Metrics.byName("smr.r2f.p99")).hasValue(Metrics.R2F_P99);
        assertThat(Metrics.R2F_P999.percentile()).isEqualTo(99.9);
        assertThat(Metrics.fromLog(Metrics.R2F_LOG)).containsExactly(Metrics.R2F_P50, Metrics.R2F_P99, Metrics.R2F_P999,
                Metrics.R2F_MAX);
        assertThat(Metrics.emitted()).contains(Metrics.UAF).doesNotContain(Metrics.GET_SLOW_P99);
        assertThat(Metrics.emitted(Metric.Scope.ENGINE)).contains(Metrics.PENDING_PEAK).doesNotContain(Metrics.R2F_P50);
    }

    @Test
    void goalsAreWellFormed() {
        assertThat(Goals.all()).extracting(Goal::id).doesNotHaveDuplicates()
                .containsExactly("fence", "hp", "qsbr", "membarrier", "retire", "overhead");
        for (Goal g : Goals.all()) {
            assertThat(g.ratios()).as(g.id()).isNotEmpty();
            assertThat(g.limit()).as(g.id()).isPositive();
            for (Goal.Ratio r : g.ratios()) {
                assertThat(r.numerator().eachEngine()).as(g.id()).isEqualTo(r.denominator().eachEngine());
                assertThat(r.numerator().benchmark()).as(g.id()).matches("[A-Z]\\w*Bench\\.\\w+");
            }
        }
        assertThat(Goals.byId("membarrier").orElseThrow().ratios()).allMatch(r -> r.appliesWhen().get("barrier").equals("membarrier"));
        assertThat(Goals.byId("retire").orElseThrow().ratios().get(0).numerator().params()).containsEntry("batch", "64");
    }
}
