package org.smrlab.reports.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.analysis.review.NumberTokens;
import org.smrlab.reports.render.ReadmeResults;
import org.smrlab.run.RunFolder;

/**
 * The README's results section is generated from a committed review run and can never drift from it;
 * {@code readme --write} replaces only the section between the markers.
 */
class ReadmeResultsTest {

    static Path repositoryRoot() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
    }

    /** The committed review runs: folders with review.json under docs/runs/. */
    static List<Path> committedRuns(Path root) throws IOException {
        Path runs = root.resolve("docs").resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(RunFolder::isCompleteReview).sorted().toList();
        }
    }

    @Test
    void theReadmesResultsAreWhatTheCommittedRunGenerates() throws IOException {
        Path root = repositoryRoot();
        List<Path> runs = committedRuns(root);
        Assumptions.assumeFalse(runs.isEmpty(), "no review run committed under docs/runs/ yet: nothing to compare the README with");
        assertThat(runs).as("one committed review run: the README's").hasSize(1);
        Path readme = root.resolve("README.md");
        Fixtures.Result r = Fixtures.cli("readme", runs.get(0), "--readme", readme);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(ReadmeResults.current(Files.readString(readme)))
                .as("README.md's results section; regenerate it with scripts/report readme " + root.relativize(runs.get(0)) + " --write")
                .isEqualTo(r.out());
    }

    @Test
    void writeReplacesOnlyTheSectionBetweenTheMarkersAndEveryNumberIsTheRuns(@TempDir Path tmp) throws IOException {
        Path run = ReviewFixture.copy(tmp.resolve("docs/runs"));
        Path readme = tmp.resolve("README.md");
        String before = "# smrlab\n\nintro, 3 words\n\n" + ReadmeResults.BEGIN + "\n## Results\n\nold figures 1.23\n"
                + ReadmeResults.END + "\n\n## After\n\nkept 4.56\n";
        Files.writeString(readme, before);
        Fixtures.Result w = Fixtures.cli("readme", run, "--readme", readme, "--write");
        assertThat(w.code()).as(w.err()).isZero();
        String after = Files.readString(readme);
        assertThat(after).startsWith("# smrlab\n\nintro, 3 words\n\n" + ReadmeResults.BEGIN).endsWith(ReadmeResults.END
                + "\n\n## After\n\nkept 4.56\n").doesNotContain("old figures");
        String section = ReadmeResults.current(after);
        assertThat(section).contains("scripts/report readme docs/runs/" + ReviewFixture.NAME + " --write")
                .contains("### R5 ").contains("### R6 ").contains("### Every question, answered");
        // idempotent, and what the command prints
        Fixtures.Result printed = Fixtures.cli("readme", run, "--readme", readme);
        assertThat(printed.out()).isEqualTo(section);
        assertThat(Fixtures.cli("readme", run, "--readme", readme, "--write").code()).isZero();
        assertThat(Files.readString(readme)).isEqualTo(after);

        // every number of the section is in the provenance log of that run's review
        Path out = tmp.resolve("out");
        ReviewTest.render(run, out);
        Set<String> logged = new LinkedHashSet<>();
        for (CSVRecord r : ReviewTest.log(out)) {
            logged.addAll(NumberTokens.of(r.get("text")));
        }
        List<String> untraced = new ArrayList<>();
        for (String line : section.split("\n")) {
            NumberTokens.of(line).stream().filter(n -> !logged.contains(n)).forEach(n -> untraced.add(n + " in: " + line));
        }
        assertThat(untraced).isEmpty();
    }

    @Test
    void aReadmeWithoutItsMarkersIsRefusedAndLeftAlone(@TempDir Path tmp) throws IOException {
        Path run = ReviewFixture.copy(tmp);
        Path readme = tmp.resolve("README.md");
        Files.writeString(readme, "# no markers\n");
        Fixtures.Result r = Fixtures.cli("readme", run, "--readme", readme, "--write");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains(ReadmeResults.BEGIN).contains(ReadmeResults.END);
        assertThat(Files.readString(readme)).isEqualTo("# no markers\n");
        Files.writeString(readme, ReadmeResults.END + "\n" + ReadmeResults.BEGIN + "\n");
        assertThat(Fixtures.cli("readme", run, "--readme", readme, "--write").code()).isEqualTo(2);
    }
}
