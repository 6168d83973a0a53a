package org.smrlab.run.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRecord;

class QuestionsTest {
    /** A copy of the review message (tech-kern, "Re: smr(9) and pool_cache_set_smr(9)"), so the repository is self-contained. */
    static final String SEED = "/seed/tech-kern-smr-review.txt";

    static String message() throws IOException {
        try (InputStream in = QuestionsTest.class.getResourceAsStream(SEED)) {
            assertThat(in).as(SEED).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The message as one line: each line's quoting '>' (and a stray letter before it) dropped, runs of blanks made one space. */
    static String flattened(String text) {
        StringBuilder b = new StringBuilder();
        for (String line : text.split("\n")) {
            b.append(line.replaceFirst("^[a-z]?>\\s?", "")).append(' ');
        }
        return b.toString().replaceAll("\\s+", " ");
    }

    @Test
    void sixteenQuestionsInOrder() {
        List<Question> all = Questions.all();
        assertThat(all).hasSize(16);
        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).id()).isEqualTo("R" + (i + 1));
            assertThat(all.get(i).title()).isNotBlank();
        }
    }

    @Test
    void everyQuoteIsVerbatimInTheMessage() throws IOException {
        String message = flattened(message());
        int quotes = 0;
        for (Question q : Questions.all()) {
            for (Question.Quote quote : q.quotes()) {
                assertThat(message).as("%s quotes words the message does not contain", q.id()).contains(quote.text());
                assertThat(quote.where()).as(q.id()).isNotBlank();
                quotes++;
            }
        }
        assertThat(quotes).isGreaterThanOrEqualTo(14);
    }

    @Test
    void theTwoQuestionsTheMessageDoesNotAskSayWhereTheyComeFromAndQuoteNothing() {
        for (Question q : Questions.all()) {
            boolean notAsked = q.id().equals("R14") || q.id().equals("R15");
            assertThat(q.quotes().isEmpty()).as(q.id()).isEqualTo(notAsked);
            assertThat(q.origin() != null).as(q.id()).isEqualTo(notAsked);
        }
        assertThat(Questions.byId("R14").orElseThrow().origin()).startsWith("not in this message");
        assertThatThrownBy(() -> new Question("R0", "x", List.of(), null, List.of(), List.of(), List.of(), List.of()))
                .hasMessageContaining("origin");
    }

    @Test
    void selectorsAreUniqueNamedForTheirQuestionAndNameKnownMetrics() {
        Set<String> ids = new HashSet<>();
        for (Question q : Questions.all()) {
            for (TrialSelector s : q.trials()) {
                assertThat(ids.add(s.id())).as("selector id %s is unique", s.id()).isTrue();
                assertThat(s.id()).startsWith(q.id() + ".");
                assertThat(s.benchmark()).matches("[A-Z]\\w*Bench\\.\\w+");
                assertThat(s.what()).isNotBlank();
                assertThat(s.metrics()).isNotEmpty();
                for (String m : s.metrics()) {
                    boolean known = m.equals(TrialSelector.SCORE) || m.startsWith(TrialSelector.MEMBER_SCORE_PREFIX)
                            || Metrics.byName(m).isPresent();
                    assertThat(known).as("%s names metric %s, which is not in the metric catalogue", s.id(), m).isTrue();
                }
                assertThat(s.profiled()).as(s.id()).isEqualTo(s.engines().kind() != EngineChoice.Kind.NONE);
            }
        }
        // every question has something to show
        for (Question q : Questions.all()) {
            assertThat(q.trials().isEmpty() && q.evidence().isEmpty() && q.tests().isEmpty()).as(q.id()).isFalse();
        }
    }

    @Test
    void theBatchCurvesHaveThreeForksEvenInTheQuickReview() {
        for (TrialSelector s : Questions.byId("R2").orElseThrow().trials()) {
            assertThat(s.full().forks()).as(s.id()).isGreaterThanOrEqualTo(3);
            assertThat(s.quick()).as(s.id()).isNotNull();
            assertThat(s.quick().forks()).as(s.id()).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void theQuickReviewRunsFewerPoints() {
        TrialSelector batch = Questions.selector("R2.batch").orElseThrow();
        assertThat(batch.params(false).get("batch")).hasSize(7);
        assertThat(batch.params(true).get("batch")).containsExactly("1", "64", "4096");
        TrialSelector tick = Questions.selector("R2.tick").orElseThrow();
        assertThat(tick.engines(true).specs()).hasSizeLessThan(tick.engines(false).specs().size());
        assertThatThrownBy(() -> TrialSelector.of("R0.x", "ReadSideBench.emptySection", "x").quickParam("batch", "1")
                .run(Questions.NS_FULL, null).build()).hasMessageContaining("quick parameter batch");
    }

    @Test
    void citedTestsAndEvidence() {
        assertThat(Questions.citedTests()).extracting(CitedTests::className).doesNotHaveDuplicates()
                .contains("org.smrlab.smr.checked.CheckedRulesTest", "org.smrlab.smr.usage.UsageExamplesTest");
        assertThat(Questions.evidence()).containsExactly(EvidenceKind.values());
        assertThat(Questions.byId("R9").orElseThrow().evidence()).contains(EvidenceKind.LITMUS, EvidenceKind.FACTS);
    }

    @Test
    void engineFactsNamedAreComponentsOfTheRecord() {
        Set<String> components = new HashSet<>();
        for (var c : EngineFacts.class.getRecordComponents()) {
            components.add(c.getName());
        }
        for (Question q : Questions.all()) {
            assertThat(components).as(q.id()).containsAll(q.engineFacts());
        }
    }

    // ------------------------------------------------------------------ engine choices and matching

    static final List<EngineFacts> CATALOGUE = List.of(
            facts("gus", "gus family", true, false), facts("gus-lazy", "gus family", true, false),
            facts("hp", "pointer-based", false, false), facts("broken", "baseline", false, true));

    static EngineFacts facts(String name, String family, boolean writeSide, boolean unsafe) {
        return new EngineFacts(name, family, "", "", writeSide, false, false, false, false, unsafe, Map.of());
    }

    @Test
    void engineChoicesResolveAgainstTheCatalogue() {
        assertThat(EngineChoice.safe().resolve(CATALOGUE)).containsExactly("gus", "gus-lazy", "hp");
        assertThat(EngineChoice.writeSide().resolve(CATALOGUE)).containsExactly("gus", "gus-lazy");
        assertThat(EngineChoice.family("gus family").resolve(CATALOGUE)).containsExactly("gus", "gus-lazy");
        assertThat(EngineChoice.none().resolve(CATALOGUE)).isEmpty();
        assertThat(EngineChoice.safe().with("checked", "true").resolve(CATALOGUE))
                .containsExactly("gus:checked=true", "gus-lazy:checked=true", "hp:checked=true");
        assertThat(EngineChoice.specs("gus-lazy:tick=1ms").with("checked", "true").resolve(CATALOGUE))
                .containsExactly("gus-lazy:tick=1ms;checked=true");
        assertThatThrownBy(() -> new EngineChoice(EngineChoice.Kind.SPECS, List.of(), null, Map.of())).hasMessageContaining("SPECS");
    }

    static TrialRecord trial(String benchmark, Map<String, String> params, Integer... threads) {
        return new TrialRecord("org.smrlab.bench." + benchmark, new TreeMap<>(params), List.of(threads), "x", null, true, null,
                null, TrialRecord.Status.DONE);
    }

    @Test
    void aSelectorMatchesTheTrialsItPlans() {
        TrialSelector s = Questions.selector("R2.batch").orElseThrow();
        List<String> specs = s.engineSpecs(CATALOGUE);
        org.smrlab.run.BenchmarkFacts mixed = new org.smrlab.run.BenchmarkFacts(false, new java.util.TreeMap<>(Map.of(
                "batch", List.of("default"), "readRatio", List.of("0.9"), "engine", List.of("gus", "hp"))), null);
        Map<String, String> p = Map.of("engine", "gus", "batch", "64", "readRatio", "0.9");
        assertThat(s.matches(trial("ReclamationBench.mixed", p, 2), false, specs, 2, mixed)).isTrue();
        assertThat(s.matches(trial("ReclamationBench.mixed", p, 1), false, specs, 2, mixed)).as("threads max = 2").isFalse();
        assertThat(s.matches(trial("ReclamationBench.mixed", Map.of("engine", "gus", "batch", "5"), 2), false, specs, 2, mixed))
                .isFalse();
        assertThat(s.matches(trial("ReclamationBench.mixed", Map.of("engine", "hp", "batch", "64"), 2), false, specs, 2, mixed))
                .isFalse();
        assertThat(s.matches(trial("WriteSideBench.retire", p, 2), false, specs, 2, mixed)).isFalse();
        Map<String, String> grid = Map.of("engine", "gus", "batch", "64", "readRatio", "0.5");
        assertThat(s.matches(trial("ReclamationBench.mixed", grid, 2), false, specs, 2, null)).as("unchecked without facts").isTrue();
        assertThat(s.matches(trial("ReclamationBench.mixed", grid, 2), false, specs, 2, mixed)).as("another question's read ratio")
                .isFalse();
        Map<String, String> b16 = Map.of("engine", "gus", "batch", "16", "readRatio", "0.9");
        assertThat(s.matches(trial("ReclamationBench.mixed", b16, 2), false, specs, 2, mixed)).isTrue();
        assertThat(s.matches(trial("ReclamationBench.mixed", b16, 2), true, specs, 2, mixed)).as("not a quick-review point").isFalse();
        TrialSelector floor = Questions.selector("R5.floorFence").orElseThrow();
        assertThat(floor.matches(trial("ReadSideBench.floorStoreFence", Map.of(), 1), false, List.of(), 2, null)).isTrue();
        assertThat(floor.matches(trial("ReadSideBench.floorStoreFence", Map.of("engine", "gus"), 1), false, List.of(), 2, null))
                .isFalse();
        TrialSelector group = Questions.selector("R14.readWithWriter").orElseThrow();
        assertThat(group.matches(trial("ReadSideBench.emptyWithWriter", Map.of("engine", "rwlock"), 1, 1), true,
                group.engineSpecs(CATALOGUE), 2, null)).isTrue();
    }

    @Test
    void aSelectorFindsItsTrialsInARunByWhatRunJsonRecords() {
        TrialSelector s = Questions.selector("R2.tick").orElseThrow();
        org.smrlab.run.RunInfo quick = new org.smrlab.run.RunInfo(org.smrlab.run.RunInfo.SCHEMA, ReviewInfo.QUICK, null, null, null,
                null, null, new org.smrlab.run.RunInfo.Machine("cpu", 2, "Linux", "6"), null, null, List.of(), CATALOGUE,
                new java.util.TreeMap<>(), List.of(), null);
        org.smrlab.run.RunInfo full = new org.smrlab.run.RunInfo(org.smrlab.run.RunInfo.SCHEMA, ReviewInfo.FULL, null, null, null,
                null, null, new org.smrlab.run.RunInfo.Machine("cpu", 2, "Linux", "6"), null, null, List.of(), CATALOGUE,
                new java.util.TreeMap<>(), List.of(), null);
        TrialRecord twoMs = trial("ReclamationBench.mixed", Map.of("engine", "gus-lazy:tick=2ms"), 2);
        assertThat(s.in(full).test(twoMs)).isTrue();
        assertThat(s.in(quick).test(twoMs)).as("2ms is a full-review point only").isFalse();
        assertThat(s.in(quick).test(trial("ReclamationBench.mixed", Map.of("engine", "gus-lazy:tick=10ms"), 2))).isTrue();
    }

    @Test
    void threadTokens() {
        assertThat(TrialSelector.resolveThreads("max", 4)).containsExactly(4);
        assertThat(TrialSelector.resolveThreads("2max", 2)).containsExactly(4);
        assertThat(TrialSelector.resolveThreads("max-1,1", 1)).containsExactly(1, 1);
        assertThat(TrialSelector.resolveThreads("3", 2)).containsExactly(3);
        assertThatThrownBy(() -> TrialSelector.resolveThreads("lots", 2)).hasMessageContaining("not a number, max, 2max or max-1");
        assertThatThrownBy(() -> TrialSelector.resolveThreads("0", 2)).hasMessageContaining("gives 0 threads");
    }
}
