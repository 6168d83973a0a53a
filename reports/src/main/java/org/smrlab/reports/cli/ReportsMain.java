package org.smrlab.reports.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.smrlab.reports.analysis.Comparison;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.analysis.SmokeCheck;
import org.smrlab.reports.analysis.Summary;
import org.smrlab.reports.input.InputException;
import org.smrlab.reports.input.Merger;
import org.smrlab.reports.input.RunLoader;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.reports.render.CatalogueReport;
import org.smrlab.reports.render.ChartFiles;
import org.smrlab.reports.render.Charts;
import org.smrlab.reports.render.CompareReport;
import org.smrlab.reports.render.HtmlReport;
import org.smrlab.reports.render.SummaryCsv;
import org.smrlab.reports.render.SummaryReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reports}: reads JMH results and lab run folders; compares engines, plots, writes HTML,
 * merges shards. Entry point of {@code reports/target/reports.jar} and {@code scripts/report}.
 *
 * <p>Implementation notes. Every command first reads and checks all of its inputs, and only then
 * writes, each output under a temporary name renamed at the end ({@link AtomicOutput}): a bad
 * input never leaves a partial report. Exit codes: 0 done; 2 bad input or bad usage (the message
 * names the file, line and column, or lists what is valid); 1 anything else (a bug, a full disk).
 * AWT runs headless: the charts are drawn into images, never onto a screen, and a machine
 * without a display must work.
 */
@Command(name = "reports", mixinStandardHelpOptions = true, version = "smrlab reports 0.1",
        description = "Compares, plots and reports JMH results of the smrlab lab (bare -rf csv/json files or run folders).",
        subcommands = {ReportsMain.Compare.class, ReportsMain.Summarize.class, ReportsMain.Plot.class, ReportsMain.Html.class,
            ReportsMain.Merge.class, ReportsMain.CheckSmoke.class, ReportsMain.Catalogue.class},
        synopsisSubcommandLabel = "(compare | summary | plot | html | merge | check-smoke | catalogue)")
