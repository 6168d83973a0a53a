package org.smrlab.run.review;

import java.util.List;
import java.util.Map;
import org.smrlab.run.EngineFacts;

/**
 * Which engines a {@link TrialSelector} runs, as data both sides resolve: bench against smr-impls'
 * engine catalogue when it plans the review profiles, the reports against run.json's copy of the
 * same catalogue when they look the trials up. Choosing by a catalogue fact (a family, the write
 * side) instead of a list means a new engine joins the review without an edit here.
 *
 * @param kind   how the engines are chosen
 * @param specs  for {@link Kind#SPECS}: the engine specs, in order ({@code gus-lazy:tick=10ms});
 *               empty otherwise
 * @param family for {@link Kind#FAMILY}: the family in the catalogue's words ({@code gus family});
 *               null otherwise
 * @param knobs  knobs added to every engine chosen ({@code checked=true}); empty for none. Written
 *               into the spec as {@code name:knob=value} (further knobs after {@code ;}, the suites'
 *               separator, since JMH splits parameter values at commas), so a SAFE choice with {@code checked=true}
 *               is every safe engine in checked mode.
 */
public record EngineChoice(Kind kind, List<String> specs, String family, Map<String, String> knobs) {

    /** How the engines are chosen. */
    public enum Kind {
        /** No engine: a cost floor or another benchmark without an engine parameter. */
        NONE,
        /** The specs listed, exactly. */
        SPECS,
        /** Every engine not unsafe by design ({@link EngineFacts#unsafeByDesign()} false). */
        SAFE,
        /** The safe engines whose sessions have a write side ({@link EngineFacts#hasWriteSide()}). */
        WRITE_SIDE,
        /** The safe engines of one family ({@link EngineFacts#family()}). */
        FAMILY
    }

    public EngineChoice {
        specs = specs == null ? List.of() : List.copyOf(specs);
        knobs = knobs == null ? Map.of() : Map.copyOf(knobs);
        if ((kind == Kind.SPECS) == specs.isEmpty()) {
            throw new IllegalArgumentException("engine choice " + kind + ": specs are given exactly when the kind is SPECS");
        }
        if ((kind == Kind.FAMILY) != (family != null)) {
            throw new IllegalArgumentException("engine choice " + kind + ": a family is given exactly when the kind is FAMILY");
        }
    }

    public static EngineChoice none() {
        return new EngineChoice(Kind.NONE, List.of(), null, Map.of());
    }

    public static EngineChoice specs(String... specs) {
        return new EngineChoice(Kind.SPECS, List.of(specs), null, Map.of());
    }

    public static EngineChoice safe() {
        return new EngineChoice(Kind.SAFE, List.of(), null, Map.of());
    }

    public static EngineChoice writeSide() {
        return new EngineChoice(Kind.WRITE_SIDE, List.of(), null, Map.of());
    }

    public static EngineChoice family(String familyWords) {
        return new EngineChoice(Kind.FAMILY, List.of(), familyWords, Map.of());
    }

    /** The same engines with {@code knob=value} added to each. */
    public EngineChoice with(String knob, String value) {
        java.util.LinkedHashMap<String, String> k = new java.util.LinkedHashMap<>(knobs);
        k.put(knob, value);
        return new EngineChoice(kind, specs, family, k);
    }

    /**
     * The engine specs this choice names, resolved against {@code catalogue} (every engine, in
     * catalogue order, with its facts): the specs as listed, or the engines the facts select, each
     * with {@link #knobs()} added. Empty for {@link Kind#NONE}.
     */
    public List<String> resolve(List<EngineFacts> catalogue) {
        List<String> names = switch (kind) {
            case NONE -> List.of();
            case SPECS -> specs;
            case SAFE -> catalogue.stream().filter(e -> !e.unsafeByDesign()).map(EngineFacts::name).toList();
            case WRITE_SIDE -> catalogue.stream().filter(e -> !e.unsafeByDesign() && e.hasWriteSide())
                    .map(EngineFacts::name).toList();
            case FAMILY -> catalogue.stream().filter(e -> !e.unsafeByDesign() && family.equals(e.family()))
                    .map(EngineFacts::name).toList();
        };
        if (knobs.isEmpty()) {
            return names;
        }
        return names.stream().map(this::withKnobs).toList();
    }

    private String withKnobs(String spec) {
        StringBuilder b = new StringBuilder(spec);
        boolean hasKnobs = spec.contains(":");
        for (Map.Entry<String, String> k : new java.util.TreeMap<>(knobs).entrySet()) {
            b.append(hasKnobs ? ';' : ':').append(k.getKey()).append('=').append(k.getValue()); // ';': JMH splits -p at commas
            hasKnobs = true;
        }
        return b.toString();
    }

    /** In words, for plans and reports: {@code every safe engine}, {@code gus, gus-lazy:tick=10ms}, ... */
    public String words() {
        String base = switch (kind) {
            case NONE -> "no engine";
            case SPECS -> String.join(", ", specs);
            case SAFE -> "every safe engine";
            case WRITE_SIDE -> "every safe engine with a write side";
            case FAMILY -> "the " + family;
        };
        return knobs.isEmpty() ? base : base + " with " + new java.util.TreeMap<>(knobs);
    }
}
