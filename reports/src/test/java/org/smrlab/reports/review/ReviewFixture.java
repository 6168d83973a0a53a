package org.smrlab.reports.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;
import org.smrlab.reports.Fixtures;
import org.smrlab.run.RunFolder;

/**
 * The review fixture: {@value #NAME} under {@code src/test/resources/fixtures/review/}, a review folder
 * written by a real run of {@code scripts/lab review --quick --tiny} (every trial one fork of one 100 ms
 * iteration, torture half a second per engine; litmus and the cited tests as in the quick review), then
 * trimmed of what no answer reads (see fixtures/review/README.md for the command and the trimming). Its
 * figures mean nothing; its shape, names and files are the real ones. Tests change a copy, never it.
 */
final class ReviewFixture {
    static final String NAME = "review-quick-tiny";
    /** The sub-run whose trial {@link #REMOVED} the removal test takes out. */
    static final String SUB_RUN = "jdk17";
    /** A trial whose figures several answers show (R4, R5, R6, R11, R14). */
    static final String REMOVED = "ReadSideBench.emptySection engine=gus t=1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReviewFixture() {
    }

    /** A fresh copy of the fixture under {@code dir}; returns its folder. */
    static Path copy(Path dir) {
        Path from = Fixtures.path("review/" + NAME);
        Path to = dir.resolve(NAME);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }

    /** Takes the trial run.json labels {@code label} out of a run folder: its entry in run.json and its result. */
    static void removeTrial(Path runFolder, String label) throws IOException {
        ObjectNode run = (ObjectNode) JSON.readTree(runFolder.resolve(RunFolder.RUN_JSON).toFile());
        JsonNode removed = null;
        for (Iterator<JsonNode> it = run.get("trials").iterator(); it.hasNext(); ) {
            JsonNode t = it.next();
            if (t.get("label").asText().equals(label)) {
                removed = t;
                it.remove();
            }
        }
        if (removed == null) {
            throw new AssertionError("no trial " + label + " in " + runFolder);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(runFolder.resolve(RunFolder.RUN_JSON).toFile(), run);
        ArrayNode results = (ArrayNode) JSON.readTree(runFolder.resolve(RunFolder.RESULTS_JSON).toFile());
        int before = results.size();
        for (Iterator<JsonNode> it = results.iterator(); it.hasNext(); ) {
            JsonNode b = it.next();
            int threads = 0;
            for (JsonNode n : removed.get("threads")) {
                threads += n.asInt();
            }
            if (b.get("benchmark").asText().equals(removed.get("benchmark").asText()) && b.get("threads").asInt() == threads
                    && java.util.Objects.equals(b.get("params"), removed.get("params").isEmpty() ? null : removed.get("params"))) {
                it.remove();
            }
        }
        if (results.size() == before) {
            throw new AssertionError("no result for " + label + " in " + runFolder);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(runFolder.resolve(RunFolder.RESULTS_JSON).toFile(), results);
        Files.deleteIfExists(runFolder.resolve(RunFolder.RESULTS_CSV));
    }
}
