package org.smrlab.reports.analysis.review;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chart of the review shows, as figures: the renderer draws it (engines in their colours, as
 * every chart of the reports). {@code id} names its files; {@code howToRead} is its caption.
 */
public sealed interface ChartSpec permits ChartSpec.Bars, ChartSpec.Curves {

    String id();

    String title();

    Prose howToRead();

    List<Figure> figures();

    /**
     * Bars, one per figure, in order, with error whiskers where known.
     *
     * @param unit the y axis's unit, as the figures give it
     */
    record Bars(String id, String title, String unit, Prose howToRead, List<Bar> bars) implements ChartSpec {
        @Override
        public List<Figure> figures() {
            return bars.stream().map(Bar::value).toList();
        }
    }

    /**
     * One bar.
     *
     * @param name   under the axis
     * @param engine the engine spec ({@code engine} parameter) whose colour it takes; null for a floor
     * @param value  the figure
     */
    record Bar(String name, String engine, Figure value) {
    }

    /** Lines through points, one per series; axes logarithmic or not. */
    record Curves(String id, String title, String xTitle, String yTitle, boolean logX, boolean logY, Prose howToRead,
                  List<Series> series) implements ChartSpec {
        @Override
        public List<Figure> figures() {
            List<Figure> l = new ArrayList<>();
            series.forEach(s -> s.points().forEach(p -> {
                l.add(p.x());
                l.add(p.y());
            }));
            return l;
        }
    }

    /** A series: its name, the engine spec whose colour it takes (null: a floor), its points. */
    record Series(String name, String engine, List<Point> points) {
    }

    /** A point, labelled (a batch size, a tick) or not (empty label). */
    record Point(String label, Figure x, Figure y) {
    }
}
