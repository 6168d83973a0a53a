package org.smrlab.reports.analysis.review;

import java.util.List;
import org.smrlab.reports.model.ReviewInput;

/**
 * The review of one review run: a header (which run, which machine, which JVMs), one section per
 * question of the catalogue, and every figure shown, as looked up ({@link Figures#log()}).
 */
public record Review(ReviewInput input, List<Prose> header, List<Section> sections, List<Figure> log) {

    public Review {
        header = List.copyOf(header);
        sections = List.copyOf(sections);
        log = List.copyOf(log);
    }
}
