package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;

/** A piece of a section's evidence: a table or a chart. */
public sealed interface Block permits Block.Table, Block.Chart {

    /** The figures it shows. */
    List<Figure> figures();

    /**
     * A table: a caption, column headings (no numbers: a heading that needs one is a figure in a cell),
     * rows of cells, and notes under it.
     */
    record Table(Prose caption, List<String> headings, List<List<Prose>> rows, List<Prose> notes) implements Block {
        public Table {
            headings.forEach(h -> new Prose.Words(h));
            rows = rows.stream().map(List::copyOf).toList();
            notes = List.copyOf(notes);
        }

        @Override
        public List<Figure> figures() {
            List<Figure> l = new ArrayList<>(caption.figures());
            rows.forEach(r -> r.forEach(c -> l.addAll(c.figures())));
            notes.forEach(n -> l.addAll(n.figures()));
            return l;
        }
    }

    /** A chart, drawn by the renderer from its figures. */
    record Chart(ChartSpec spec) implements Block {
        @Override
        public List<Figure> figures() {
            return spec.figures();
        }
    }
}
