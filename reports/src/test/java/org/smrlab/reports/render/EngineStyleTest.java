package org.smrlab.reports.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.smrlab.reports.Fixtures;
import org.smrlab.reports.model.EngineRef;
import org.smrlab.reports.model.Run;
import org.smrlab.run.EngineFacts;

/** One colour per engine in every chart, families in related hues, checked beside plain, floors apart. */
class EngineStyleTest {

    private static EngineFacts facts(String name, String family) {
        return new EngineFacts(name, family, "", "", true, false, false, false, false, false, Map.of("batch", "64"));
    }

    private static final List<EngineFacts> CATALOGUE = List.of(facts("gus", "gus family"), facts("gus-deferred", "gus family"),
            facts("gus-lazy", "gus family"), facts("qsbr", "epoch family"), facts("ebr", "epoch family"),
            facts("hp", "pointer-based"), facts("pserialize", "blocking"), facts("rwlock", "blocking"));

    private static EngineRef engine(String label, String name, Map<String, String> written, boolean checked) {
        return new EngineRef(label, name, written, written, checked, null);
    }

    private static EngineRef plain(String name) {
        return engine(name, name, Map.of(), false);
    }

    private static float hue(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[0] * 360f;
    }

    private static float saturation(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[1];
    }

    private static float brightness(Color c) {
        return Color.RGBtoHSB(c.getRed(), c.getGreen(), c.getBlue(), null)[2];
    }

    private static float hueDistance(Color a, Color b) {
        float d = Math.abs(hue(a) - hue(b)) % 360;
        return Math.min(d, 360 - d);
    }

    @Test
    void anEngineHasOneColourWhateverElseIsInTheChart() {
        EngineStyle all = EngineStyle.ofCatalogue(CATALOGUE);
        EngineStyle again = EngineStyle.ofCatalogue(List.copyOf(CATALOGUE));
        for (EngineFacts e : CATALOGUE) {
            assertThat(again.colour(e.name())).as(e.name()).isEqualTo(all.colour(e.name()));
        }
        // the colour depends on the engine and the catalogue, not on its knobs
        assertThat(all.colour(engine("gus-deferred:limit=4", "gus-deferred", Map.of("limit", "4"), false)))
                .isEqualTo(all.colour("gus-deferred"));
        // distinct engines, distinct colours
        assertThat(CATALOGUE.stream().map(e -> all.colour(e.name())).distinct()).hasSize(CATALOGUE.size());
    }

    @Test
    void familiesShareRelatedHuesAndDifferFromEachOther() {
        EngineStyle s = EngineStyle.ofCatalogue(CATALOGUE);
        Color gus = s.colour("gus");
        assertThat(hueDistance(gus, s.colour("gus-deferred"))).isLessThan(30);
        assertThat(hueDistance(gus, s.colour("gus-lazy"))).isLessThan(30);
        assertThat(hueDistance(s.colour("qsbr"), s.colour("ebr"))).isLessThan(30);
        assertThat(hueDistance(s.colour("pserialize"), s.colour("rwlock"))).isLessThan(30);
        for (String other : List.of("qsbr", "ebr", "hp", "pserialize", "rwlock")) {
            assertThat(hueDistance(gus, s.colour(other))).as("gus vs " + other).isGreaterThan(50);
        }
        assertThat(hueDistance(s.colour("hp"), s.colour("qsbr"))).isGreaterThan(50);
        // members of a family differ in lightness, so they stay apart
        assertThat(brightness(s.colour("gus-lazy"))).isGreaterThan(brightness(gus) + 0.1f);
    }

    @Test
    void anEngineOfUnknownFamilyIsGrey() {
        EngineStyle s = EngineStyle.ofCatalogue(List.of(facts("gus", "gus family"), facts("odd", null)));
        assertThat(saturation(s.colour("odd"))).isZero();
        assertThat(saturation(s.colour("never-heard-of"))).isZero();
        assertThat(s.colour("never-heard-of")).isEqualTo(s.colour("never-heard-of"));
        assertThat(saturation(s.colour("gus"))).isGreaterThan(0.3f);
        // no catalogue at all (a bare JMH file): every engine grey
        assertThat(saturation(EngineStyle.ofCatalogue(List.of()).colour("gus"))).isZero();
    }

