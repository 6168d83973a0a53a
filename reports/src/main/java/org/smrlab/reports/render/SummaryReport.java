package org.smrlab.reports.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.smrlab.reports.analysis.Capacity;
import org.smrlab.reports.analysis.Growth;
import org.smrlab.reports.analysis.Summary;
import org.smrlab.reports.analysis.WorkloadRatios;
import org.smrlab.reports.analysis.WorkloadSeries;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunInfo;
import org.smrlab.run.Workload;

/**
 * Renders {@link Summary} as Markdown (stdout of {@code reports summary}, pasted into the README),
 * as an HTML fragment (the first section of the HTML report) and as long-format CSV (one figure
 * per line). Markdown and HTML are drawn from one list of blocks, so they say the same thing.
 *
 * <p>Number formats. A score is shown as JMH gives it, with its error: the error to two
 * significant digits, the score to at least three and to the error's last digit
 * ({@code 3.03 ± 0.12}, {@code 251000000 ± ?} where the error is unknown). Ratios have three
 * significant digits; r2f p99 is in µs with three; node counts are whole numbers. A missing
 * figure is "—".
 */
public final class SummaryReport {

    static final String MISSING = "—";
    /** The engine table's columns of ratios to the run's floor. */
    static final String FLOOR_COLUMN = "×floor";

    static final String LEGEND = "One section per run: figures and ratios never mix runs. Scores are JMH's, ± its 99.9% "
            + "error (± ?: unknown); — : not in the run.";

    static final String COLUMNS = "Columns: read = ReadSideBench.emptySection, protect = .protectSection, lookup = "
            + ".lookupSection, retire = WriteSideBench.retire (amortized over a batch), advance = WriteSideBench.advance "
            + "(engines with a write side only): 1 thread, the engine's default batch, ns/op; ×floor = that score ÷ the "
            + "run's floor named under the table (by default the store + full fence the goals divide by). r2f p99 "
            + "(retire→free latency, µs) and pending peak (nodes retired, not yet freed) "
            + "come from ReclamationBench.mixed; stall is smr.pending.peak of StallBench.writer behind a stalled reader, "
            + "\"unbounded\" where smr.unbounded = 1 (the cap on pending nodes ended the trial's growth), else \"growing\" or "
            + "\"bounded\" by the growth rule (see the workloads' table) where the run measured the slope. Goals divide two "
            + "figures of one run; [low, high] is the ratio's interval from both errors, and \"within error\" means the "
            + "goal's bound lies inside it.";

    private SummaryReport() {
    }

    // ------------------------------------------------------------------ blocks

    sealed interface Block permits Heading, Para, Bullets, Table {
    }

    record Heading(String text) implements Block {
    }

    record Para(String text) implements Block {
    }

    record Bullets(List<String> items) implements Block {
    }

    /** A table; {@code text} marks the columns that are words (left-aligned), {@code verdict} the verdict column or -1. */
    record Table(String caption, List<String> header, List<List<String>> rows, int textColumns, int verdict, boolean inline)
            implements Block {
    }

