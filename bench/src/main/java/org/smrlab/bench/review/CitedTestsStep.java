package org.smrlab.bench.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.smrlab.run.review.CitedTests;
import org.smrlab.run.review.Evidence;
import org.smrlab.run.review.EvidenceKind;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.SubRun;
import org.smrlab.run.review.TestsEvidence;
import org.smrlab.smr.checked.Rule;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code evidence/tests.json}: the JUnit test classes the question catalogue cites
 * ({@link Questions#citedTests()}), run by Maven surefire on this checkout ({@code mvn -pl smr-impls
 * test -Dtest=...}, forked on the review's JVM) and harvested from surefire's XML reports. Each case
 * gets what it is cited for: the checked-mode rule its name trips ({@link Rule#trippedBy}), or the
 * heading of docs/usage.md under which the example of its name is quoted (read from the document,
 * whose examples {@code UsageDocTest} keeps equal to the tests), or the defect its class guards.
 * A cited class this build lacks is named in the run's note. Runs on the default JVM, and in the
 * full review on the JDK 22+ too (gus-lazy's and pserialize's membarrier paths).
 */
public final class CitedTestsStep implements EvidenceStep {
    /** The module the cited tests live in. */
    static final String MODULE = "smr-impls";
    /** Maven's start and its check that the module is built, beyond the tests themselves. */
    static final double MAVEN_SECONDS = 40;
    static final double TESTS_SECONDS = 40;

    @Override
    public EvidenceKind kind() {
        return EvidenceKind.TESTS;
    }

    static boolean onJdk22(boolean quick) {
        return !quick;
    }

    @Override
    public double estimateSeconds(boolean quick, boolean tiny, boolean withJdk22) {
        double one = MAVEN_SECONDS + TESTS_SECONDS;
        return withJdk22 && onJdk22(quick) ? 2 * one : one;
    }

    @Override
    public String describe(boolean quick, boolean tiny, boolean withJdk22) {
        return "cited tests: " + String.join(", ", Questions.citedTests().stream().map(t -> simple(t.className())).toList())
                + " through Maven surefire" + (withJdk22 && onJdk22(quick) ? ", on both JVMs" : ", on the default JVM");
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    @Override
    public Evidence run(EvidenceContext c) throws Exception {
        List<TestsEvidence.Run> runs = new ArrayList<>();
        Map<String, String> sections = usageSections(c.root().resolve("docs/usage.md"));
        for (SubRun r : SubRun.values()) {
            String java = c.java(r);
            if (java == null || (r == SubRun.MEMBARRIER_JVM && !onJdk22(c.quick()))) {
                runs.add(new TestsEvidence.Run(r, null, null, Evidence.Status.ABSENT,
                        java == null ? c.jdk22Absence() : "the quick review runs the cited tests on the default JVM only", List.of()));
                continue;
            }
            runs.add(runOn(c, r, java, sections));
        }
        return new TestsEvidence(TestsEvidence.SCHEMA, runs);
    }

    private TestsEvidence.Run runOn(EvidenceContext c, SubRun r, String java, Map<String, String> sections) throws Exception {
        List<CitedTests> cited = Questions.citedTests();
        Path reports = c.root().resolve(MODULE).resolve("target/surefire-reports");
        for (CitedTests t : cited) {
            Files.deleteIfExists(reports.resolve("TEST-" + t.className() + ".xml")); // never harvest an older run's report
        }
        String tests = String.join(",", cited.stream().map(CitedTests::className).toList());
        List<String> cmd = List.of(System.getenv().getOrDefault("MVN", "mvn"), "-B", "-q", "-pl", MODULE, "test", "-Dtest=" + tests,
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Djvm=" + java);
        String shown = "mvn -B -q -pl " + MODULE + " test -Dtest=" + tests + " -Dsurefire.failIfNoSpecifiedTests=false -Djvm=" + java;
        c.say("cited tests on %s: %s", r.dir(), shown);
        Path log = c.workDir().resolve("tests-" + r.dir() + ".log");
        int rc;
        try {
            rc = Fork.run(cmd, c.root(), log, 1800, null);
        } catch (IOException e) {
            return new TestsEvidence.Run(r, c.jvm(r), shown, Evidence.Status.ABSENT, "cannot run Maven: " + e.getMessage(), List.of());
        }
        List<TestsEvidence.TestCase> cases = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        for (CitedTests t : cited) {
            Path xml = reports.resolve("TEST-" + t.className() + ".xml");
            if (!Files.isRegularFile(xml)) {
                absent.add(t.className());
                continue;
            }
            Files.copy(xml, c.workDir().resolve("TEST-" + t.className() + "-" + r.dir() + ".xml"),
                    StandardCopyOption.REPLACE_EXISTING);
            cases.addAll(harvest(xml, t, sections));
        }
        if (cases.isEmpty()) {
            return new TestsEvidence.Run(r, c.jvm(r), shown, Evidence.Status.FAILED, "Maven exited " + rc + " with no report of a "
                    + "cited class; last lines: " + Fork.tail(log, 8), List.of());
        }
        long failed = cases.stream().filter(k -> k.result() == TestsEvidence.Result.FAILED || k.result() == TestsEvidence.Result.ERROR)
                .count();
        c.say("  %d cases, %d failed%s", cases.size(), failed, absent.isEmpty() ? "" : "; not in this build: " + absent);
        String note = absent.isEmpty() ? null : "cited classes not in this build (no report): " + String.join(", ", absent);
        return new TestsEvidence.Run(r, c.jvm(r), shown, Evidence.Status.DONE, note, cases);
    }

    /** The cases of one surefire report, each with what it is cited for. */
    static List<TestsEvidence.TestCase> harvest(Path xml, CitedTests cited, Map<String, String> sections) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(xml.toFile());
        NodeList list = doc.getElementsByTagName("testcase");
        List<TestsEvidence.TestCase> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) {
            Element e = (Element) list.item(i);
            String name = e.getAttribute("name");
            String method = name.contains("(") ? name.substring(0, name.indexOf('(')) : name;
            TestsEvidence.Result result = TestsEvidence.Result.PASSED;
            String message = null;
            for (String tag : List.of("failure", "error", "skipped")) {
                NodeList n = e.getElementsByTagName(tag);
                if (n.getLength() > 0) {
                    result = switch (tag) {
                        case "failure" -> TestsEvidence.Result.FAILED;
                        case "error" -> TestsEvidence.Result.ERROR;
                        default -> TestsEvidence.Result.SKIPPED;
                    };
                    String m = ((Element) n.item(0)).getAttribute("message");
                    message = m.isEmpty() ? tag : m.length() > 300 ? m.substring(0, 300) + "..." : m;
                    break;
                }
            }
            double seconds = e.getAttribute("time").isEmpty() ? 0 : Double.parseDouble(e.getAttribute("time").replace(",", ""));
            String rule = cited.citation() == CitedTests.Citation.RULE ? Rule.trippedBy(method).map(Enum::name).orElse(null) : null;
            String section = cited.citation() == CitedTests.Citation.USAGE ? sections.get(method) : null;
            out.add(new TestsEvidence.TestCase(cited.className(), name, cited.citation(), rule, section, result, seconds, message));
        }
        return out;
    }

    private static final Pattern EXAMPLE = Pattern.compile("^<!-- example: (\\w+) -->$");
    private static final Pattern HEADING = Pattern.compile("^(#{2,3}) (.+)$");

    /** Each example of docs/usage.md (its name = the test method) → the headings it is under ({@code 4 The write side / Await}). */
    static Map<String, String> usageSections(Path usage) throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        if (!Files.isRegularFile(usage)) {
            return m;
        }
        String h2 = null;
        String h3 = null;
        for (String line : Files.readAllLines(usage, StandardCharsets.UTF_8)) {
            Matcher h = HEADING.matcher(line.strip());
            if (h.matches() && !line.startsWith(" ")) {
                if (h.group(1).length() == 2) {
                    h2 = h.group(2).strip();
                    h3 = null;
                } else {
                    h3 = h.group(2).strip();
                }
                continue;
            }
            Matcher x = EXAMPLE.matcher(line.strip());
            if (x.matches()) {
                m.put(x.group(1), h3 == null ? h2 : h2 + " / " + h3);
            }
        }
        return m;
    }
}
