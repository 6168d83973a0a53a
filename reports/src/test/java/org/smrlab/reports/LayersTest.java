package org.smrlab.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages are layers: model at the bottom, then input, analysis, render, and the command line
 * on top. A class may import its own layer and those below, never one above; and no source file
 * of the reports imports smr-impls or bench (the module depends on run-format alone).
 */
class LayersTest {
    private static final Map<String, Set<String>> MAY_USE = Map.of(
            "model", Set.of("model"),
            "input", Set.of("model", "input"),
            "analysis", Set.of("model", "input", "analysis"),
            "render", Set.of("model", "input", "analysis", "render"),
            "cli", Set.of("model", "input", "analysis", "render", "cli"));
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.smrlab\\.([a-z]+)(?:\\.([a-z]+))?\\.", Pattern.MULTILINE);

    @Test
    void noLayerImportsOneAboveIt() throws IOException {
        Path root = Path.of("src", "main", "java", "org", "smrlab", "reports");
        List<String> wrong = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20);
        for (Path f : files) {
            String layer = root.relativize(f).getName(0).toString();
            assertThat(MAY_USE).as(f + " lies in a package that is no layer").containsKey(layer);
            Matcher m = IMPORT.matcher(Files.readString(f));
            while (m.find()) {
                if (m.group(1).equals("reports") && !MAY_USE.get(layer).contains(m.group(2))) {
                    wrong.add(f + " (" + layer + ") imports " + m.group(2));
                }
                if (!m.group(1).equals("reports") && !m.group(1).equals("run")) {
                    wrong.add(f + " imports org.smrlab." + m.group(1) + ": reports depends on run-format alone");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }
}
