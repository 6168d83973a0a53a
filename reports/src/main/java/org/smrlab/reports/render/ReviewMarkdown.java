package org.smrlab.reports.render;

import java.util.List;
import java.util.Map;
import org.smrlab.reports.analysis.review.Block;
import org.smrlab.reports.analysis.review.ChartSpec;
import org.smrlab.reports.analysis.review.Figure;
import org.smrlab.reports.analysis.review.Prose;
import org.smrlab.reports.analysis.review.Review;
import org.smrlab.reports.analysis.review.Section;
import org.smrlab.run.review.Question;

/**
 * review.md: the review as Markdown. Each question is a section headed {@code ## R<n> title}, with the
 * review's words quoted, the answer, the evidence (tables; charts as images beside the file), the
 * commands that regenerate it, what this machine cannot show, and the verdict; a verdict table ends it.
 * Figures are written as {@link Figure#text()} gives them, nothing else.
 */
public final class ReviewMarkdown {

    /** Said where a section has no table or chart. */
    static final String NO_EVIDENCE = "This run holds no table or chart of this question's evidence (the answer says what is missing).";

    /** The heading of the closing table. */
    public static final String VERDICTS = "Verdicts";

    private ReviewMarkdown() {
    }

    /** The Markdown; {@code charts} maps each chart's id to its PNG and SVG file names beside review.md. */
    public static String markdown(Review review, Map<String, String[]> charts) {
        StringBuilder md = new StringBuilder("# The review, answered\n\n");
        md.append("The questions of the NetBSD tech-kern review of smr(9) and pool_cache_set_smr(9), answered from one run "
                + "of this lab: each section quotes the review, answers with this run's figures, shows the evidence, gives "
                + "the commands that regenerate it and says what this machine cannot show. Written by `scripts/report review "
                + "RUN`; every figure, with where it was read, is in `").append(ReviewReport.FIGURES).append("` beside this file.\n\n");
        review.header().forEach(p -> md.append(prose(p)).append("\n\n"));
        for (Section s : review.sections()) {
            section(md, s, charts);
        }
        md.append("## ").append(VERDICTS).append("\n\n");
        md.append("Answered: every figure the section needs is in this run. Partly: some are missing (each says why). "
                + "Not on this machine: none is.\n\n");
        md.append("| question | title | verdict |\n|---|---|---|\n");
        for (Section s : review.sections()) {
            md.append("| [").append(s.question().id()).append("](#").append(anchor(s.question())).append(") | ")
                    .append(cell(s.question().title())).append(" | ").append(s.verdict().words()).append(" |\n");
        }
        return md.toString();
    }

    /** The anchor GitHub gives a section's heading. */
    static String anchor(Question q) {
        return (q.id() + " " + q.title()).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
    }

    private static void section(StringBuilder md, Section s, Map<String, String[]> charts) {
        Question q = s.question();
        md.append("## ").append(q.id()).append(' ').append(q.title()).append("\n\n");
        for (Question.Quote quote : q.quotes()) {
            md.append("> “").append(quote.text()).append("” (").append(quote.where()).append(")\n>\n");
        }
        if (!q.quotes().isEmpty()) {
            md.setLength(md.length() - 2);
            md.append("\n");
        }
        if (q.origin() != null) {
            md.append("*Not in the review's message: ").append(q.origin()).append(".*\n\n");
        }
        md.append("**Answer.** ");
        for (int i = 0; i < s.answer().size(); i++) {
            md.append(i == 0 ? "" : "\n\n").append(prose(s.answer().get(i)));
        }
        md.append("\n\n**Evidence.**\n\n");
        if (s.evidence().isEmpty()) {
            md.append(NO_EVIDENCE).append("\n\n");
        }
        for (Block b : s.evidence()) {
            if (b instanceof Block.Table t) {
                table(md, t);
            } else if (b instanceof Block.Chart c) {
                chart(md, c.spec(), charts.get(c.spec().id()));
            }
        }
        md.append("**Regenerate.** ");
        for (int i = 0; i < s.commands().size(); i++) {
            md.append(i == 0 ? "" : "; ").append('`').append(s.commands().get(i)).append('`');
        }
        md.append(".\n\n**What this machine cannot show.** ");
        for (int i = 0; i < s.limits().size(); i++) {
            md.append(i == 0 ? "" : " ").append(prose(s.limits().get(i)));
        }
        md.append("\n\n**Verdict:** ").append(s.verdict().words()).append(".\n\n");
    }

    private static void table(StringBuilder md, Block.Table t) {
        md.append('*').append(prose(t.caption()).strip()).append("*\n\n");
        md.append("| ").append(String.join(" | ", t.headings().stream().map(ReviewMarkdown::cell).toList())).append(" |\n|");
        t.headings().forEach(h -> md.append("---|"));
        md.append('\n');
        for (List<Prose> row : t.rows()) {
            md.append("| ").append(String.join(" | ", row.stream().map(c -> cell(prose(c))).toList())).append(" |\n");
        }
        md.append('\n');
        t.notes().forEach(n -> md.append(prose(n)).append("\n\n"));
    }

    private static void chart(StringBuilder md, ChartSpec c, String[] files) {
        if (files == null) {
            md.append("*").append(c.title()).append(": no point of this chart is in the run.*\n\n");
            return;
        }
        md.append("![").append(c.title()).append("](").append(files[0]).append(")\n\n*")
                .append(c.title()).append(".* ").append(prose(c.howToRead())).append(" [SVG](").append(files[1]).append(")\n\n");
    }

    /** A paragraph as Markdown: words as they are, figures as their text, code in backquotes. */
    static String prose(Prose p) {
        StringBuilder b = new StringBuilder();
        for (Prose.Piece piece : p.pieces()) {
            if (piece instanceof Prose.Words w) {
                b.append(w.text());
            } else if (piece instanceof Prose.Fig f) {
                b.append(f.figure().text());
            } else if (piece instanceof Prose.Code c) {
                b.append('`').append(c.text().replace("`", "'")).append('`');
            }
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