    @Test
    void checkedModeIsALighterTintOfItsEngine() {
        EngineStyle s = EngineStyle.ofCatalogue(CATALOGUE);
        Color plain = s.colour(plain("hp"));
        Color checked = s.colour(engine("hp:checked=true", "hp", Map.of("checked", "true"), true));
        assertThat(checked).isNotEqualTo(plain);
        assertThat(hueDistance(plain, checked)).isLessThan(6);
        assertThat(brightness(checked)).isGreaterThanOrEqualTo(brightness(plain));
        assertThat(saturation(checked)).isLessThan(saturation(plain));
    }

    @Test
    void orderIsTheCatalogueWithCheckedBesideItsPlainEngineAndUnknownsLast() {
        EngineStyle s = EngineStyle.ofCatalogue(CATALOGUE);
        List<EngineRef> refs = new ArrayList<>(List.of(plain("zeta"), plain("hp"),
                engine("gus-deferred:limit=4", "gus-deferred", Map.of("limit", "4"), false),
                engine("gus:checked=true", "gus", Map.of("checked", "true"), true), plain("gus-deferred"), plain("gus"),
                engine("gus-deferred:limit=4,checked=true", "gus-deferred", Map.of("limit", "4", "checked", "true"), true),
                engine("hp:checked=true", "hp", Map.of("checked", "true"), true), plain("alpha")));
        refs.sort(s.order());
        assertThat(refs.stream().map(EngineRef::label)).containsExactly("gus", "gus:checked=true", "gus-deferred",
                "gus-deferred:limit=4", "gus-deferred:limit=4,checked=true", "hp", "hp:checked=true", "alpha", "zeta");
    }

    @Test
    void chartsOfOneRunUseTheStyleEverywhere() {
        List<Run> runs = Fixtures.runs(Fixtures.SUMMARY);
        EngineStyle s = EngineStyle.of(runs);
        Map<String, Color> seen = new LinkedHashMap<>();
        for (Charts.Plot p : Charts.build(runs)) {
            if (p.chart() instanceof CategoryChart c) {
                for (CategorySeries series : c.getSeriesCollection()) {
                    String name = series.getName();
                    if (name.startsWith("floor: ")) {
                        assertThat(saturation(series.getFillColor())).as(p.id() + " " + name + " is grey").isZero();
                    } else {
                        String engine = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                        Color expected = name.contains("checked=true") ? EngineStyle.tint(s.colour(engine)) : s.colour(engine);
                        assertThat(series.getFillColor()).as(p.id() + " " + name).isEqualTo(expected);
                        seen.putIfAbsent(name, series.getFillColor());
                    }
                }
            } else if (p.chart() instanceof XYChart c) {
                for (XYSeries series : c.getSeriesCollection()) {
                    if (!series.getName().startsWith("floor: ")) {
                        String name = series.getName();
                        String engine = name.contains(":") ? name.substring(0, name.indexOf(':')) : name;
                        Color expected = name.contains("checked=true") ? EngineStyle.tint(s.colour(engine)) : s.colour(engine);
                        assertThat(series.getLineColor()).as(p.id() + " " + name).isEqualTo(expected);
                    }
                }
            }
        }
        assertThat(seen).containsKeys("gus", "hp", "gus:checked=true");
    }

    @Test
    void barsPutEnginesInOrderCheckedBesidePlainAndFloorsAfter() {
        List<Run> runs = Fixtures.runs(Fixtures.SUMMARY);
        CategoryChart chart = (CategoryChart) Charts.build(runs).stream()
                .filter(p -> p.id().contains("bars-ReadSideBench.emptySection_avgt_1_thread")).findFirst().orElseThrow().chart();
        List<String> names = new ArrayList<>(chart.getSeriesCollection().stream().map(x -> x.getName()).toList());
        int firstFloor = names.indexOf(names.stream().filter(n -> n.startsWith("floor: ")).findFirst().orElseThrow());
        assertThat(names.subList(firstFloor, names.size())).allMatch(n -> n.startsWith("floor: "));
        assertThat(names.subList(0, firstFloor)).noneMatch(n -> n.startsWith("floor: "));
        assertThat(names.indexOf("gus:checked=true")).isEqualTo(names.indexOf("gus") + 1);
        assertThat(names.indexOf("gus")).isLessThan(names.indexOf("qsbr"));
        assertThat(names.indexOf("qsbr")).isLessThan(names.indexOf("hp"));
    }
}