    /**
     * The summary of one run. {@code compact} (the HTML page, where the charts must stay near the
     * top): goals with no figure in the run are one line instead of one row each.
     */
    static List<Block> blocks(Summary.RunSummary s, boolean compact) {
        List<Block> b = new ArrayList<>();
        b.add(new Heading(s.run().label()));
        b.add(new Para(machineLine(s.run())));
        if (s.isEmpty()) {
            b.add(new Para("No figure of the summary in this run (it holds none of ReadSideBench, WriteSideBench.retire, "
                    + "ReclamationBench.mixed or StallBench.writer)."));
            if (!s.notes().isEmpty()) {
                b.add(new Bullets(s.notes()));
            }
            return b;
        }
        if (!s.floors().isEmpty()) { // a run without floors (the workloads profile) says so under the engine table
            b.add(floors(s));
        }
        if (!s.engines().isEmpty()) {
            b.add(engines(s));
            b.add(new Bullets(engineLines(s)));
        }
        if (!s.workloads().isEmpty()) {
            b.add(workloads(s));
            b.add(new Bullets(List.of(WORKLOADS)));
        }
        if (!compact) { // the HTML page draws these as charts; the Markdown gives the ratios a note quotes
            List<WorkloadRatios.Table> ratios = WorkloadRatios.of(s.run());
            if (!ratios.isEmpty()) {
                b.add(new Heading(s.run().label() + ": the workloads as ratios between engines"));
                b.add(new Para(RATIOS));
                ratios.forEach(t -> b.add(ratioTable(s.run(), t)));
            }
        }
        if (!s.checked().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            for (Summary.CheckedRow c : s.checked()) {
                rows.add(List.of(c.engine(), score(c.plain().value()), score(c.checked().value()), ratio(c.ratio())));
            }
            b.add(new Table("Checked mode (ReadSideBench.emptySection, 1 thread, ns/op)",
                    List.of("engine", "plain", "checked=true", "checked ÷ plain"), rows, 1, -1, true));
        }
        if (!s.goals().isEmpty()) {
            List<List<String>> rows = new ArrayList<>();
            List<String> folded = new ArrayList<>();
            for (Summary.GoalResult g : s.goals()) {
                if (compact && notMeasured(g)) {
                    folded.add(shortName(g));
                } else {
                    rows.add(List.of(g.text(), measured(g), verdict(g)));
                }
            }
            if (!rows.isEmpty()) {
                b.add(new Table("Goals (ratios within this run)", List.of("goal", "measured", "verdict"), rows, 3, 2, false));
            }
            if (!folded.isEmpty()) {
                b.add(new Para("Goals not measured in this run (n/a): " + String.join(" · ", folded) + "."));
            }
        }
        if (!s.notes().isEmpty()) {
            b.add(new Bullets(s.notes()));
        }
        return b;
    }

    static String machineLine(Run run) {
        RunInfo info = run.info();
        List<String> parts = new ArrayList<>();
        String jdk = run.jdkVersion();
        RunInfo.Jvm jvm = run.jvm();
        String jdkMore = jvm == null ? null : join(", ", jvm.vendor(), jvm.vm(), info == null ? jvm.vmVersion() : null);
        parts.add("JDK " + (jdk == null ? MISSING : jdk) + (jdkMore == null ? "" : " (" + jdkMore + ")"));
        RunInfo.Machine machine = info == null ? null : info.machine();
        parts.add("CPU " + (machine == null || machine.cpu() == null ? MISSING : machine.cpu()));
        parts.add((machine == null || machine.cores() == null ? MISSING : String.valueOf(machine.cores())) + " cores");
        String membarrier;
        if (info == null || info.membarrier() == null || info.membarrier().available() == null) {
            membarrier = MISSING;
        } else {
            membarrier = (info.membarrier().available() ? "available" : "not available")
                    + (info.membarrier().status() == null ? "" : " (" + info.membarrier().status() + ")");
        }
        parts.add("membarrier " + membarrier);
        parts.add("read from " + run.sources());
        if (info == null) {
            parts.add(jvm == null ? "a bare CSV file says nothing of the JVM or machine"
                    : "a bare JSON file names the JVM, not the machine");
        } else if (info.git() != null && info.git().commit() != null) {
            parts.add("commit " + info.git().commit());
        }
        return String.join(" · ", parts);
    }

    private static Table floors(Summary.RunSummary s) {
        List<String> header = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (Summary.Floor f : s.floors()) {
            header.add(f.name());
            row.add(figure(f.figure()));
        }
        return new Table("Floors (no engine, 1 thread, ns/op, cheapest first)", header, List.of(row), 0, -1, true);
    }

    /** The floor's figure, or null when the run lacks it. */
    static Summary.Figure floorFigure(Summary.RunSummary s) {
        return s.floor() == null ? null : s.floor().figure();
    }