public final class ReportsMain implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("reports: name a command: compare, summary, plot, html, merge, check-smoke or catalogue");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs a command line; what main does, minus the exit (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        System.setProperty("java.awt.headless", "true");
        CommandLine cl = new CommandLine(new ReportsMain());
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, arguments) -> {
            CommandLine c = ex.getCommandLine();
            err.println("reports: " + ex.getMessage());
            if (ex instanceof CommandLine.UnmatchedArgumentException && c.getParent() == null) {
                err.println("commands: " + String.join(", ", c.getSubcommands().keySet()));
            } else {
                err.println("options of " + c.getCommandSpec().qualifiedName() + ": " + c.getCommandSpec().options().stream()
                        .map(o -> o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : ""))
                        .collect(Collectors.joining(", ")));
            }
            err.println("see: " + c.getCommandSpec().qualifiedName() + " --help");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof InputException) {
                err.println("reports: " + ex.getMessage());
                return BAD_INPUT;
            }
            err.println("reports: failed: " + ex);
            ex.printStackTrace(err);
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    static List<Run> load(List<Path> paths, PrintWriter err) {
        List<RunInput> inputs = new ArrayList<>();
        for (Path p : paths) {
            inputs.add(RunLoader.load(p));
        }
        inputs.forEach(i -> i.notes().forEach(n -> err.println("reports: note: " + n)));
        return RunLoader.group(inputs);
    }

    static void checkMetric(List<Run> runs, String metric) {
        List<String> available = MetricValues.available(runs);
        if (!available.contains(metric)) {
            throw InputException.usage("--metric " + metric + ": no trial has it; available: " + String.join(", ", available));
        }
    }

    static void checkBaseline(List<Comparison.Table> tables, String baseline) {
        Set<String> names = Comparison.baselineCandidates(tables);
        if (!names.contains(baseline)) {
            throw InputException.usage("--baseline " + baseline + ": no such engine or floor in these results; valid: "
                    + String.join(", ", names));
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Engines side by side: per benchmark and parameter set, score ± error and the ratio to a "
                    + "baseline, with a mark where the intervals overlap. Markdown to stdout."})
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or JMH result files (.csv, .json)")
        List<Path> runs;

        @Option(names = "--baseline", paramLabel = "ENGINE",
                description = "engine name, engine label or floor method to divide by (default: gus)")
        String baseline;

        @Option(names = "--metric", paramLabel = "M", defaultValue = MetricValues.PRIMARY,
                description = "primary (default) or a secondary label such as smr.r2f.p99")
        String metric;

        @Option(names = "--csv", paramLabel = "FILE", description = "also write the tables as CSV, one line per cell")
        Path csv;

        @Override
        public Integer call() throws IOException {
            List<Run> loaded = load(runs, spec.commandLine().getErr());
            checkMetric(loaded, metric);
            String base = baseline == null ? Comparison.DEFAULT_BASELINE : baseline;
            List<Comparison.Table> tables = Comparison.build(loaded, metric, base);
            if (baseline != null) {
                checkBaseline(tables, baseline);
            }
            String markdown = CompareReport.markdown(loaded, tables, metric, base);
            if (csv != null) {
                AtomicOutput.writeFile(csv, CompareReport.csv(tables, base).getBytes(StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().print(markdown);
            return 0;
        }
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = {"The README's results, per run: floors, one row per engine (read, protect, lookup, retire, "
                    + "advance, r2f p99, pending peak, stall), checked mode, and the goals with their verdicts. Markdown to stdout."})
    static final class Summarize implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or JMH result files (.csv, .json)")
        List<Path> runs;

        @Option(names = "--floor", paramLabel = "METHOD",
                description = "floor method the ×floor columns divide by (default: the store + full fence floor the goals divide by)")
        String floor;

        @Option(names = "--csv", paramLabel = "FILE", description = "also write every figure, ratio and verdict as CSV, one per line")
        Path csv;

        @Override
        public Integer call() throws IOException {
            List<Run> loaded = load(runs, spec.commandLine().getErr());
            if (floor != null) {
                Set<String> floors = Summary.floorsIn(loaded);
                if (!floors.contains(floor)) {
                    throw InputException.usage("--floor " + floor + ": no such floor (ReadSideBench method without an engine, "
                            + "1 thread) in these results; valid: " + (floors.isEmpty() ? "none" : String.join(", ", floors)));
                }
            }
            List<Summary.RunSummary> summaries = Summary.of(loaded, floor == null ? Summary.DEFAULT_FLOOR : floor);
            String markdown = SummaryReport.markdown(summaries);
            if (csv != null) {
                AtomicOutput.writeFile(csv, SummaryCsv.csv(summaries).getBytes(StandardCharsets.UTF_8));
            }
            spec.commandLine().getOut().print(markdown);
            return 0;
        }
    }

    @Command(name = "plot", mixinStandardHelpOptions = true,
            description = "Charts as PNG and SVG: latency against memory, read/write-side bars, throughput against "
                    + "threads, pending over time.")
    static final class Plot implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or JMH result files (.csv, .json)")
        List<Path> runs;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write (replaced if reports wrote it)")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<Run> loaded = load(runs, spec.commandLine().getErr());
            List<Charts.Plot> plots = Charts.build(loaded);
            AtomicOutput.writeFolder(out, true, dir -> ChartFiles.write(plots, dir));
            spec.commandLine().getOut().println("plots: " + plots.size() + " charts (PNG and SVG) in " + out);
            return 0;
        }
    }

    @Command(name = "html", mixinStandardHelpOptions = true,
            description = "One self-contained HTML page: the summary, run metadata, comparison tables, every chart; opens offline.")
    static final class Html implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run folders or JMH result files (.csv, .json)")
        List<Path> runs;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder to write (replaced if reports wrote it)")
        Path out;

        @Option(names = "--baseline", paramLabel = "ENGINE", description = "engine or floor for the ratios (default: gus)")
        String baseline;

        @Option(names = "--inline", description = "embed the images in index.html (one file) instead of plots/ beside it")
        boolean inline;

        @Override
        public Integer call() throws IOException {
            List<Run> loaded = load(runs, spec.commandLine().getErr());
            String base = baseline == null ? Comparison.DEFAULT_BASELINE : baseline;
            if (baseline != null) {
                checkBaseline(Comparison.build(loaded, MetricValues.PRIMARY, base), baseline);
            }
            AtomicOutput.writeFolder(out, true, dir -> HtmlReport.write(dir, loaded, base, inline));
            spec.commandLine().getOut().println("report: " + out.resolve(HtmlReport.INDEX));
            return 0;
        }
    }

    @Command(name = "merge", mixinStandardHelpOptions = true,
            description = "Combine the shards of one profile into one run folder.")
    static final class Merge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "RUN", description = "the run folders of all shards")
        List<Path> runs;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "the merged run folder (must not exist)")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<RunInput> inputs = new ArrayList<>();
            for (Path p : runs) {
                inputs.add(RunLoader.load(p));
            }
            List<RunInput> shards = Merger.check(inputs);
            AtomicOutput.writeFolder(out, false, dir -> Merger.write(shards, dir));
            spec.commandLine().getOut().println("merged " + shards.size() + " shards of '" + RunLoader.baseLabel(shards.get(0))
                    + "' into " + out);
            return 0;
        }
    }

    @Command(name = "check-smoke", mixinStandardHelpOptions = true,
            description = {"The CI check of a smoke run: every engine of the run's catalogue that is not unsafe by design is "
                    + "present, each with every metric the SMR profiler emits, and no use-after-free where the catalogue "
                    + "says there must be none. Exit 0 pass, 1 fail, 2 bad input."})
    static final class CheckSmoke implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1", paramLabel = "RUN", description = "a run folder, or a folder holding runs (its newest complete smoke run)")
        Path path;

        @Override
        public Integer call() throws IOException {
            Path run = SmokeCheck.locate(path);
            List<Run> loaded = load(List.of(run), spec.commandLine().getErr());
            List<String> problems = SmokeCheck.check(loaded.get(0));
            if (problems.isEmpty()) {
                spec.commandLine().getOut().println("check-smoke: OK: " + run + ": every engine present, every SMR metric "
                        + "present, no use-after-free");
                return 0;
            }
            spec.commandLine().getErr().println("check-smoke: FAILED: " + run);
            problems.forEach(p -> spec.commandLine().getErr().println("  - " + p));
            return 1;
        }
    }

    @Command(name = "catalogue", mixinStandardHelpOptions = true,
            description = "The metric catalogue and the goal table (run-format), as Markdown: what docs/architecture.md shows.")
    static final class Catalogue implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(CatalogueReport.markdown());
            return 0;
        }
    }
}
