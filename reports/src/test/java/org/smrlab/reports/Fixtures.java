package org.smrlab.reports;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.smrlab.reports.cli.ReportsMain;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;

/**
 * Test fixtures (src/test/resources/fixtures) and a way to run the command line in-process.
 *
 * <ul>
 *   <li>bare/: real JMH 1.37 output ({@code -rf csv} and {@code -rf json}) of small benchmarks shaped like
 *       the lab's, with a throwaway profiler adding {@code smr.*} secondary results; one file written by a
 *       JVM in a German locale (decimal commas); one from JDK 25; one with single samples (NaN errors).</li>
 *   <li>runs/: run folders as scripts/lab writes them: run.json (fabricated machine facts), results.csv and
 *       results.json from one real JMH run, .hlog interval logs and pending series written with
 *       HdrHistogram's HistogramLogWriter; two machines, two shards of one profile, one stall run; and
 *       summary-20261128-140000, hand-made rows in JMH 1.37's CSV format with round numbers for the summary
 *       ({@code SummaryTest}).</li>
 *   <li>golden/: hand-made JMH CSV with round numbers, for the comparison arithmetic.</li>
 *   <li>malformed/: real files with one defect each.</li>
 * </ul>
 */
public final class Fixtures {

    public static final String QUICK_A = "runs/quick-20261128-100000";
    public static final String QUICK_B = "runs/quick-20261128-110000";
    public static final String WRITE_1 = "runs/write-20261128-120000-shard1of2";
    public static final String WRITE_2 = "runs/write-20261128-120000-shard2of2";
    public static final String STALL = "runs/stall-20261128-130000";
    /** The summary's golden run: hand-made rows with round numbers (see SummaryTest). */
    public static final String SUMMARY = "runs/summary-20261128-140000";

    private Fixtures() {
    }

    public static Path path(String relative) {
        URL url = Fixtures.class.getResource("/fixtures/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<Run> runs(String... relative) {
        List<RunInput> inputs = new ArrayList<>();
        for (String r : relative) {
            inputs.add(RunLoader.load(path(r)));
        }
        return RunLoader.group(inputs);
    }

    /** What a command line printed and returned. */
    public record Result(int code, String out, String err) {
    }

    public static Result cli(Object... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] strings = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            strings[i] = String.valueOf(args[i]);
        }
        int code = ReportsMain.run(new PrintWriter(out), new PrintWriter(err), strings);
        return new Result(code, out.toString(), err.toString());
    }
}
