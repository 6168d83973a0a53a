package org.smrlab.reports.render;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.smrlab.reports.analysis.Alerts;
import org.smrlab.reports.analysis.Comparison;
import org.smrlab.reports.analysis.MetricValues;
import org.smrlab.reports.analysis.Summary;
import org.smrlab.reports.model.Run;
import org.smrlab.reports.model.RunInput;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.Metric;
import org.smrlab.run.Metrics;
import org.smrlab.run.RunInfo;

/**
 * Writes one self-contained HTML page: the summary ({@link Summary}, compact, first), run metadata,
 * alerts, comparison tables, every chart.
 *
 * <p>Implementation notes. The page must open offline, from a file, years later: no scripts or
 * fonts from elsewhere, no external URLs at all. Images are PNG files beside the page in
 * {@code plots/} (with their SVG versions linked), or inlined as data URIs with {@code --inline}
 * so the page is a single file. A few lines of inline script record, once the page has loaded,
 * whether every image decoded ({@code <html data-images-check="ok 12/12">}); the browser test
 * reads that attribute from Chromium's DOM dump, and a reader loses nothing without scripts.
 */
public final class HtmlReport {

    public static final String INDEX = "index.html";
    public static final String PLOTS = "plots";

    /** The secondary metrics that get tables of their own, where the runs have them: latency, memory (the engine's own too), the two alarms. */
    static final List<String> SECONDARY_TABLES = List.of(Metrics.R2F_P99.name(), Metrics.R2F_P50.name(),
            Metrics.PENDING_PEAK.name(), Metrics.FOOTPRINT_PEAK.name(), Metrics.ENGINE_WORDS.name(), Metrics.UAF.name(),
            Metrics.UNBOUNDED.name());

    private HtmlReport() {
    }

    /** Writes index.html (and plots/ unless inline) into {@code dir}, an empty folder. */
    public static void write(Path dir, List<Run> runs, String baseline, boolean inline) throws IOException {
        List<Charts.Plot> plots = Charts.build(runs);
        List<String> images = new ArrayList<>();
        List<String> svgs = new ArrayList<>();
        if (inline) {
            for (Charts.Plot p : plots) {
                images.add("data:image/png;base64," + Base64.getEncoder().encodeToString(ChartFiles.png(p.chart())));
                svgs.add(null);
            }
        } else {
            Path plotDir = Files.createDirectories(dir.resolve(PLOTS));
            for (ChartFiles.Written w : ChartFiles.write(plots, plotDir)) {
                images.add(PLOTS + "/" + w.png());
                svgs.add(PLOTS + "/" + w.svg());
            }
        }
        Map<String, List<Comparison.Table>> tables = new LinkedHashMap<>();
        tables.put(MetricValues.PRIMARY, Comparison.build(runs, MetricValues.PRIMARY, baseline));
        List<String> available = MetricValues.available(runs);
        for (String metric : SECONDARY_TABLES) {
            if (available.contains(metric)) {
                tables.put(metric, Comparison.build(runs, metric, baseline));
            }
        }
        String summary = SummaryReport.html(Summary.of(runs, Summary.DEFAULT_FLOOR));
        String html = page(runs, baseline, summary, tables, plots, images, svgs);
        Files.writeString(dir.resolve(INDEX), html, StandardCharsets.UTF_8);
    }

