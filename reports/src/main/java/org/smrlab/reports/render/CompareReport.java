package org.smrlab.reports.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.smrlab.reports.analysis.Alerts;
import org.smrlab.reports.analysis.Comparison;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.run.RunInfo;

/**
 * Renders comparison tables as Markdown (for stdout, a terminal or a pull request) and as a
 * long-format CSV (one line per cell, for spreadsheets and scripts).
 */
public final class CompareReport {

    static final String LEGEND = "Marks: **≈** the 99.9% intervals (score ± error) of the row and the baseline overlap: "
            + "no difference claimed · **?** an error is unknown (one sample, a maximum, or a pooled percentile): "
            + "no claim either way · **base** the baseline row · no mark: the intervals are apart.";

    private CompareReport() {
    }

    public static String metricTitle(String metric) {
        return MetricValues.isPrimary(metric) ? "primary score" : metric;
    }

    public static String markdown(List<Run> runs, List<Comparison.Table> tables, String metric, String baseline) {
        StringBuilder md = new StringBuilder();
        md.append("# smrlab comparison: ").append(metricTitle(metric)).append("\n\n");
        md.append("Baseline `").append(baseline).append("`: ratio = score ÷ baseline score, within one run, for the same")
                .append(" benchmark, mode, threads and parameters.\n").append(LEGEND).append("\n\n");
        md.append("## Runs\n\n| run | profile | shards | machine | JDK | read from |\n|---|---|---|---|---|---|\n");
        for (Run run : runs) {
            RunInfo info = run.info();
            md.append("| ").append(esc(run.label()))
                    .append(" | ").append(esc(info == null ? "—" : orDash(info.profile())))
                    .append(" | ").append(run.shards())
                    .append(" | ").append(esc(info == null ? "—" : orDash(info.machineLine())))
                    .append(" | ").append(esc(orDash(run.jdkVersion())))
                    .append(" | ").append(esc(run.sources())).append(" |\n");
        }
        List<String> alerts = Alerts.of(runs);
        if (!alerts.isEmpty()) {
            md.append("\n## Alerts\n\n");
            alerts.forEach(a -> md.append("- **").append(esc(a)).append("**\n"));
        }
        List<String> notes = runs.stream().flatMap(r -> r.notes().stream()).toList();
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(n -> md.append("- ").append(esc(n)).append('\n'));
        }
        if (tables.isEmpty()) {
            md.append("\nNo trial has the metric ").append(metricTitle(metric)).append(".\n");
        }
        for (Comparison.Table table : tables) {
            md.append('\n').append(tableMarkdown(table));
        }
        return md.toString();
    }

    static String tableMarkdown(Comparison.Table table) {
        StringBuilder md = new StringBuilder();
        String unit = table.unit();
        md.append("## ").append(esc(table.key().describe())).append(unit == null ? "" : " (" + esc(unit) + ")").append("\n\n");
        boolean sources = !MetricValues.isPrimary(table.metric());
        StringBuilder header = new StringBuilder("| ").append(rowHeading(table));
        StringBuilder rule = new StringBuilder("|---");
        for (Run run : table.runs()) {
            header.append(" | ").append(esc(run.label())).append(" | ratio");
            rule.append("|---:|---:");
            if (sources) {
                header.append(" | source");
                rule.append("|---");
            }
        }
        md.append(header).append(" |\n").append(rule).append("|\n");
        for (Comparison.Row row : table.rows()) {
            md.append("| ").append(esc(row.floor() ? row.label() + " (floor)" : row.label()));
            for (Run run : table.runs()) {
                var cell = table.cell(row, run);
                md.append(" | ").append(cell.map(c -> esc(value(c.value(), unit == null))).orElse(""));
                md.append(" | ").append(cell.map(CompareReport::ratio).orElse(""));
                if (sources) {
                    md.append(" | ").append(cell.map(c -> source(c.value())).orElse(""));
                }
            }
            md.append(" |\n");
        }
        table.baselineNotes().forEach((run, note) -> md.append("\n").append(esc(run.label())).append(": ").append(esc(note)).append('\n'));
        return md.toString();
    }

    static String rowHeading(Comparison.Table table) {
        return table.rows().stream().allMatch(Comparison.Row::floor) ? "benchmark" : "engine";
    }

    /** "20.58 ± 181.7", "1029 ± ?" (error unknown), with the unit when the table has none. */
    public static String value(Measurement m, boolean withUnit) {
        String s = Numbers.sig(m.score(), 4) + " ± " + (m.errorKnown() ? Numbers.sig(m.error(), 4) : "?");
        return withUnit ? s + " " + m.unit() : s;
    }

    /** "1.00 base", "0.912 ≈", "2.10", "1.05 ?", "—" when there is no ratio. */
    public static String ratio(Comparison.Cell c) {
        if (Double.isNaN(c.ratio())) {
            return "—";
        }
        String mark = c.mark().symbol();
        return Numbers.sig(c.ratio(), 3) + (mark.isEmpty() ? "" : " " + mark);
    }

    public static String source(Measurement m) {
        return m.source() == Measurement.Source.POOLED_HLOG
                ? "pooled from " + m.samples() + " .hlog interval" + (m.samples() == 1 ? "" : "s")
                : m.source().words() + " (aggregate of " + m.samples() + " samples)";
    }

    public static String csv(List<Comparison.Table> tables, String baseline) {
        List<String> lines = new ArrayList<>();
        lines.add("run,benchmark,mode,threads,params,row,kind,metric,score,error,unit,source,samples,baseline,ratio,mark");
        for (Comparison.Table t : tables) {
            for (Comparison.Row row : t.rows()) {
                for (Run run : t.runs()) {
                    t.cell(row, run).ifPresent(c -> lines.add(csvLine(
                            run.label(), t.key().benchmark(), t.key().mode(),
                            String.valueOf(t.key().threads()), TrialKey.joinParams(t.key().params(), ";"),
                            row.label(), row.floor() ? "floor" : "engine", metricTitle(t.metric()),
                            number(c.value().score()), number(c.value().error()), c.value().unit(),
                            c.value().source().words(), String.valueOf(c.value().samples()),
                            c.mark() == Comparison.Mark.NO_BASELINE ? "" : baseline,
                            number(c.ratio()), c.mark().word())));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v);
    }

    /** One CSV line of these fields, quoted where they need it (commons-csv's RFC 4180 format). */
    static String csvLine(String... fields) {
        return CSVFormat.DEFAULT.format((Object[]) fields);
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }

    /** Escapes what would break a Markdown table cell. */
    static String esc(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