    private static Table engines(Summary.RunSummary s) {
        String x = FLOOR_COLUMN;
        Summary.Figure floor = floorFigure(s);
        List<List<String>> rows = new ArrayList<>();
        for (Summary.EngineRow r : s.engines()) {
            rows.add(List.of(r.engine(),
                    figure(r.read()), timesFloor(r.read(), floor),
                    figure(r.protect()), timesFloor(r.protect(), floor),
                    figure(r.lookup()),
                    figure(r.retire()), timesFloor(r.retire(), floor),
                    figure(r.advance()),
                    micros(r.r2f()), nodes(r.pendingPeak()), stall(r)));
        }
        return new Table("Engines (ns/op unless stated)", List.of("engine", "read", x, "protect", x, "lookup", "retire", x,
                "advance", "r2f p99 (µs)", "pending peak", "stall"), rows, 1, -1, false);
    }

    /** Under the engine table: the floor divided by, the trials chosen, where r2f came from. */
    private static List<String> engineLines(Summary.RunSummary s) {
        List<String> lines = new ArrayList<>();
        Summary.Floor floor = s.floor();
        lines.add(FLOOR_COLUMN + " = score ÷ " + s.floorMethod() + (floor == null || floor.words() == null ? "" : " (" + floor.words() + ")")
                + ", 1 thread: " + (floor == null ? "not in this run, no ratios"
                : score(floor.figure().value()) + " " + floor.figure().value().unit()));
        lines.addAll(s.engineNotes());
        return lines;
    }

    /** "gus 1.10 [1.00, 1.21] met · ebr —": each ratio with its interval (and verdict, when there are several). */
    static String measured(Summary.GoalResult g) {
        if (notMeasured(g) || g.checks().stream().allMatch(c -> c.kind() == Summary.Kind.NOT_APPLICABLE)
                && g.checks().stream().map(Summary.Check::reason).distinct().count() == 1) {
            return MISSING;
        }
        List<String> parts = new ArrayList<>();
        for (Summary.Check c : g.checks()) {
            StringBuilder sb = new StringBuilder(c.label()).append(' ');
            if (c.kind() == Summary.Kind.NOT_APPLICABLE) {
                sb.append("n/a (").append(c.reason()).append(')');
            } else if (c.kind() == Summary.Kind.MISSING) {
                sb.append(MISSING);
            } else {
                sb.append(ratio(c.ratio()));
                if (c.ratio().intervalKnown()) {
                    sb.append(" [").append(Numbers.sig(c.ratio().low(), 3)).append(", ").append(Numbers.sig(c.ratio().high(), 3))
                            .append(']');
                } else {
                    sb.append(" (").append(c.reason()).append(')');
                }
                if (g.checks().size() > 1) {
                    sb.append(' ').append(c.verdict().words());
                }
            }
            parts.add(sb.toString());
        }
        return String.join(" · ", parts);
    }

    /** No figure of the goal is in the run. */
    static boolean notMeasured(Summary.GoalResult g) {
        return g.checks().stream().allMatch(c -> c.kind() == Summary.Kind.MISSING);
    }

    /** Goals by a few words (the goal table's), for the HTML's line of goals a run did not measure. */
    static String shortName(Summary.GoalResult g) {
        return g.goal().shortName();
    }

    public static String verdict(Summary.GoalResult g) {
        return g.verdict() == Summary.Verdict.NA && g.reason() != null ? "n/a: " + g.reason() : g.verdict().words();
    }

    // ------------------------------------------------------------------ numbers

    static String figure(Summary.Figure f) {
        return f == null ? MISSING : score(f.value());
    }

    /** "3.03 ± 0.12", "3.03 ± ?"; the unit appended when it is not ns/op. */
    static String score(Measurement m) {
        if (!Double.isFinite(m.score())) {
            return MISSING;
        }
        String s = scoreWithError(m.score(), m.error());
        return m.unit().equals("ns/op") ? s : s + " " + m.unit();
    }

