package org.smrlab.reports.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Numbers;
import org.smrlab.reports.model.Run;
import org.smrlab.run.EngineFacts;
import org.smrlab.run.TrialRecord;

/**
 * How engines look in every chart of the reports and of the review: one colour per engine, the
 * same in every chart; engines of one family in related hues; checked variants beside their plain
 * engine in a lighter tint of its colour; floors apart, in greys, after every engine.
 *
 * <p>Implementation notes. The colours are a function of the engine catalogue that run.json
 * records (names, families, their order), never of which engines a chart happens to hold, so
 * {@code gus} is the same blue in a chart of three engines and in one of nine, and in every run
 * of one build. Families take base hues in the order they first appear in the catalogue (the
 * table {@link #FAMILY_HUES}, well apart on the colour wheel); the members of a family spread a
 * little around their family's hue and from dark to light, in catalogue order. An engine whose
 * family is unknown (a bare JMH file, a schema-1 run, a name the catalogue lacks) is a neutral
 * grey, darker or lighter by its name. A spec with knobs written (a
 * variant: {@code gus-deferred:limit=4}) keeps its engine's colour; line charts tell variants
 * apart by a dashed line and another marker. Checked mode ({@code checked=true}) is the engine's
 * colour mixed with white. Floors (benchmarks without an engine) are drawn in greys with a dotted
 * line, named "floor: ...", and ordered after the engines, so they read as a group of their own.
 */
public final class EngineStyle {

    /** Base hues (degrees) given to families in the order they first appear in the catalogue. */
    static final float[] FAMILY_HUES = {215, 28, 135, 280, 355, 180, 50, 320};
    /** The greys of engines of unknown family: one per name (by its hash), the same in every chart. */
    static final Color[] UNKNOWN_GREYS = {new Color(0x7a, 0x7a, 0x7a), new Color(0x94, 0x94, 0x94), new Color(0x66, 0x66, 0x66),
        new Color(0xaa, 0xaa, 0xaa)};
    private static final Color[] FLOOR_GREYS = {new Color(0x30, 0x30, 0x30), new Color(0x5a, 0x5a, 0x5a),
        new Color(0x84, 0x84, 0x84), new Color(0xa6, 0xa6, 0xa6), new Color(0x45, 0x45, 0x45), new Color(0x70, 0x70, 0x70)};
    private static final float CHECKED_TINT = 0.55f;

    /** What a series looks like: its colour, its line and its marker. */
    public record Look(Color colour, BasicStroke line, Marker marker) {
    }

