package org.smrlab.smr.checked;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link Rule#trippedBy} reads the rule a test of {@link CheckedRulesTest} trips from its name
 * (the review harvests surefire's reports, which know only names). This keeps the names honest: every
 * test method of CheckedRulesTest whose body expects a rule ({@code Rule.X} in its body) is named for
 * one of the rules it expects, a method named for a rule expects it, and every rule has such a test.
 */
class RuleTestNamesTest {
    private static final Pattern METHOD = Pattern.compile("^    void (\\w+)\\(");
    private static final Pattern RULE = Pattern.compile("Rule\\.([A-Z_]+)");

    /** Each test method's name and the rules its body names, read from the source. */
    static Map<String, Set<Rule>> methods() throws IOException {
        Path src = Path.of(System.getProperty("basedir", "."), "src/test/java/org/smrlab/smr/checked/CheckedRulesTest.java");
        List<String> lines = Files.readAllLines(src);
        Map<String, Set<Rule>> out = new LinkedHashMap<>();
        String current = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = METHOD.matcher(lines.get(i));
            boolean isTest = i > 0 && (lines.get(i - 1).contains("@Test") || lines.get(i - 1).contains("@MethodSource")
                    || lines.get(i - 1).contains("@ValueSource") || lines.get(i - 1).contains("@ParameterizedTest"));
            if (m.find()) {
                current = isTest || (i > 1 && lines.get(i - 2).contains("@ParameterizedTest")) ? m.group(1) : null;
                if (current != null) {
                    out.put(current, EnumSet.noneOf(Rule.class));
                }
                continue;
            }
            if (current != null) {
                Matcher r = RULE.matcher(lines.get(i));
                while (r.find()) {
                    out.get(current).add(Rule.valueOf(r.group(1)));
                }
            }
        }
        return out;
    }

    @Test
    void theNamingRule() {
        assertThat(Rule.trippedBy("exitWithoutEnter(String)[3]")).hasValue(Rule.EXIT_WITHOUT_ENTER);
        assertThat(Rule.trippedBy("sleepInSectionOnABlockingRetire")).hasValue(Rule.SLEEP_IN_SECTION);
        assertThat(Rule.trippedBy("lazyGraceSkippedByAnEngineThatAnswersEarly()")).hasValue(Rule.LAZY_GRACE_SKIPPED);
        assertThat(Rule.trippedBy("waitInSectionByBarrierOnEnginesWithoutAWriteSide")).hasValue(Rule.WAIT_IN_SECTION);
        assertThat(Rule.trippedBy("nestingIsAllowedWhereTheEngineNests")).isEmpty();
        assertThat(Rule.trippedBy("exitWithoutEntering")).as("whole words only").isEmpty();
    }

    @Test
    void everyTestIsNamedForTheRuleItExpectsAndEveryRuleHasOne() throws IOException {
        Map<String, Set<Rule>> methods = methods();
        assertThat(methods).hasSizeGreaterThan(10);
        Set<Rule> named = new LinkedHashSet<>();
        for (Map.Entry<String, Set<Rule>> m : methods.entrySet()) {
            Optional<Rule> byName = Rule.trippedBy(m.getKey());
            byName.ifPresent(named::add);
            if (byName.isPresent()) {
                assertThat(m.getValue()).as("%s is named for %s, so its body must expect it", m.getKey(), byName.get())
                        .contains(byName.get());
            } else {
                assertThat(m.getValue()).as("%s expects %s: name it for the rule it trips (Rule.trippedBy), or it will "
                        + "not be cited as that rule's test", m.getKey(), m.getValue()).isEmpty();
            }
        }
        assertThat(named).as("every rule has a test named for it").containsExactlyInAnyOrder(Rule.values());
    }
}