    public static String scoreWithError(double score, double error) {
        int scale = scaleFor(score, 3);
        if (!Double.isFinite(error)) {
            return plain(score, scale) + " ± ?";
        }
        if (error == 0) {
            return plain(score, scale) + " ± 0";
        }
        int errorScale = scaleFor(error, 2);
        return plain(score, Math.max(scale, errorScale)) + " ± " + plain(error, errorScale);
    }

    /** Digits after the point that {@code v} needs for {@code digits} significant digits (negative: round to tens...). */
    private static int scaleFor(double v, int digits) {
        if (v == 0) {
            return digits - 1;
        }
        BigDecimal d = new BigDecimal(Math.abs(v)).round(new MathContext(digits, RoundingMode.HALF_EVEN));
        int magnitude = d.precision() - d.scale() - 1;
        return digits - 1 - magnitude;
    }

    private static String plain(double v, int scale) {
        return new BigDecimal(v).setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
    }

    static String ratio(Summary.Quotient r) {
        return r == null ? MISSING : Numbers.sig(r.value(), 3);
    }

    static String timesFloor(Summary.Figure f, Summary.Figure floor) {
        return f == null || floor == null ? MISSING : ratio(Summary.Quotient.of(f.value(), floor.value()));
    }

    /** ns → µs, 3 significant digits; other units as they are. */
    static String micros(Summary.Figure f) {
        if (f == null || !Double.isFinite(f.value().score())) {
            return MISSING;
        }
        Measurement m = f.value();
        return m.unit().equals("ns") ? Numbers.sig(m.score() / 1000, 3) : Numbers.sig(m.score(), 3) + " " + m.unit();
    }

    static String nodes(Summary.Figure f) {
        if (f == null || !Double.isFinite(f.value().score())) {
            return MISSING;
        }
        double v = f.value().score();
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Numbers.sig(v, 4);
    }

    /** The stall's peak, then "unbounded" where the cap was hit, else the growth verdict where it is known. */
    static String stall(Summary.EngineRow r) {
        if (r.stallPeak() == null && r.stallUnbounded() == null) {
            return MISSING;
        }
        String verdict = r.unbounded() ? " unbounded"
                : r.stallGrowth() == null || r.stallGrowth().kind() == Growth.Kind.UNKNOWN ? "" : " " + r.stallGrowth().kind().words();
        return nodes(r.stallPeak()) + verdict;
    }

    /** The workloads' verdicts: growth behind the stalled reader, in the long runs, and reclaim capacity. */
    private static Table workloads(Summary.RunSummary s) {
        List<List<String>> rows = new ArrayList<>();
        for (Summary.WorkloadRow w : s.workloads()) {
            rows.add(List.of(w.engine(),
                    w.stall() == null ? MISSING : w.stall().words(),
                    w.longRuns().isEmpty() ? MISSING : String.join("; ", w.longRuns().entrySet().stream()
                            .map(e -> e.getKey() + ": " + (e.getValue().growing() ? "falling behind" : e.getValue().kind()
                                    == Growth.Kind.BOUNDED ? "keeps up" : e.getValue().kind().words())
                                    + (e.getValue().kind() == Growth.Kind.UNKNOWN ? "" : " (" + Growth.slopeWords(e.getValue().slope()) + ")"))
                            .toList()),
                    w.capacity() == null ? MISSING : w.capacity().words()));
        }
        return new Table("Growth and capacity (the workloads' verdicts)", List.of("engine", "stall: pending growth",
                "long runs, no stalled reader", "reclaim capacity"), rows, 4, -1, false);
    }

    static final String RATIOS = "One table per workload chart, titled as the chart (workload, figure, benchmark, fixed parameters). The reference engine's "
            + "row gives its figures (± JMH's 99.9% error); every other row divides that engine's figure by the reference's "
            + "at the same swept value, with [low, high] from both errors: an interval that holds 1 is no difference. "
            + "Whether higher or lower is better is the chart's: a throughput (packets/s) is better higher, a cost or a "
            + "count of nodes lower.";

