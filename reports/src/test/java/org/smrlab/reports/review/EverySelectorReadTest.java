package org.smrlab.reports.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smrlab.run.RunFolder;
import org.smrlab.run.review.EvidenceJson;
import org.smrlab.run.review.Questions;
import org.smrlab.run.review.TrialSelector;

/**
 * The review plans its trials from the question catalogue's selectors, and the answers look them up by
 * the same selectors: a selector the plan runs but no answer reads is a figure lost between the two. The
 * full review of the previous stop lost one (R5's "read, all threads": the answer asked R5.read, which
 * plans one thread only, for its trial at every core, instead of R5.readAll). Every selector that a
 * review runs must be read by at least one figure of its figures.csv (as the figure's own trials or as
 * an input of a derived one).
 */
class EverySelectorReadTest {

    /** Selectors of the catalogue that the review of this kind runs and no figure of {@code out} reads. */
    static List<String> unread(Path out, boolean quick) throws IOException {
        List<CSVRecord> log = ReviewTest.log(out);
        List<String> unread = new ArrayList<>();
        for (TrialSelector s : Questions.selectors()) {
            if (quick && !s.inQuick()) {
                continue;
            }
            String prefix = s.id() + " ";
            boolean read = log.stream().anyMatch(r -> r.get("what").startsWith(prefix) || r.get("inputs").startsWith(prefix)
                    || r.get("inputs").contains("; " + prefix));
            if (!read) {
                unread.add(s.id());
            }
        }
        return unread;
    }

    @Test
    void theQuickFixturesSelectorsAreEachRead(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        ReviewTest.render(ReviewFixture.copy(tmp), out);
        assertThat(unread(out, true)).isEmpty();
    }

    @Test
    void theCommittedFullReviewsSelectorsAreEachRead(@TempDir Path tmp) throws IOException {
        List<Path> runs = ReadmeResultsTest.committedRuns(ReadmeResultsTest.repositoryRoot());
        Assumptions.assumeFalse(runs.isEmpty(), "no review run committed under docs/runs/");
        Path out = tmp.resolve("out");
        ReviewTest.render(runs.get(0), out);
        boolean quick = EvidenceJson.readReview(Files.readString(runs.get(0).resolve(RunFolder.REVIEW_JSON))).quick();
        assertThat(unread(out, quick)).as("selectors of " + runs.get(0).getFileName() + " that no figure reads").isEmpty();
    }
}