    static final BasicStroke SOLID = new BasicStroke(2.0f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    static final BasicStroke DASHED = new BasicStroke(2.0f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    static final BasicStroke DOTTED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {2f, 4f}, 0f);
    private static final Marker[] VARIANT_MARKERS = {SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.TRIANGLE_DOWN, SeriesMarkers.CROSS};

    private final Map<String, Integer> order = new LinkedHashMap<>();
    private final Map<String, Color> colours = new LinkedHashMap<>();
    private final Map<String, String> families = new LinkedHashMap<>();

    private EngineStyle(List<EngineFacts> catalogue) {
        Map<String, List<String>> members = new LinkedHashMap<>();
        for (EngineFacts e : catalogue) {
            if (order.containsKey(e.name())) {
                continue;
            }
            order.put(e.name(), order.size());
            families.put(e.name(), e.family());
            if (e.family() != null && !e.family().isBlank()) {
                members.computeIfAbsent(e.family(), f -> new ArrayList<>()).add(e.name());
            }
        }
        int f = 0;
        for (Map.Entry<String, List<String>> family : members.entrySet()) {
            float hue = FAMILY_HUES[f++ % FAMILY_HUES.length];
            List<String> names = family.getValue();
            for (int i = 0; i < names.size(); i++) {
                colours.put(names.get(i), member(hue, i, names.size()));
            }
        }
    }

    /** The style of the engine catalogue {@code catalogue} (run.json's, in its order). */
    public static EngineStyle ofCatalogue(List<EngineFacts> catalogue) {
        return new EngineStyle(catalogue);
    }

    /** The style of these runs: their catalogues joined in order (one build's runs share one). */
    public static EngineStyle of(List<Run> runs) {
        List<EngineFacts> all = new ArrayList<>();
        runs.forEach(r -> all.addAll(r.catalogue().values()));
        return new EngineStyle(all);
    }

    /** The i-th of n members of a family of base hue {@code hue}: from dark and saturated to light, around the hue. */
    static Color member(float hue, int i, int n) {
        float t = n == 1 ? 0.3f : (float) i / (n - 1);
        float h = hue + (n == 1 ? 0 : (t - 0.5f) * 26f);
        float saturation = 0.85f - 0.30f * t;
        float brightness = 0.62f + 0.33f * t;
        return Color.getHSBColor(((h % 360) + 360) % 360 / 360f, saturation, brightness);
    }

    /** The family run.json names for {@code engine}; empty when unknown. */
    public Optional<String> family(String engine) {
        return Optional.ofNullable(families.get(engine)).filter(f -> !f.isBlank());
    }

    /** The engine's own colour, whatever its knobs: its family's related hue, or grey when its family is unknown. */
    public Color colour(String engine) {
        Color c = colours.get(engine);
        return c != null ? c : UNKNOWN_GREYS[Math.floorMod(engine.hashCode(), UNKNOWN_GREYS.length)];
    }

    /** The colour of a series of this engine: its own, lighter in checked mode. */
    public Color colour(EngineRef engine) {
        Color c = colour(engine.nameOrLabel());
        return engine.isChecked() ? tint(c) : c;
    }

    /** {@code c} mixed with white: how checked mode sits beside its plain engine. */
    static Color tint(Color c) {
        return new Color(mix(c.getRed()), mix(c.getGreen()), mix(c.getBlue()));
    }

    private static int mix(int channel) {
        return Math.round(channel + (255 - channel) * CHECKED_TINT);
    }

    /**
     * A line series of this engine: its colour; solid for the plain engine, dashed for a variant (knobs
     * written other than the batch, which charts show on their axis) or checked mode; a circle, or
     * another marker per variant ({@code variantIndex}: its place among the chart's variants of this engine).
     */
    public Look line(EngineRef engine, int variantIndex) {
        boolean variant = isVariant(engine);
        Marker marker = variant ? VARIANT_MARKERS[Math.floorMod(variantIndex, VARIANT_MARKERS.length)] : SeriesMarkers.CIRCLE;
        return new Look(colour(engine), variant || engine.isChecked() ? DASHED : SOLID, marker);
    }

    /** The i-th floor of a chart: a grey, dotted, with no marker. */
    public Look floor(int index) {
        return new Look(FLOOR_GREYS[Math.floorMod(index, FLOOR_GREYS.length)], DOTTED, SeriesMarkers.NONE);
    }

    /** Knobs written other than batch and checked: a variant of its engine. */
    static boolean isVariant(EngineRef engine) {
        if (engine.written() == null) {
            return !engine.label().equals(engine.nameOrLabel()) && !engine.isChecked();
        }
        return engine.written().keySet().stream()
                .anyMatch(k -> !k.equals(TrialRecord.BATCH_PARAM) && !k.equals(CHECKED_KNOB));
    }

    /** The knob that turns checked mode on (run.json's {@code EngineUse.checked} is read from it). */
    private static final String CHECKED_KNOB = "checked";

    /**
     * The order of engines in charts and tables: the catalogue's order; within one engine the plain
     * spec, then its checked mode right beside it, then its variants (naturally ordered, each followed by
     * its checked mode); engines the catalogue does not know after, by name.
     */
    public Comparator<EngineRef> order() {
        return Comparator.<EngineRef>comparingInt(e -> order.getOrDefault(e.nameOrLabel(), Integer.MAX_VALUE))
                .thenComparing(EngineRef::nameOrLabel, Numbers.NATURAL)
                .thenComparing(e -> isVariant(e) ? withoutChecked(e) : "", Numbers.NATURAL)
                .thenComparing(EngineRef::isChecked)
                .thenComparing(EngineRef::label, Numbers.NATURAL);
    }

    /** The label without {@code checked=true}: what a checked variant sits beside. */
    static String withoutChecked(EngineRef e) {
        return e.labelWithout(CHECKED_KNOB);
    }
}
