package org.smrlab.reports.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.analysis.review.NumberTokens;
import org.smrlab.reports.analysis.review.Prose;
import org.smrlab.reports.analysis.review.ReviewBuilder;
import org.smrlab.reports.cli.AtomicOutput;
import org.smrlab.reports.render.ReviewReport;
import org.smrlab.run.RunFolder;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;

/**
 * The review of a real (tiny) review run: every question has its section and a verdict; every number
 * review.md shows is in the provenance log of figures looked up in that run, and the log's measured
 * figures are the run's own; a trial taken out of the run turns its figures into "missing", never into
 * another number; bad input is named and writes nothing.
 *
 * <p>The fixture ({@link ReviewFixture}) is a review folder written by {@code scripts/lab review --quick --tiny}
 * (every trial one fork of 100 ms): its figures mean nothing, its shape is the real one.
 */
class ReviewTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SECTION = Pattern.compile("(?m)^## (R\\d+) ");

    /** One rendering of the untouched fixture, shared by the tests that only read it. */
    @TempDir
    static Path shared;
    private static String sharedMd;

    static synchronized String sharedMd() {
        if (sharedMd == null) {
            sharedMd = render(ReviewFixture.copy(shared), shared.resolve("out"));
        }
        return sharedMd;
    }

    static Path sharedRun() {
        sharedMd();
        return shared.resolve(ReviewFixture.NAME);
    }

    static Path sharedOut() {
        sharedMd();
        return shared.resolve("out");
    }

    /** Renders the review of {@code run} into {@code out}; returns review.md. */
    static String render(Path run, Path out) {
        Fixtures.Result r = Fixtures.cli("review", run, "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        try {
            return Files.readString(out.resolve(RunFolder.REVIEW_MD));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<CSVRecord> log(Path out) throws IOException {
        return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(Files.readString(out.resolve(ReviewReport.FIGURES)))).getRecords();
    }

    @Test
    void everyQuestionHasItsSectionInOrderAndTheVerdictTableEndsIt() throws IOException {
        String md = sharedMd();
        List<String> ids = new ArrayList<>();
        Matcher m = SECTION.matcher(md);
        while (m.find()) {
            ids.add(m.group(1));
        }
        assertThat(ids).containsExactlyElementsOf(Questions.all().stream().map(Question::id).toList()).hasSize(16);
        assertThat(ReviewBuilder.answered()).containsExactlyElementsOf(ids);
        int verdicts = md.indexOf("## Verdicts");
        assertThat(verdicts).isGreaterThan(md.indexOf("## R16 "));
        String table = md.substring(verdicts);
        for (String id : ids) {
            assertThat(table).containsPattern("\\| \\[" + id + "\\]\\([^)]*\\) \\| [^|]+ \\| (answered|partly|not on this machine) \\|");
        }
        for (String part : List.of("**Answer.**", "**Evidence.**", "**Regenerate.**", "**What this machine cannot show.**", "**Verdict:**")) {
            assertThat(md.split(Pattern.quote(part), -1)).as(part).hasSize(17);
        }
        // the review's words, quoted
        for (Question q : Questions.all()) {
            q.quotes().forEach(quote -> assertThat(md).contains("“" + quote.text() + "”"));
        }
        assertThat(Files.readString(sharedOut().resolve(RunFolder.REVIEW_HTML))).contains("<h2>R16 ")
                .contains("id=\"verdicts\"").doesNotContain("http://").doesNotContain("https://");
    }

    /**
     * Every number of review.md (quoted review text, section ids, code and chart file names aside) appears in
     * the provenance log; and each measured score in the log is the one results.json holds for its trial.
     */
    @Test
    void everyNumberOfTheReviewIsTracedToTheRunsData() throws IOException {
        Path run = sharedRun();
        Path out = sharedOut();
        String md = sharedMd();
        List<CSVRecord> log = log(out);
        Set<String> logged = new LinkedHashSet<>();
        log.forEach(r -> logged.addAll(NumberTokens.of(r.get("text"))));
        List<String> untraced = new ArrayList<>();
        int numbers = 0;
        for (String line : md.split("\n")) {
            if (line.startsWith(">")) {
                continue; // the review's own words
            }
            for (String n : NumberTokens.of(line)) {
                numbers++;
                if (!logged.contains(n)) {
                    untraced.add(n + " in: " + line);
                }
            }
        }
        assertThat(numbers).as("the fixture's review shows figures").isGreaterThan(100);
        assertThat(untraced).as("numbers of review.md absent from the provenance log").isEmpty();

        // the log's measured scores are the run's: read results.json independently
        int checked = 0;
        for (CSVRecord r : log) {
            if (!r.get("kind").equals("measured") || !r.get("metric").equals("score") || !r.get("file").endsWith("results.json")) {
                continue;
            }
            double fromJson = scoreOf(run.resolve(r.get("file")), r.get("trial"), run.resolve(r.get("sub_run")));
            assertThat(Double.parseDouble(r.get("value"))).as(r.get("what")).isEqualTo(fromJson);
            checked++;
        }
        assertThat(checked).isGreaterThan(20);
    }

    /** results.json's primary score of the trial run.json labels {@code label}. */
    static double scoreOf(Path resultsJson, String label, Path subRun) throws IOException {
        JsonNode trial = null;
        for (JsonNode t : JSON.readTree(subRun.resolve(RunFolder.RUN_JSON).toFile()).get("trials")) {
            if (t.get("label").asText().equals(label)) {
                trial = t;
            }
        }
        assertThat(trial).as("run.json has " + label).isNotNull();
        int threads = 0;
        for (JsonNode n : trial.get("threads")) {
            threads += n.asInt();
        }
        for (JsonNode b : JSON.readTree(resultsJson.toFile())) {
            if (b.get("benchmark").asText().equals(trial.get("benchmark").asText()) && b.get("threads").asInt() == threads
                    && params(b.get("params")).equals(params(trial.get("params")))) {
                return b.get("primaryMetric").get("score").asDouble();
            }
        }
        throw new AssertionError("results.json has no result for " + label);
    }

    private static Map<String, String> params(JsonNode p) {
        Map<String, String> m = new HashMap<>();
        if (p != null) {
            p.properties().forEach(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }

    /** A trial taken out of the run (run.json and results.json) turns each of its figures into "missing", never another number. */
    @Test
    void aTrialTakenOutTurnsItsFiguresMissing(@TempDir Path tmp) throws IOException {
        List<CSVRecord> before = log(sharedOut());
        String label = ReviewFixture.REMOVED;
        List<CSVRecord> fromTrial = before.stream().filter(r -> r.get("trial").equals(label) && r.get("kind").equals("measured")
                && r.get("sub_run").equals(ReviewFixture.SUB_RUN)).toList();
        assertThat(fromTrial).as("the fixture's review shows figures of " + label).isNotEmpty();

        Path cut = ReviewFixture.copy(tmp.resolve("b"));
        ReviewFixture.removeTrial(cut.resolve(ReviewFixture.SUB_RUN), label);
        Path outB = tmp.resolve("out-b");
        String md = render(cut, outB);
        Map<String, CSVRecord> after = new LinkedHashMap<>();
        log(outB).forEach(r -> after.putIfAbsent(r.get("what"), r));
        for (CSVRecord r : fromTrial) {
            CSVRecord now = after.get(r.get("what"));
            assertThat(now).as(r.get("what") + " is still looked up").isNotNull();
            assertThat(now.get("kind")).as(r.get("what")).isEqualTo("missing");
            assertThat(now.get("text")).startsWith("missing (");
            assertThat(md).contains(now.get("text"));
        }
        assertThat(log(outB)).noneMatch(r -> r.get("trial").equals(label) && r.get("sub_run").equals(ReviewFixture.SUB_RUN));
    }

    /** Without the JDK 22+ sub-run, its figures are missing and the review says why. */
    @Test
    void anAbsentMembarrierSubRunIsSaidAndItsFiguresAreMissing(@TempDir Path tmp) throws IOException {
        Path run = ReviewFixture.copy(tmp);
        AtomicOutput.deleteTree(run.resolve("jdk25"));
        ObjectNode review = (ObjectNode) JSON.readTree(run.resolve(RunFolder.REVIEW_JSON).toFile());
        for (JsonNode s : review.get("subRuns")) {
            if (s.get("dir").asText().equals("jdk25")) {
                ((ObjectNode) s).put("status", "ABSENT").put("note", "no JDK 22+ installed (scripts/find-jdk22 found none)");
            }
        }
        Files.writeString(run.resolve(RunFolder.REVIEW_JSON), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(review));
        String md = render(run, tmp.resolve("out"));
        assertThat(md).contains("`jdk25/` (").contains("absent: missing (no JDK 22+ installed");
        assertThat(log(tmp.resolve("out"))).filteredOn(r -> r.get("sub_run").equals("jdk25")).isEmpty();
        assertThat(md).contains("missing (no jdk25/ sub-run)");
    }

    @Test
    void malformedEvidenceIsNamedWithItsLineAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path run = ReviewFixture.copy(tmp);
        Path out = tmp.resolve("out");
        render(run, out);
        String before = Files.readString(out.resolve(RunFolder.REVIEW_MD));
        Path litmus = run.resolve(RunFolder.EVIDENCE_DIR).resolve(RunFolder.LITMUS_JSON);
        Files.writeString(litmus, Files.readString(litmus).replaceFirst("\"runs\"", "\"runz\""));
        Fixtures.Result r = Fixtures.cli("review", run, "--out", out);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(RunFolder.LITMUS_JSON + ":").containsPattern("litmus\\.json:\\d+:\\d+: field runz");
        assertThat(Files.readString(out.resolve(RunFolder.REVIEW_MD))).as("the earlier review is left whole").isEqualTo(before);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".tmp-"));
        }
        Fixtures.Result none = Fixtures.cli("review", tmp.resolve("nowhere"));
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no such folder");
        Fixtures.Result notReview = Fixtures.cli("review", run.resolve("jdk17"));
        assertThat(notReview.code()).isEqualTo(2);
        assertThat(notReview.err()).contains("not a review folder: no review.json");
    }

    /**
     * Wording chosen by the data: the same sentence of R2 claims a difference in the time per operation where
     * the two trials' intervals (JMH's error) do not overlap, and claims none where they do.
     */
    @Test
    void theAnswersWordingFollowsTheIntervals(@TempDir Path tmp) throws IOException {
        Path run = ReviewFixture.copy(tmp.resolve("narrow"));
        double lo = setError(run, "1", 0.001);
        double hi = setError(run, "4096", 0.001);
        String sentence = r2Sentence(render(run, tmp.resolve("out-narrow")));
        assertThat(sentence).contains("the time per operation by").doesNotContain("time per operation by missing");
        String claim = hi > lo ? "higher, beyond the error" : "lower, beyond the error";
        assertThat(sentence.substring(sentence.indexOf("the time per operation by"))).contains(claim);

        Path wide = ReviewFixture.copy(tmp.resolve("wide"));
        setError(wide, "1", 1e12);
        setError(wide, "4096", 1e12);
        String overlapping = r2Sentence(render(wide, tmp.resolve("out-wide")));
        assertThat(overlapping.substring(overlapping.indexOf("the time per operation by")))
                .contains("the intervals overlap: no difference claimed");
    }

    /** Gives R2's gus trial at {@code batch} a JMH error of {@code fraction} of its score (or that many ns/op); returns the score. */
    private static double setError(Path run, String batch, double error) throws IOException {
        Path results = run.resolve("jdk17").resolve(RunFolder.RESULTS_JSON);
        JsonNode all = JSON.readTree(results.toFile());
        double score = Double.NaN;
        for (JsonNode b : all) {
            JsonNode p = b.get("params");
            if (b.get("benchmark").asText().endsWith("ReclamationBench.mixed") && p != null && "gus".equals(p.path("engine").asText())
                    && batch.equals(p.path("batch").asText()) && "0.9".equals(p.path("readRatio").asText())
                    && "smr".equals(p.path("pool").asText()) && b.get("threads").asInt() > 1) {
                ObjectNode primary = (ObjectNode) b.get("primaryMetric");
                score = primary.get("score").asDouble();
                primary.put("scoreError", error < 1 ? score * error : error);
            }
        }
        assertThat(score).as("the fixture has R2's gus trial at batch " + batch).isNotNaN();
        Files.writeString(results, JSON.writeValueAsString(all));
        return score;
    }

    private static String r2Sentence(String md) {
        String r2 = md.substring(md.indexOf("## R2 "), md.indexOf("## R3 "));
        Matcher m = Pattern.compile("Raising `batch` of `gus` from [^\n]*").matcher(r2);
        assertThat(m.find()).as("R2 answers for gus's batch").isTrue();
        return m.group();
    }

    @Test
    void proseThatTypesANumberIsRefused() {
        assertThatThrownBy(() -> Prose.words("bounded by 2 clock ticks")).hasMessageContaining("types a number [2]");
        assertThatThrownBy(() -> Prose.words("3.5 ms")).hasMessageContaining("[3.5]");
        assertThatThrownBy(() -> Prose.words("a 10ms tick")).hasMessageContaining("[10]");
        // names are not numbers: p99, R2, x86, membarrier(2), jdk25, code spans
        Prose.words("p99 of R2 on x86 with membarrier(2), jdk25/ and `gus-lazy:tick=10ms`");
        assertThat(NumberTokens.of("1,254,108 nodes, 17.0.15 and 3.16 ± 0.78 ns; 2.1× [1.8, 2.5]"))
                .containsExactly("1,254,108", "17.0.15", "3.16", "0.78", "2.1", "1.8", "2.5");
    }

    /** The markdown's figures are what the HTML shows: one model, two renderings. */
    @Test
    void thePageShowsTheSameFiguresAsTheMarkdown() throws IOException {
        Path out = sharedOut();
        String html = Files.readString(out.resolve(RunFolder.REVIEW_HTML));
        String md = sharedMd();
        for (CSVRecord r : log(out)) {
            if (r.get("kind").equals("measured") && md.contains(r.get("text"))) {
                assertThat(html).as(r.get("what")).contains(r.get("text").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            }
        }
        assertThat(html).contains("data-images-check").contains("data:image/png;base64,");
    }
}
