package org.smrlab.reports.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.smrlab.reports.analysis.review.Block;
import org.smrlab.reports.analysis.review.ChartSpec;
import org.smrlab.reports.analysis.review.Figure;
import org.smrlab.reports.analysis.review.Prose;
import org.smrlab.reports.analysis.review.Review;
import org.smrlab.reports.analysis.review.Section;
import org.smrlab.run.RunFolder;
import org.smrlab.run.review.Question;

/**
 * Writes the review into a folder: {@code review.md}, {@code index.html} (self-contained: the charts
 * inlined as data URIs, no external URL), each chart as PNG and SVG beside them, and
 * {@value #FIGURES}, the provenance log: every figure the review shows, with where it was read.
 *
 * <p>Implementation notes. The page mirrors review.md section by section, from the same model, so the
 * two cannot say different things. As in the report, a few lines of script record whether every image
 * decoded ({@code data-images-check}), for the browser check; a reader loses nothing without scripts.
 */
public final class ReviewReport {

    /** The provenance log, beside review.md. */
    public static final String FIGURES = "figures.csv";

    private ReviewReport() {
    }

    /** Writes everything into {@code dir}, an empty folder. */
    public static void write(Path dir, Review review) throws IOException {
        List<ReviewCharts.Drawn> drawn = ReviewCharts.draw(review);
        Map<String, String[]> files = new LinkedHashMap<>();
        Map<String, String> inline = new LinkedHashMap<>();
        Map<String, Integer> left = new LinkedHashMap<>();
        for (ReviewCharts.Drawn d : drawn) {
            String id = Charts.fileSafe(d.spec().id());
            byte[] png = ChartFiles.png(d.chart());
            Files.write(dir.resolve(id + ".png"), png);
            Files.write(dir.resolve(id + ".svg"), ChartFiles.svg(d.chart()));
            files.put(d.spec().id(), new String[] {id + ".png", id + ".svg"});
            inline.put(d.spec().id(), "data:image/png;base64," + Base64.getEncoder().encodeToString(png));
            left.put(d.spec().id(), d.left());
        }
        Files.writeString(dir.resolve(RunFolder.REVIEW_MD), ReviewMarkdown.markdown(review, files), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(RunFolder.REVIEW_HTML), html(review, files, inline), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(FIGURES), figures(review.log()), StandardCharsets.UTF_8);
    }

