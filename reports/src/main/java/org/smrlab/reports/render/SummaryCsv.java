package org.smrlab.reports.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.smrlab.reports.analysis.Summary;
import org.smrlab.reports.analysis.WorkloadRatios;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.run.Metrics;

/**
 * The {@link Summary} as long-format CSV ({@code reports summary --csv}): one figure, ratio or
 * verdict per line, with the trial it was read from, for spreadsheets and scripts.
 */
public final class SummaryCsv {

    private SummaryCsv() {
    }

    public static String csv(List<Summary.RunSummary> summaries) {
        List<String> lines = new ArrayList<>();
        lines.add("run,section,row,column,benchmark,threads,params,score,error,unit,source,ratio,ratio_low,ratio_high,verdict,note");
        for (Summary.RunSummary s : summaries) {
            String run = s.run().label();
            Summary.Figure floor = SummaryReport.floorFigure(s);
            s.floors().forEach(f -> lines.add(line(run, "floor", f.method(), "score", f.figure(), null, "", "")));
            for (Summary.EngineRow r : s.engines()) {
                String per = "ratio = score ÷ " + s.floorMethod();
                lines.add(line(run, "engine", r.engine(), "read", r.read(), ratioTo(r.read(), floor), "", per));
                lines.add(line(run, "engine", r.engine(), "protect", r.protect(), ratioTo(r.protect(), floor), "", per));
                lines.add(line(run, "engine", r.engine(), "lookup", r.lookup(), null, "", ""));
                lines.add(line(run, "engine", r.engine(), "retire", r.retire(), ratioTo(r.retire(), floor), "", per));
                lines.add(line(run, "engine", r.engine(), "advance", r.advance(), null, "", ""));
                lines.add(line(run, "engine", r.engine(), Metrics.R2F_P99.name(), r.r2f(), null, "", ""));
                lines.add(line(run, "engine", r.engine(), Metrics.PENDING_PEAK.name(), r.pendingPeak(), null, "", ""));
                lines.add(line(run, "engine", r.engine(), "stall " + Metrics.PENDING_PEAK.name(), r.stallPeak(), null, "", ""));
                lines.add(line(run, "engine", r.engine(), "stall " + Metrics.UNBOUNDED.name(), r.stallUnbounded(), null, "", ""));
            }
            for (Summary.CheckedRow c : s.checked()) {
                lines.add(line(run, "checked", c.engine(), "plain", c.plain(), null, "", ""));
                lines.add(line(run, "checked", c.engine(), "checked", c.checked(), c.ratio(), "", "ratio = checked ÷ plain"));
            }
            for (WorkloadRatios.Table t : WorkloadRatios.of(s.run())) {
                String chart = WorkloadCharts.title(t.panel(), s.run(), false);
                t.figures().forEach((engine, byX) -> byX.forEach((x, f) -> {
                    java.util.Map<String, Summary.Quotient> byEngine = t.ratios().get(engine);
                    Summary.Quotient q = byEngine == null ? null : byEngine.get(x);
                    lines.add(line(run, "workload", engine, chart + " @ " + t.panel().workload().sweepWords() + " " + x, f, q, "",
                            engine.equals(t.reference()) ? "the reference" : t.valuesOnly() ? "not divided: the figure crosses 0"
                                    : "ratio = " + engine + " ÷ " + t.reference()));
                }));
            }
            for (Summary.GoalResult g : s.goals()) {
                lines.add(line(run, "goal", g.id(), "(goal)", null, null, g.verdict().words(),
                        g.text() + " (ratio ≤ " + Numbers.sig(g.limit(), 3) + ")" + (g.reason() == null ? "" : "; " + g.reason())));
                for (Summary.Check c : g.checks()) {
                    lines.add(line(run, "goal", g.id(), c.label(), null, c.ratio(), c.verdict().words(),
                            c.reason() == null ? "" : c.reason()));
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static Summary.Quotient ratioTo(Summary.Figure f, Summary.Figure floor) {
        return f == null || floor == null ? null : Summary.Quotient.of(f.value(), floor.value());
    }

    private static String line(String run, String section, String row, String column, Summary.Figure f, Summary.Quotient r,
                               String verdict, String note) {
        Measurement m = f == null ? null : f.value();
        TrialKey k = f == null ? null : f.trial().key();
        return CompareReport.csvLine(run, section, row, column,
                k == null ? "" : k.benchmark(), k == null ? "" : String.valueOf(k.threads()),
                k == null ? "" : k.paramsText(),
                m == null ? "" : number(m.score()), m == null ? "" : number(m.error()), m == null ? "" : m.unit(),
                m == null ? "" : m.source().words(),
                r == null ? "" : number(r.value()), r == null ? "" : number(r.low()), r == null ? "" : number(r.high()),
                verdict, note);
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%s", v);
    }
}
