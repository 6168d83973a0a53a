package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.run.review.Question;
import org.smrlab.run.review.Questions;

/** Collects one section's answer, evidence, commands and limits, then judges its verdict from its figures. */
final class SectionBuilder {
    final Question question;
    final Figures figures;
    private final List<Prose> answer = new ArrayList<>();
    private final List<Block> evidence = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<Prose> limits = new ArrayList<>();

    SectionBuilder(String id, Figures figures) {
        this.question = Questions.byId(id).orElseThrow(() -> new IllegalArgumentException("no question " + id));
        this.figures = figures;
        // the heading and, for a question the message does not ask, where it comes from: the catalogue's words
        Provenance catalogue = new Provenance(null, null, id, "the question catalogue (run-format's Questions)");
        figures.factText("title of " + id, question.title(), catalogue);
        if (question.origin() != null) {
            figures.factText("origin of " + id, question.origin(), catalogue);
        }
    }

    /** A new paragraph of the answer. */
    Prose answer() {
        Prose p = Prose.of();
        answer.add(p);
        return p;
    }

    void answer(Prose p) {
        answer.add(p);
    }

    void table(Table t) {
        evidence.add(t.build());
    }

    void chart(ChartSpec c) {
        evidence.add(new Block.Chart(c));
    }

    void command(String c) {
        if (!commands.contains(c)) {
            commands.add(c);
        }
    }

    /** Commands that come before every other: the review and its rendering. */
    void commandsFirst(List<String> first) {
        commands.removeAll(first);
        commands.addAll(0, first);
    }

    /** A new paragraph of what this machine cannot show. */
    Prose limit() {
        Prose p = Prose.of();
        limits.add(p);
        return p;
    }

    Section build() {
        List<Prose> a = answer.stream().filter(p -> !p.isEmpty()).toList();
        List<Prose> l = limits.stream().filter(p -> !p.isEmpty()).toList();
        List<Figure> needed = new ArrayList<>();
        a.forEach(p -> needed.addAll(p.figures()));
        evidence.forEach(b -> needed.addAll(b.figures()));
        return new Section(question, a, evidence, commands, l, Section.Verdict.of(needed));
    }

    /** A table being built: its caption, headings, rows and notes. */
    static final class Table {
        private final Prose caption;
        private final List<String> headings;
        private final List<List<Prose>> rows = new ArrayList<>();
        private final List<Prose> notes = new ArrayList<>();

        Table(Prose caption, String... headings) {
            this.caption = caption;
            this.headings = List.of(headings);
        }

        Table(Prose caption, List<String> headings) {
            this.caption = caption;
            this.headings = List.copyOf(headings);
        }

        /** A row: each cell a paragraph, a figure or a piece of code. */
        Table row(Object... cells) {
            List<Prose> row = new ArrayList<>();
            for (Object c : cells) {
                row.add(cell(c));
            }
            if (row.size() != headings.size()) {
                throw new IllegalArgumentException("a row of " + row.size() + " cells under " + headings.size() + " headings: " + headings);
            }
            rows.add(row);
            return this;
        }

        Table row(List<?> cells) {
            return row(cells.toArray());
        }

        Table note(Prose p) {
            notes.add(p);
            return this;
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        static Prose cell(Object c) {
            if (c instanceof Prose p) {
                return p;
            }
            if (c instanceof Figure f) {
                return Prose.of().f(f);
            }
            if (c instanceof Code code) {
                return Prose.of().c(code.text());
            }
            if (c instanceof String s) {
                return Prose.words(s);
            }
            throw new IllegalArgumentException("a table cell of " + c.getClass());
        }

        Block.Table build() {
            return new Block.Table(caption, headings, rows, notes);
        }
    }

    /** A cell of code (an engine spec, a test name). */
    record Code(String text) {
    }
}