    /** The provenance log as CSV: one figure per line. */
    public static String figures(List<Figure> log) {
        StringBuilder b = new StringBuilder("kind,what,text,value,error,low,high,unit,forks,sub_run,trial,metric,file,why,inputs\n");
        for (Figure f : log) {
            StringJoiner inputs = new StringJoiner("; ");
            f.inputs().forEach(i -> inputs.add(i.what()));
            List<String> cells = List.of(f.kind().name().toLowerCase(java.util.Locale.ROOT), f.what(), f.text(), num(f.value()),
                    num(f.error()), num(f.low()), num(f.high()), f.unit(), String.valueOf(f.forks()),
                    f.source() == null || f.source().subRun() == null ? "" : f.source().subRun(),
                    f.source() == null || f.source().trial() == null ? "" : f.source().trial(),
                    f.source() == null || f.source().metric() == null ? "" : f.source().metric(),
                    f.source() == null ? "" : f.source().file(), f.why() == null ? "" : f.why(), inputs.toString());
            StringJoiner line = new StringJoiner(",");
            cells.forEach(c -> line.add(csv(c)));
            b.append(line).append('\n');
        }
        return b.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : String.valueOf(v);
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    // ------------------------------------------------------------------ HTML

    static String html(Review review, Map<String, String[]> files, Map<String, String> inline) {
        StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\" data-images-check=\"not run\">\n<head>\n"
                + "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc("The review, answered: " + review.input().name())).append("</title>\n<style>\n").append(HtmlReport.CSS)
                .append(CSS).append("</style>\n</head>\n<body>\n<h1>The review, answered</h1>\n");
        review.header().forEach(p -> h.append("<p class=\"meta\">").append(prose(p)).append("</p>\n"));
        h.append("<nav>");
        for (Section s : review.sections()) {
            h.append("<a href=\"#").append(s.question().id()).append("\">").append(s.question().id()).append("</a> · ");
        }
        h.append("<a href=\"#verdicts\">").append(ReviewMarkdown.VERDICTS).append("</a></nav>\n");
        for (Section s : review.sections()) {
            Question q = s.question();
            h.append("<section id=\"").append(q.id()).append("\">\n<h2>").append(q.id()).append(' ').append(esc(q.title())).append("</h2>\n");
            for (Question.Quote quote : q.quotes()) {
                h.append("<blockquote>“").append(esc(quote.text())).append("” <cite>(").append(esc(quote.where())).append(")</cite></blockquote>\n");
            }
            if (q.origin() != null) {
                h.append("<p class=\"origin\">Not in the review's message: ").append(esc(q.origin())).append(".</p>\n");
            }
            h.append("<h3>Answer</h3>\n");
            s.answer().forEach(p -> h.append("<p>").append(prose(p)).append("</p>\n"));
            h.append("<h3>Evidence</h3>\n");
            if (s.evidence().isEmpty()) {
                h.append("<p class=\"note\">").append(esc(ReviewMarkdown.NO_EVIDENCE)).append("</p>\n");
            }
            for (Block b : s.evidence()) {
                if (b instanceof Block.Table t) {
                    table(h, t);
                } else if (b instanceof Block.Chart c) {
                    chart(h, c.spec(), files.get(c.spec().id()), inline.get(c.spec().id()));
                }
            }
            h.append("<p><b>Regenerate:</b> ");
            for (int i = 0; i < s.commands().size(); i++) {
                h.append(i == 0 ? "" : "; ").append("<code>").append(esc(s.commands().get(i))).append("</code>");
            }
            h.append(".</p>\n<p class=\"how\"><b>What this machine cannot show.</b> ");
            s.limits().forEach(p -> h.append(prose(p)).append(' '));
            h.append("</p>\n<p class=\"verdict ").append(s.verdict().name().toLowerCase(java.util.Locale.ROOT)).append("\"><b>Verdict:</b> ")
                    .append(esc(s.verdict().words())).append(".</p>\n</section>\n");
        }
        h.append("<h2 id=\"verdicts\">").append(ReviewMarkdown.VERDICTS).append("</h2>\n<table class=\"cmp\">\n<tr><th>question</th>"
                + "<th>title</th><th>verdict</th></tr>\n");
        for (Section s : review.sections()) {
            h.append("<tr><td><a href=\"#").append(s.question().id()).append("\">").append(s.question().id()).append("</a></td><td>")
                    .append(esc(s.question().title())).append("</td><td class=\"verdict ").append(s.verdict().name()
                            .toLowerCase(java.util.Locale.ROOT)).append("\">").append(esc(s.verdict().words())).append("</td></tr>\n");
        }
        h.append("</table>\n<script>\n").append(HtmlReport.CHECK).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void table(StringBuilder h, Block.Table t) {
        h.append("<table class=\"cmp\">\n<caption>").append(prose(t.caption())).append("</caption>\n<tr>");
        t.headings().forEach(x -> h.append("<th>").append(esc(x)).append("</th>"));
        h.append("</tr>\n");
        for (List<Prose> row : t.rows()) {
            h.append("<tr>");
            row.forEach(c -> h.append(c.figures().isEmpty() ? "<td>" : "<td class=\"num\">").append(prose(c)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        t.notes().forEach(n -> h.append("<p class=\"note\">").append(prose(n)).append("</p>\n"));
    }

    private static void chart(StringBuilder h, ChartSpec c, String[] files, String data) {
        if (files == null) {
            h.append("<p class=\"note\">").append(esc(c.title())).append(": no point of this chart is in the run.</p>\n");
            return;
        }
        h.append("<figure>\n<img src=\"").append(data).append("\" alt=\"").append(esc(c.title())).append("\" width=\"")
                .append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\">\n<figcaption><b>")
                .append(esc(c.title())).append(".</b> ").append(prose(c.howToRead())).append(" <a href=\"").append(esc(files[1]))
                .append("\">SVG</a></figcaption>\n</figure>\n");
    }

    static String prose(Prose p) {
        StringBuilder b = new StringBuilder();
        for (Prose.Piece piece : p.pieces()) {
            if (piece instanceof Prose.Words w) {
                b.append(esc(w.text()));
            } else if (piece instanceof Prose.Fig f) {
                Figure fig = f.figure();
                b.append(fig.missing() ? "<span class=\"missing\">" : "<span class=\"fig\" title=\""
                        + esc(fig.source() == null ? fig.what() : fig.source().words()) + "\">").append(esc(fig.text())).append("</span>");
            } else if (piece instanceof Prose.Code c) {
                b.append("<code>").append(esc(c.text())).append("</code>");
            }
        }
        return b.toString();
    }

    private static String esc(String s) {
        return HtmlReport.esc(s);
    }

    private static final String CSS = """
            blockquote { border-left: 4px solid #bbb; margin: 0.6em 0; padding: 0.2em 0.8em; color: #333; background: #fafafa; }
            cite { color: #666; font-style: normal; font-size: 0.9em; }
            .origin { font-style: italic; color: #555; }
            .missing { color: #a33; }
            .verdict.answered { color: #161; }
            .verdict.partly { color: #a60; }
            .verdict.not_here { color: #a33; }
            section { margin-bottom: 2em; }
            nav a { white-space: nowrap; }
            """;
}
