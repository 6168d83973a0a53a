package org.smrlab.bench.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.smrlab.bench.support.EngineParam;
import org.smrlab.smr.Engines;

/**
 * The engines {@code --engines a,b} names: engine names (or specs with knobs, which then replace
 * the name in entries that run every engine). Each is checked with {@code Engines.canonical}, so a
 * bad name or knob is refused with the list of valid engines.
 */
public record EngineSelection(List<String> specs) {

    /** Parses the option's value; throws {@link UsageException} listing the valid engines. */
    public static EngineSelection parse(String value) {
        List<String> specs = new ArrayList<>();
        if (value == null || value.isBlank()) {
            throw new UsageException("--engines needs a comma-separated list; valid engines: " + String.join(", ", Engines.names()));
        }
        for (String part : splitSpecs(value)) {
            try {
                Engines.canonical(part);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--engines: " + e.getMessage()
                        + (e.getMessage().contains("valid engines") ? "" : "; valid engines: " + String.join(", ", Engines.names())));
            }
            specs.add(part);
        }
        return new EngineSelection(List.copyOf(specs));
    }

    /**
     * Splits at commas that start a new engine: {@code gus,ebr} is two engines, while
     * {@code gus-deferred:limit=4,batch=8} is one spec with two knobs (a part with '=' and no ':'
     * continues the previous spec). Specs may also separate knobs with ';'.
     */
    static List<String> splitSpecs(String value) {
        List<String> out = new ArrayList<>();
        for (String raw : value.split(",")) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (!out.isEmpty() && part.contains("=") && !part.contains(":")) {
                out.set(out.size() - 1, out.get(out.size() - 1) + "," + part);
            } else {
                out.add(part.replace(';', ','));
            }
        }
        return out;
    }

    /** The engine names selected. */
    public Set<String> names() {
        Set<String> n = new LinkedHashSet<>();
        for (String s : specs) {
            n.add(EngineParam.name(s));
        }
        return n;
    }
}
