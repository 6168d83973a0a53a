package org.smrlab.smr.engine;

import java.util.ArrayList;
import java.util.List;
import org.smrlab.smr.Engines;

/**
 * The engine catalogue as a Markdown table: {@code scripts/engines} prints it, and the README holds
 * this very output (a test fails when the two differ), so no document keeps a list of its own.
 */
public final class EngineTable {

    private EngineTable() {
    }

    public static void main(String[] args) {
        System.out.print(markdown());
    }

    /** One row per engine, in catalogue order: name, family, what it is, its facts, its knobs' defaults, what it models. */
    public static String markdown() {
        StringBuilder md = new StringBuilder("| engine | family | what it is | facts | knobs (defaults) | models |\n"
                + "|---|---|---|---|---|---|\n");
        for (EngineType t : Engines.types()) {
            List<String> facts = new ArrayList<>();
            facts.add(t.hasWriteSide() ? "write side (GracePeriods)" : "no write side");
            facts.add(t.sectionsNest() ? "sections nest" : "sections do not nest");
            if (t.retireBlocks()) {
                facts.add("retire may block");
            }
            if (t.enterBlocks()) {
                facts.add("enter may block");
            }
            if (t.neverFrees()) {
                facts.add("never frees");
            }
            if (t.unsafeByDesign()) {
                facts.add("unsafe by design");
            }
            if (t.sectionsMaySleep()) {
                facts.add("sections may sleep");
            }
            if (t.protectionPerLoad()) {
                facts.add("protection per load");
            }
            List<String> knobs = new ArrayList<>();
            t.defaultKnobs().forEach((k, v) -> knobs.add("`" + k + "=" + v + "`"));
            md.append("| `").append(t.name()).append("` | ").append(t.family().words()).append(" | ").append(cell(t.summary()))
                    .append(" | ").append(String.join(", ", facts)).append(" | ").append(String.join(" ", knobs)).append(" | ")
                    .append(cell(t.models())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