    /** One workload chart's ratios: the reference's figures, then each engine ÷ the reference at each swept value. */
    static Table ratioTable(Run run, WorkloadRatios.Table t) {
        WorkloadSeries.Panel p = t.panel();
        Workload w = p.workload();
        String unit = t.figures().get(t.reference()).values().stream().findFirst().map(f -> f.value().unit()).orElse("");
        List<String> header = new ArrayList<>();
        header.add("engine");
        for (String x : t.xs()) {
            header.add(w.sweepWords() + " " + x);
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(valueRow(t.reference() + " (" + unit + ")", t.figures().get(t.reference()), t.xs()));
        if (t.valuesOnly()) { // a figure at or below 0 somewhere: each engine's own values, no ratios
            t.figures().forEach((engine, byX) -> {
                if (!engine.equals(t.reference())) {
                    rows.add(valueRow(engine + " (" + unit + ", not divided: the figure crosses 0)", byX, t.xs()));
                }
            });
        }
        t.ratios().forEach((engine, byX) -> {
            List<String> row = new ArrayList<>();
            row.add(engine + " ÷ " + t.reference());
            for (String x : t.xs()) {
                row.add(interval(byX.get(x)));
            }
            rows.add(row);
        });
        return new Table(WorkloadCharts.title(p, run, false), header, rows, 1, -1, false);
    }

    /** A row of one engine's own figures ("3.03 ± 0.12"), one cell per swept value. */
    private static List<String> valueRow(String label, java.util.Map<String, Summary.Figure> byX, List<String> xs) {
        List<String> row = new ArrayList<>();
        row.add(label);
        for (String x : xs) {
            Summary.Figure f = byX.get(x);
            row.add(f == null || !Double.isFinite(f.value().score()) ? MISSING : scoreWithError(f.value().score(), f.value().error()));
        }
        return row;
    }

    /** "1.48 [1.21, 1.80]", "1.48" when an error is unknown, "—" when there is no ratio. */
    static String interval(Summary.Quotient q) {
        if (q == null) {
            return MISSING;
        }
        if (!q.intervalKnown()) {
            return Numbers.sig(q.value(), 3);
        }
        return Numbers.sig(q.value(), 3) + " [" + Numbers.sig(q.low(), 3) + ", "
                + (Double.isInfinite(q.high()) ? "∞" : Numbers.sig(q.high(), 3)) + "]";
    }

    static final String WORKLOADS = "Growth: pending is growing when the rise its fitted slope (smr.pending.slope) makes over "
            + "one iteration is at least " + Numbers.sig(Growth.FRACTION, 2) + " of the trial's peak and more than "
            + (long) Growth.SLACK + " nodes; the stall verdict reads StallBench.writer (the stall column's trial), a long "
            + "run that is growing is falling behind (LongRunBench.mixed, one uninterrupted iteration). Capacity: the "
            + "shortest interval between retires RetireRateBench.writer kept within " + Numbers.sig(100 * Capacity.TOLERANCE, 2)
            + "% with pending bounded, as a rate.";

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? null : String.join(separator, present);
    }

    // ------------------------------------------------------------------ Markdown

    public static String markdown(List<Summary.RunSummary> summaries) {
        StringBuilder md = new StringBuilder("# smrlab summary\n\n").append(LEGEND).append("\n\n").append(COLUMNS).append('\n');
        for (Summary.RunSummary s : summaries) {
            for (Block block : blocks(s, false)) {
                md.append('\n');
                if (block instanceof Heading h) {
                    md.append("## ").append(h.text()).append('\n');
                } else if (block instanceof Para p) {
                    md.append(p.text()).append('\n');
                } else if (block instanceof Bullets l) {
                    l.items().forEach(i -> md.append("- ").append(i).append('\n'));
                } else if (block instanceof Table t) {
                    md.append(markdownTable(t));
                }
            }
        }
        return md.toString();
    }