    static String page(List<Run> runs, String baseline, String summary, Map<String, List<Comparison.Table>> tables,
                       List<Charts.Plot> plots, List<String> images, List<String> svgs) {
        String engines = engineTables(runs);
        StringBuilder h = new StringBuilder();
        String title = "smrlab report: " + String.join(" | ", runs.stream().map(Run::label).toList());
        h.append("<!DOCTYPE html>\n<html lang=\"en\" data-images-check=\"not run\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append(SummaryReport.CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>smrlab report</h1>\n<p class=\"meta\">Written ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(" from ").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
                .append(". Runs from different machines or JDKs stand side by side; they are never pooled.</p>\n");
        h.append("<nav><a href=\"#summary\">Summary</a> · <a href=\"#runs\">Runs</a> · <a href=\"#plots\">Plots</a> · "
                + "<a href=\"#tables\">Comparison tables</a>" + (engines.isEmpty() ? "" : " · <a href=\"#engines\">Engines</a>")
                + "</nav>\n");

        h.append(summary);
        h.append("<h2 id=\"runs\">Runs</h2>\n").append(runsTable(runs));
        List<String> alerts = Alerts.of(runs);
        if (!alerts.isEmpty()) {
            h.append("<div class=\"alerts\"><h2>Alerts</h2>\n<ul>\n");
            alerts.forEach(a -> h.append("<li>").append(esc(a)).append("</li>\n"));
            h.append("</ul></div>\n");
        }

        List<String> notes = runs.stream().flatMap(r -> r.notes().stream()).toList();
        if (!notes.isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul class=\"note\">\n");
            notes.forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }
        h.append("<h2 id=\"plots\">Plots</h2>\n");
        if (plots.isEmpty()) {
            h.append("<p>No chart applies to these results.</p>\n");
        }
        for (int i = 0; i < plots.size(); i++) {
            Charts.Plot p = plots.get(i);
            h.append("<figure>\n<img src=\"").append(esc(images.get(i))).append("\" alt=\"").append(esc(p.title()))
                    .append("\" width=\"").append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\">\n")
                    .append("<figcaption><b>").append(esc(p.title())).append(".</b> ").append(esc(p.howToRead()));
            if (svgs.get(i) != null) {
                h.append(" <a href=\"").append(esc(svgs.get(i))).append("\">SVG</a>");
            }
            h.append("</figcaption>\n</figure>\n");
        }
        h.append("<h2 id=\"tables\">Comparison tables</h2>\n<p class=\"how\"><b>How to read.</b> One table per benchmark and "
                + "parameter set; engines (and cost floors) as rows, one column pair per run. Each cell is JMH's score ± its "
                + "99.9% error; the ratio is score ÷ the baseline <code>").append(esc(baseline))
                .append("</code>'s score in the same run and table. Marks: <b>≈</b> the intervals overlap, no difference "
                + "claimed; <b>?</b> an error is unknown (one sample, a maximum, or a percentile pooled from .hlog "
                + "intervals, which has no interval), no claim either way; <b>base</b> the baseline row. For times per "
                + "operation lower is better, for throughput higher.</p>\n");
        tables.forEach((metric, list) -> {
            h.append("<h3>").append(esc(CompareReport.metricTitle(metric))).append("</h3>\n");
            if (!MetricValues.isPrimary(metric)) {
                h.append("<p class=\"how\">").append(esc(metricMeaning(metric))).append("</p>\n");
            }
            list.forEach(t -> h.append(table(t)));
        });

        if (!engines.isEmpty()) {
            h.append("<h2 id=\"engines\">Engines</h2>\n<p class=\"how\">What each run's run.json says of its engines: the "
                    + "engine catalogue's facts, as the lab recorded them.</p>\n").append(engines);
        }

        h.append("<script>\n").append(CHECK).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    /** What a metric means: the metric catalogue's words; pooled percentiles say so. */
    static String metricMeaning(String metric) {
        String words = MetricValues.meaning(metric);
        boolean histogram = Metrics.byName(metric).map(m -> m.pooling() == Metric.Pooling.MERGED_HISTOGRAM).orElse(false);
        return histogram ? words + " Pooled from the .hlog intervals where the run has them (see the source column), else "
                + "JMH's figure as the profiler aggregated it." : words;
    }

