package org.smrlab.reports.render;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.reports.model.Numbers;
import org.smrlab.run.Goal;
import org.smrlab.run.Goals;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.TrialRef;

/**
 * The metric catalogue and the goal table (run-format's {@link Metrics} and {@link Goals}) as
 * Markdown: {@code reports catalogue} prints them, and docs/architecture.md holds this very output
 * (a test fails when the two differ), so the docs never keep a copy of their own.
 */
public final class CatalogueReport {

    private CatalogueReport() {
    }

    public static String markdown() {
        return "### Metrics\n\n" + metrics() + "\n### Goals\n\n" + goals();
    }

    /** One row per metric of the catalogue. */
    public static String metrics() {
        StringBuilder md = new StringBuilder("| metric | unit | pooled over iterations and forks | better | carried by | meaning |\n"
                + "|---|---|---|---|---|---|\n");
        for (Metric m : Metrics.all()) {
            String pooling = m.pooling() == Metric.Pooling.MERGED_HISTOGRAM
                    ? (m.percentile() >= 100 ? "maximum" : "percentile " + Numbers.sig(m.percentile(), 3).replaceAll("\\.0+$", ""))
                    + " of the merged `" + m.log() + "` histogram" : m.pooling().words();
            String scope = (m.scope() == Metric.Scope.POOL ? "suites with an instrumented pool" : "every suite with an engine")
                    + (m.emitted() ? "" : "; pooled by readers from `hlog/` only");
            md.append("| `").append(m.name()).append("` | ").append(m.unit()).append(" | ").append(pooling).append(" | ")
                    .append(m.better().words()).append(" | ").append(scope).append(" | ").append(CompareReport.esc(m.meaning()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** One row per goal of the table. */
    public static String goals() {
        StringBuilder md = new StringBuilder("| goal | statement | every ratio ≤ | ratios (numerator ÷ denominator) | profile |\n"
                + "|---|---|---:|---|---|\n");
        for (Goal g : Goals.all()) {
            List<String> ratios = new ArrayList<>();
            for (Goal.Ratio r : g.ratios()) {
                String when = r.appliesWhen().isEmpty() ? "" : " (where the numerator runs with " + String.join(", ",
                        r.appliesWhen().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()) + ")";
                ratios.add(ref(r.numerator()) + " ÷ " + ref(r.denominator()) + when);
            }
            md.append("| `").append(g.id()).append("` | ").append(g.statement()).append(" | ").append(Numbers.sig(g.limit(), 3))
                    .append(" | ").append(CompareReport.esc(String.join("; ", ratios))).append(" | `").append(g.profile())
                    .append("` |\n");
        }
        return md.toString();
    }

    private static String ref(TrialRef r) {
        List<String> parts = new ArrayList<>();
        if (r.eachEngine()) {
            parts.add("each engine");
        } else if (r.hasEngine()) {
            parts.add(r.engine());
        }
        r.params().forEach((k, v) -> parts.add(k + "=" + v));
        parts.add(r.threads() == null ? "each thread count" : r.threads() + (r.threads() == 1 ? " thread" : " threads"));
        return r.benchmark() + " (" + String.join(", ", parts) + ")";
    }
}
