package org.smrlab.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One engine of the catalogue as run.json records it: the facts smr-impls' engine catalogue
 * ({@code org.smrlab.smr.engine.EngineType}) holds, copied by the lab into every run so that the
 * reports, which cannot depend on smr-impls, read them instead of keeping their own list.
 *
 * @param name          the engine name ({@code gus}, {@code hp}, ...)
 * @param family        the family, in words ({@code gus family}, {@code epoch family}, {@code pointer-based},
 *                      {@code era-based}, {@code blocking}, {@code baseline}): engines of one family share a mechanism
 * @param summary       one line: what the engine is
 * @param models        what it is faithful to (a source file, a man page, a paper)
 * @param hasWriteSide  its sessions implement GracePeriods (advance, poll, await, synchronize)
 * @param sectionsNest  a read section may open inside another of the same session
 * @param retireBlocks  retire may wait for readers
 * @param enterBlocks   the outermost enter may wait (a read lock behind a writer)
 * @param neverFrees    never frees a retired node (the garbage collector does)
 * @param unsafeByDesign frees too early on purpose, so the detectors can be shown to fire
 * @param defaultKnobs  every knob with its default, in declaration order ({@code batch=64}, ...)
 */
public record EngineFacts(String name, String family, String summary, String models, boolean hasWriteSide,
                          boolean sectionsNest, boolean retireBlocks, boolean enterBlocks, boolean neverFrees,
                          boolean unsafeByDesign, Map<String, String> defaultKnobs) {

    public EngineFacts {
        defaultKnobs = defaultKnobs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(defaultKnobs));
    }
}