    private static String runsTable(List<Run> runs) {
        Map<String, Function<Run, String>> fields = new LinkedHashMap<>();
        fields.put("read from", Run::sources);
        fields.put("run.json", r -> info(r, RunInfo::schema));
        fields.put("profile", r -> info(r, RunInfo::profile));
        fields.put("shards", Run::shards);
        fields.put("command", r -> info(r, RunInfo::command));
        fields.put("started", r -> info(r, RunInfo::startedAt));
        fields.put("finished", r -> info(r, RunInfo::finishedAt));
        fields.put("JDK", HtmlReport::jdk);
        fields.put("JVM arguments", r -> r.jvm() == null || r.jvm().args().isEmpty() ? "—" : String.join(" ", r.jvm().args()));
        fields.put("CPU", r -> info(r, RunInfo::machineLine));
        fields.put("OS / kernel", r -> r.info() == null || r.info().machine() == null ? "—"
                : join(r.info().machine().os(), r.info().machine().kernel()));
        fields.put("membarrier", r -> r.info() == null || r.info().membarrier() == null || r.info().membarrier().available() == null
                ? "—" : (r.info().membarrier().available() ? "available" : "not available")
                + (r.info().membarrier().status() == null ? "" : ": " + r.info().membarrier().status()));
        fields.put("git commit", r -> {
            RunInfo.Git git = r.info() == null ? null : r.info().git();
            return git == null || git.commit() == null ? "—" : git.commit() + (Boolean.TRUE.equals(git.dirty())
                    ? " (with uncommitted changes)" : "");
        });
        fields.put("engines", r -> r.info() == null || r.info().engines().isEmpty() ? "—" : String.join(", ", r.info().engines()));
        fields.put("engine facts", r -> r.catalogue().isEmpty() ? "unknown (no engine catalogue in run.json)"
                : "in run.json's catalogue (Engines, at the end)");
        fields.put("trials read", r -> String.valueOf(r.trials().size()));
        fields.put("failed trials", r -> {
            List<String> failed = new ArrayList<>();
            for (RunInput part : r.parts()) {
                if (part.info() != null) {
                    failed.addAll(part.info().failedTrials());
                }
            }
            return r.info() == null ? "—" : failed.isEmpty() ? "none" : String.join(", ", failed);
        });
        fields.put("interval logs", r -> String.valueOf(r.hlogs().size()));
        fields.put("merged from", r -> r.info() == null || r.info().mergedFrom() == null ? "—"
                : String.join(", ", r.info().mergedFrom().stream().map(m -> m.folder() + " (shard " + m.shard() + ")").toList()));
        StringBuilder h = new StringBuilder("<table class=\"runs\">\n<tr><th></th>");
        runs.forEach(r -> h.append("<th>").append(esc(r.label())).append("</th>"));
        h.append("</tr>\n");
        fields.forEach((name, f) -> {
            h.append("<tr><th>").append(esc(name)).append("</th>");
            runs.forEach(r -> h.append("<td>").append(esc(f.apply(r))).append("</td>"));
            h.append("</tr>\n");
        });
        return h.append("</table>\n").toString();
    }

