package org.smrlab.bench.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.run.review.CitedTests;
import org.smrlab.run.review.FactsEvidence;
import org.smrlab.run.review.LitmusEvidence;
import org.smrlab.run.review.SourceEvidence;
import org.smrlab.run.review.TestsEvidence;
import org.smrlab.smr.checked.Rule;

/** The evidence steps' readers of other tools' output, and the fact tables, on real and on made-up input. */
class EvidenceStepsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void litmusRowsJoinTheirPairsAndVerdicts() {
        Map<String, String[]> pairs = LitmusStep.parsePairs(List.of(
                "org.smrlab.litmus.holds.GusExitVsPoll\tgus\tread node.data\texit\tscan\tfree",
                "org.smrlab.litmus.broken.UnfencedEnter\tgus\tstore seq\tMISSING\tfence\tload record",
                "not a pair line"));
        assertThat(pairs).hasSize(2);
        List<LitmusEvidence.Test> tests = LitmusStep.join(List.of(
                "holds\tholds.GusExitVsPoll\theld\t0 / 1234567",
                "broken\tbroken.UnfencedEnter\tfailed, as it must\t42 / 1000 (4.2000%)",
                "unobs\tunobserved.ExitWithoutRelease\tnot observed\t0 / 500 (0.0000%)",
                "holds\tholds.QsbrAdvanceOrdersThirdPartyPoll\tskipped (needs 3 CPUs)\t-",
                "holds\tholds.EbrSynchronize\tBROKEN (ERROR)\t3 / 100 (3.0000%)",
                "broken\tbroken.GusFabricatedGoal\tDID NOT FAIL (OK)\t0 / 900",
                "holds\tholds.GusSynchronize\tMISSING (not run)\t-"), pairs);
        assertThat(tests).extracting(LitmusEvidence.Test::verdict).containsExactly(LitmusEvidence.Verdict.HELD,
                LitmusEvidence.Verdict.FAILED_AS_REQUIRED, LitmusEvidence.Verdict.NOT_OBSERVED, LitmusEvidence.Verdict.SKIPPED,
                LitmusEvidence.Verdict.BROKEN, LitmusEvidence.Verdict.DID_NOT_FAIL, LitmusEvidence.Verdict.MISSING);
        assertThat(tests.get(0).pair().aBarrier()).isEqualTo("exit");
        assertThat(tests.get(0).engine()).isEqualTo("gus");
        assertThat(tests.get(0).samples()).isEqualTo(1234567);
        assertThat(tests.get(1).forbidden()).isEqualTo(42);
        assertThat(tests.get(1).expected()).isEqualTo(LitmusEvidence.Expectation.MUST_FAIL);
        assertThat(tests.get(2).expected()).isEqualTo(LitmusEvidence.Expectation.UNOBSERVED);
        assertThat(tests.get(4).jcstressStatus()).isEqualTo("ERROR");
        assertThat(tests.get(2).pair()).as("a test the pair table lacks has no pair").isNull();
    }

    @Test
    void surefireReportsAreHarvestedWithTheRuleOrTheSection(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("TEST-x.xml");
        Files.writeString(xml, """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="org.smrlab.smr.checked.CheckedRulesTest" tests="3">
                  <testcase name="exitWithoutEnter(String)[1]" classname="org.smrlab.smr.checked.CheckedRulesTest" time="0.012"/>
                  <testcase name="sleepInSection" classname="org.smrlab.smr.checked.CheckedRulesTest" time="1,234.5">
                    <failure message="expected SLEEP_IN_SECTION" type="java.lang.AssertionError">trace</failure>
                  </testcase>
                  <testcase name="nestingIsAllowedWhereTheEngineNests(String)[2]" classname="x" time="0.1"><skipped/></testcase>
                </testsuite>
                """);
        CitedTests rules = new CitedTests("org.smrlab.smr.checked.CheckedRulesTest", CitedTests.Citation.RULE, "rules");
        List<TestsEvidence.TestCase> cases = CitedTestsStep.harvest(xml, rules, Map.of());
        assertThat(cases).extracting(TestsEvidence.TestCase::rule).containsExactly("EXIT_WITHOUT_ENTER", "SLEEP_IN_SECTION", null);
        assertThat(cases).extracting(TestsEvidence.TestCase::result).containsExactly(TestsEvidence.Result.PASSED,
                TestsEvidence.Result.FAILED, TestsEvidence.Result.SKIPPED);
        assertThat(cases.get(1).message()).isEqualTo("expected SLEEP_IN_SECTION");
        assertThat(cases.get(1).seconds()).isEqualTo(1234.5);
        CitedTests usage = new CitedTests("org.smrlab.smr.usage.UsageExamplesTest", CitedTests.Citation.USAGE, "examples");
        assertThat(CitedTestsStep.harvest(xml, usage, Map.of("exitWithoutEnter", "4 The write side / Await")).get(0).section())
                .isEqualTo("4 The write side / Await");
    }

    @Test
    void everyExampleOfTheUsageDocumentHasItsSection() throws Exception {
        Map<String, String> sections = CitedTestsStep.usageSections(ROOT.resolve("docs/usage.md"));
        assertThat(sections).containsKeys("readSection", "advanceNowPollLater", "await", "synchronize",
                "counterexampleFabricatedGoal");
        assertThat(sections.get("await")).contains("/ Await");
        assertThat(sections.values()).allMatch(s -> s != null && !s.isBlank());
    }

    @Test
    void thePoolsMechanismsAreMarkedInItsSourceAndMeasured() throws Exception {
        SourceEvidence e = SourceSizes.measure(ROOT, SourceSizes.FILES, "abc", false);
        assertThat(e.files()).hasSize(SourceSizes.FILES.size()).allMatch(f -> f.lines() > f.codeLines() && f.codeLines() > 0);
        assertThat(e.mechanisms()).extracting(SourceEvidence.Mechanism::id).containsExactlyElementsOf(SourceSizes.MECHANISMS.keySet());
        for (SourceEvidence.Mechanism m : e.mechanisms()) {
            assertThat(m.regions()).as(m.id() + " is marked in the source").isNotEmpty();
            assertThat(m.lines()).as(m.id()).isPositive();
            assertThat(m.codeLines()).as(m.id()).isPositive().isLessThanOrEqualTo(m.lines());
        }
        assertThat(e.mechanisms().stream().filter(SourceEvidence.Mechanism::smrOnly).map(SourceEvidence.Mechanism::id))
                .containsExactly("deferred-reuse", "poison", "generations");
    }

    @Test
    void badMarkersAreRefusedNamingTheLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("A.java"), "class A {\n    // smr-only: poison begin\n    int x;\n}\n");
        assertThatThrownBy(() -> SourceSizes.measure(dir, List.of("A.java"), null, null)).hasMessageContaining("never end");
        Files.writeString(dir.resolve("B.java"), "class B {\n    // smr-only: colour begin\n    // smr-only: colour end\n}\n");
        assertThatThrownBy(() -> SourceSizes.measure(dir, List.of("B.java"), null, null)).hasMessageContaining("B.java:2");
        Files.writeString(dir.resolve("C.java"), "class C {\n    // pool-core: poison begin\n    // pool-core: poison end\n}\n");
        assertThatThrownBy(() -> SourceSizes.measure(dir, List.of("C.java"), null, null)).hasMessageContaining("as smr-only");
        Files.writeString(dir.resolve("D.java"), "class D {\n    // smr-only: poison begin\n    /* a\n     b */\n    int x; // y\n"
                + "\n    // smr-only: poison end\n}\n");
        SourceEvidence d = SourceSizes.measure(dir, List.of("D.java"), null, null);
        SourceEvidence.Mechanism poison = d.mechanisms().stream().filter(m -> m.id().equals("poison")).findFirst().orElseThrow();
        assertThat(poison.lines()).isEqualTo(4);
        assertThat(poison.codeLines()).isEqualTo(1);
        assertThat(poison.regions()).containsExactly(new SourceEvidence.Region("D.java", 3, 6));
    }

    @Test
    void theFactTablesComeFromTheirOwners() {
        FactsEvidence f = FactTables.facts();
        assertThat(f.rules()).extracting(FactsEvidence.RuleFact::rule)
                .containsExactlyElementsOf(java.util.Arrays.stream(Rule.values()).map(Enum::name).toList());
        assertThat(f.deprecated()).extracting(FactsEvidence.DeprecatedBarrier::name).containsExactly("membar_exit", "membar_enter");
        assertThat(f.deprecated()).allMatch(d -> d.since().equals("netbsd-10"));
        assertThat(f.accessModes()).extracting(FactsEvidence.AccessMode::membar).contains("membar_sync", "membar_producer")
                .anyMatch(m -> m != null && m.startsWith("membar_release"));
        assertThat(f.accessModes()).extracting(FactsEvidence.AccessMode::netbsd).contains("atomic_store_release",
                "atomic_load_acquire");
        assertThat(f.accessModes()).noneMatch(a -> "membar_enter".equals(a.membar()) || "membar_exit".equals(a.membar()));
        assertThat(f.policies()).anyMatch(p -> p.name().equals("pool.bucket")
                && p.value().equals(String.valueOf(org.smrlab.smr.pool.SmrPool.BUCKET)));
    }
}