    private static String markdownTable(Table t) {
        StringBuilder md = new StringBuilder("**").append(t.caption()).append("**\n\n|");
        StringBuilder rule = new StringBuilder("|");
        for (int i = 0; i < t.header().size(); i++) {
            md.append(' ').append(CompareReport.esc(t.header().get(i))).append(" |");
            rule.append(i < t.textColumns() ? "---|" : "---:|");
        }
        md.append('\n').append(rule).append('\n');
        for (List<String> row : t.rows()) {
            md.append('|');
            row.forEach(c -> md.append(' ').append(CompareReport.esc(c)).append(" |"));
            md.append('\n');
        }
        return md.toString();
    }

    // ------------------------------------------------------------------ HTML

    /** The summary as the first section of index.html (styles in {@link #CSS}). */
    public static String html(List<Summary.RunSummary> summaries) {
        StringBuilder h = new StringBuilder("<h2 id=\"summary\">Summary</h2>\n<p class=\"how\">")
                .append(HtmlReport.esc(LEGEND)).append(' ').append(HtmlReport.esc(COLUMNS)).append("</p>\n");
        for (Summary.RunSummary s : summaries) {
            h.append("<div class=\"summary\">\n");
            for (Block block : blocks(s, true)) {
                if (block instanceof Heading x) {
                    h.append("<h3>").append(HtmlReport.esc(x.text())).append("</h3>\n");
                } else if (block instanceof Para p) {
                    h.append("<p class=\"meta\">").append(HtmlReport.esc(p.text())).append("</p>\n");
                } else if (block instanceof Bullets l) {
                    h.append("<ul class=\"note\">");
                    l.items().forEach(i -> h.append("<li>").append(HtmlReport.esc(i)).append("</li>"));
                    h.append("</ul>\n");
                } else if (block instanceof Table t) {
                    h.append(htmlTable(t));
                }
            }
            h.append("</div>\n");
        }
        return h.toString();
    }

    private static String htmlTable(Table t) {
        StringBuilder h = new StringBuilder("<table class=\"sum").append(t.inline() ? " inline" : "").append("\">\n<caption>")
                .append(HtmlReport.esc(t.caption())).append("</caption>\n<tr>");
        t.header().forEach(c -> h.append("<th>").append(HtmlReport.esc(c)).append("</th>"));
        h.append("</tr>\n");
        for (List<String> row : t.rows()) {
            h.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String cls = i == t.verdict() ? "verdict " + verdictClass(row.get(i)) : i < t.textColumns() ? "" : "num";
                h.append(i == 0 && t.textColumns() > 0 ? "<th" : "<td").append(cls.isEmpty() ? "" : " class=\"" + cls + "\"")
                        .append('>').append(HtmlReport.esc(row.get(i))).append(i == 0 && t.textColumns() > 0 ? "</th>" : "</td>");
            }
            h.append("</tr>\n");
        }
        return h.append("</table>\n").toString();
    }

    private static String verdictClass(String verdict) {
        return verdict.startsWith("not met") ? "notmet" : verdict.startsWith("met") ? "met"
                : verdict.startsWith("within") ? "within" : "na";
    }

    static final String CSS = """
            .summary h3 { margin: 1em 0 0.2em; }
            .summary p.meta { margin: 0.2em 0; font-size: 0.9em; }
            table.sum { font-size: 0.82em; margin: 0.4em 1.2em 0.4em 0; }
            table.sum.inline { display: inline-table; vertical-align: top; }
            table.sum th, table.sum td { padding: 0.1em 0.45em; }
            table.sum caption { font-size: 1.05em; white-space: nowrap; }
            .summary ul.note { font-size: 0.8em; margin: 0.2em 0 0.6em; padding-left: 1.4em; }
            td.verdict { white-space: nowrap; font-weight: bold; }
            td.met { color: #176117; } td.notmet { color: #b00020; } td.within { color: #8a5a00; } td.na { color: #777; font-weight: normal; }
            """;
}
