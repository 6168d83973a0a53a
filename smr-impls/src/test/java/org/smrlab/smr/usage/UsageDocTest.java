package org.smrlab.smr.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/usage.md} and {@link UsageExamplesTest} in step: every code block the document
 * marks {@code <!-- example: NAME -->} must be, line for line (indentation aside), the code between
 * {@code // example: NAME} and {@code // end example} in the test method NAME, and every example
 * in the tests must appear in the document. So the document's examples are exactly what runs.
 */
class UsageDocTest {
    private static final Pattern DOC_MARK = Pattern.compile("^<!-- example: (\\w+) -->$");
    private static final Pattern CODE_MARK = Pattern.compile("^\\s*// example: (\\w+)$");
    private static final Pattern CODE_END = Pattern.compile("^\\s*// end example$");

    private static Path moduleDir() {
        return Path.of(System.getProperty("basedir", "."));
    }

    @Test
    void everyExampleInTheDocumentIsTheCodeThatRuns() throws IOException {
        Path doc = moduleDir().resolve("../docs/usage.md").normalize();
        Path src = moduleDir().resolve("src/test/java/org/smrlab/smr/usage/UsageExamplesTest.java");
        Map<String, List<String>> inDoc = docExamples(Files.readAllLines(doc));
        Map<String, List<String>> inCode = codeExamples(Files.readAllLines(src));
        assertThat(inCode).as("examples in %s", src).isNotEmpty();
        assertThat(inDoc.keySet()).as("examples quoted in %s", doc).containsExactlyInAnyOrderElementsOf(inCode.keySet());
        for (Map.Entry<String, List<String>> e : inCode.entrySet()) {
            assertThat(inDoc.get(e.getKey())).as("docs/usage.md example '%s' must match UsageExamplesTest", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
        String source = String.join("\n", Files.readAllLines(src));
        for (String name : inCode.keySet()) {
            assertThat(source).as("a test method named after example %s", name).contains("void " + name + "()");
        }
    }

    /** Code blocks that follow an example mark, dedented. */
    static Map<String, List<String>> docExamples(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = DOC_MARK.matcher(lines.get(i).strip());
            if (!m.matches()) {
                continue;
            }
            int j = i + 1;
            if (j >= lines.size() || !lines.get(j).strip().equals("```java")) {
                throw new AssertionError("docs/usage.md: example " + m.group(1) + " is not followed by a ```java block");
            }
            List<String> block = new ArrayList<>();
            for (j++; j < lines.size() && !lines.get(j).strip().equals("```"); j++) {
                block.add(lines.get(j));
            }
            if (out.put(m.group(1), dedent(block)) != null) {
                throw new AssertionError("docs/usage.md: example " + m.group(1) + " quoted twice");
            }
        }
        return out;
    }

    /** Lines between the markers in the test source, dedented. */
    static Map<String, List<String>> codeExamples(List<String> lines) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String name = null;
        List<String> block = null;
        for (String line : lines) {
            Matcher m = CODE_MARK.matcher(line);
            if (m.matches()) {
                name = m.group(1);
                block = new ArrayList<>();
            } else if (CODE_END.matcher(line).matches()) {
                out.put(name, dedent(block));
                name = null;
            } else if (name != null) {
                block.add(line);
            }
        }
        return out;
    }

    static List<String> dedent(List<String> block) {
        int indent = Integer.MAX_VALUE;
        for (String l : block) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : block) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return out;
    }
}