    /**
     * The engine catalogue's facts of the engines the runs ran, as run.json records them: one table
     * per distinct catalogue, one column per field of run-format's {@link EngineFacts} (a fact added
     * there shows here without an edit). Nothing for runs without a catalogue.
     */
    public static String engineTables(List<Run> runs) {
        Map<List<EngineFacts>, List<String>> byCatalogue = new LinkedHashMap<>();
        for (Run r : runs) {
            List<EngineFacts> ran = r.catalogue().values().stream().filter(e -> r.info().engines().contains(e.name())).toList();
            if (!ran.isEmpty()) {
                byCatalogue.computeIfAbsent(ran, k -> new ArrayList<>()).add(r.label());
            }
        }
        StringBuilder h = new StringBuilder();
        RecordComponent[] fields = EngineFacts.class.getRecordComponents();
        byCatalogue.forEach((engines, labels) -> {
            h.append("<table class=\"runs\">\n<caption>Engines (run.json's catalogue: ").append(esc(String.join(", ", labels)))
                    .append(")</caption>\n<tr>");
            for (RecordComponent f : fields) {
                h.append("<th>").append(esc(f.getName())).append("</th>");
            }
            h.append("</tr>\n");
            for (EngineFacts e : engines) {
                h.append("<tr>");
                for (RecordComponent f : fields) {
                    h.append("<td>").append(esc(cell(e, f))).append("</td>");
                }
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        });
        return h.toString();
    }

    private static String cell(EngineFacts e, RecordComponent f) {
        try {
            Object v = f.getAccessor().invoke(e);
            if (v instanceof Boolean b) {
                return b ? "yes" : "no";
            }
            if (v instanceof Map<?, ?> m) {
                List<String> kv = new ArrayList<>();
                m.forEach((k, x) -> kv.add(k + "=" + x));
                return String.join(" ", kv);
            }
            return String.valueOf(v);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
        }
    }

    private static String info(Run r, Function<RunInfo, String> f) {
        String v = r.info() == null ? null : f.apply(r.info());
        return v == null ? "—" : v;
    }

    private static String jdk(Run r) {
        RunInfo.Jvm jvm = r.jvm();
        return jvm == null ? "— (CSV results do not say)" : join(jvm.version(), jvm.vendor(), jvm.vm(), jvm.vmVersion());
    }

    private static String join(String... parts) {
        List<String> present = new ArrayList<>();
        for (String p : parts) {
            if (p != null && !p.isBlank()) {
                present.add(p);
            }
        }
        return present.isEmpty() ? "—" : String.join(", ", present);
    }

    private static String table(Comparison.Table t) {
        String unit = t.unit();
        boolean sources = !MetricValues.isPrimary(t.metric());
        StringBuilder h = new StringBuilder("<table class=\"cmp\">\n<caption>").append(esc(t.key().describe()))
                .append(unit == null ? "" : " <span class=\"unit\">(" + esc(unit) + ")</span>").append("</caption>\n<tr><th>")
                .append(CompareReport.rowHeading(t)).append("</th>");
        for (Run run : t.runs()) {
            h.append("<th>").append(esc(run.label())).append("</th><th>ratio</th>");
            if (sources) {
                h.append("<th>source</th>");
            }
        }
        h.append("</tr>\n");
        for (Comparison.Row row : t.rows()) {
            h.append("<tr").append(row.floor() ? " class=\"floor\"" : "").append("><th>").append(esc(row.label()))
                    .append(row.floor() ? " <small>(floor)</small>" : "").append("</th>");
            for (Run run : t.runs()) {
                var cell = t.cell(row, run);
                h.append("<td class=\"num\">").append(cell.map(c -> esc(CompareReport.value(c.value(), unit == null))).orElse(""))
                        .append("</td><td class=\"num ").append(cell.map(c -> c.mark().word()).orElse("")).append("\">")
                        .append(cell.map(c -> esc(CompareReport.ratio(c))).orElse("")).append("</td>");
                if (sources) {
                    h.append("<td>").append(cell.map(c -> esc(CompareReport.source(c.value()))).orElse("")).append("</td>");
                }
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        t.baselineNotes().forEach((run, note) -> h.append("<p class=\"note\">").append(esc(run.label())).append(": ")
                .append(esc(note)).append("</p>\n"));
        return h.toString();
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static final String CSS = """
            body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
            h1 { margin-bottom: 0.2em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.6em; }
            .meta, .note { color: #555; }
            .how { background: #f5f7fa; border-left: 4px solid #9ab; padding: 0.5em 0.8em; }
            table { border-collapse: collapse; margin: 0.8em 0 1.2em; font-size: 0.92em; }
            th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
            table.runs th { background: #f0f0f0; }
            caption { text-align: left; font-weight: bold; padding: 0.3em 0; }
            .unit { font-weight: normal; color: #555; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.base { font-weight: bold; }
            td.overlap, td.unknown { color: #777; }
            tr.floor th { font-weight: normal; font-style: italic; }
            .alerts { background: #fff0f0; border: 2px solid #c33; padding: 0 1em; }
            figure { margin: 1.5em 0; }
            figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
            figcaption { max-width: 960px; font-size: 0.92em; color: #333; }
            """;

    /** Records whether every image decoded: read by the browser test, harmless to a reader. */
    static final String CHECK = """
            window.addEventListener('load', function () {
              var images = document.images, ok = 0;
              for (var i = 0; i < images.length; i++) {
                if (images[i].complete && images[i].naturalWidth > 0) { ok++; }
              }
              document.documentElement.setAttribute('data-images-check',
                  (ok === images.length ? 'ok ' : 'broken ') + ok + '/' + images.length);
            });
            """;
}
