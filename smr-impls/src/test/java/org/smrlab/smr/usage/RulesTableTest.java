package org.smrlab.smr.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.smrlab.smr.Engines;
import org.smrlab.smr.engine.EngineType;

/**
 * docs/usage.md explains each engine's rules in a table ("3 Rules per engine"); where its columns
 * state a fact of the engine catalogue (sections nest, retire blocks or never frees or frees at once,
 * a write side or none), they must say what the catalogue says, and every engine must have a row.
 * The catalogue owns the facts; the table explains them.
 */
class RulesTableTest {

    /** The table's rows by engine: the cells after the engine's name. */
    private static Map<String, List<String>> rows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "usage.md"));
        int start = lines.indexOf("## 3 Rules per engine");
        assertThat(start).as("section 3 of docs/usage.md").isPositive();
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (int i = start; i < lines.size() && !(i > start && lines.get(i).startsWith("## ")); i++) {
            String l = lines.get(i);
            if (l.startsWith("| `")) {
                List<String> cells = List.of(l.substring(1, l.length() - 1).split(" \\| "));
                rows.put(cells.get(0).strip().replace("`", ""), cells.subList(1, cells.size()).stream().map(String::strip).toList());
            }
        }
        return rows;
    }

    @Test
    void theTableSaysWhatTheCatalogueSays() throws IOException {
        Map<String, List<String>> rows = rows();
        assertThat(rows.keySet()).as("one row per engine, in catalogue order").containsExactlyElementsOf(Engines.names());
        for (EngineType t : Engines.types()) {
            List<String> c = rows.get(t.name());
            String nest = c.get(0);
            String retire = c.get(2);
            String writeSide = c.get(3);
            assertThat(nest.startsWith("yes")).as(t.name() + ": sections nest").isEqualTo(t.sectionsNest());
            assertThat(nest.startsWith("no")).as(t.name() + ": sections nest").isEqualTo(!t.sectionsNest());
            assertThat(retire.contains("blocks") && !retire.startsWith("never")).as(t.name() + ": retire blocks")
                    .isEqualTo(t.retireBlocks());
            assertThat(retire.contains("never frees")).as(t.name() + ": never frees").isEqualTo(t.neverFrees());
            assertThat(retire.contains("frees at once")).as(t.name() + ": unsafe by design").isEqualTo(t.unsafeByDesign());
            assertThat(writeSide.startsWith("none")).as(t.name() + ": no write side").isEqualTo(!t.hasWriteSide());
        }
    }
}
