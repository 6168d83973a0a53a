package org.smrlab.reports.input;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.smrlab.reports.model.Measurement;
import org.smrlab.reports.model.ResultFile;
import org.smrlab.reports.model.TrialKey;
import org.smrlab.reports.model.TrialResult;
import org.smrlab.run.RunInfo;

/**
 * Reads JMH's {@code -rf json} output: an array with one object per trial, holding
 * {@code benchmark}, {@code mode}, {@code threads}, {@code params}, {@code primaryMetric} and
 * {@code secondaryMetrics}, plus the JVM it ran on ({@code jdkVersion}, {@code vmName}, ...).
 *
 * <p>Implementation notes. The array is walked with a streaming parser and each element is then
 * read as a tree: the tree is convenient, and the parser knows where each element starts, so a
 * semantic error (a missing field, a string where a number belongs) names the line and column of
 * the result object it is in, and the field's path; a syntax error names its exact position.
 * JMH writes non-finite numbers as strings ({@code "NaN"}); those are accepted.
 */
public final class JmhJsonReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

    private JmhJsonReader() {
    }

    public static ResultFile read(Path file, String text) {
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected JMH -rf json output)");
        }
        List<TrialResult> trials = new ArrayList<>();
        RunInfo.Jvm jvm = null;
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonToken token = parser.nextToken();
            if (token != JsonToken.START_ARRAY) {
                throw at(file, parser.currentTokenLocation(), "expected a JSON array of JMH results, found " + token);
            }
            int index = 0;
            while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
                JsonLocation where = parser.currentTokenLocation();
                if (token != JsonToken.START_OBJECT) {
                    throw at(file, where, "expected a JMH result object, found " + token);
                }
                JsonNode node = MAPPER.readTree(parser);
                Element element = new Element(file, where, ++index, node);
                trials.add(element.trial());
                if (jvm == null) {
                    jvm = element.jvm();
                }
            }
            if (parser.nextToken() != null) {
                throw at(file, parser.currentTokenLocation(), "unexpected text after the results array");
            }
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InputException(file, where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(),
                    "not valid JSON: " + JmhJsonReader.plain(e));
        } catch (IOException e) {
            throw InputException.of(file, "not readable: " + e.getMessage());
        }
        if (trials.isEmpty()) {
            throw new InputException(file, 1, 1, "the results array is empty");
        }
        return new ResultFile(file, ResultFile.Format.JSON, trials, jvm);
    }

    /** Jackson's message without its "[Source: ...]" noise. */
    static String plain(JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\[Source: [^;]*; (line: \\d+, column: \\d+)]", "$1");
    }

    private static InputException at(Path file, JsonLocation where, String problem) {
        return new InputException(file, where.getLineNr(), where.getColumnNr(), problem);
    }

    /** One result object, with what is needed to name it in an error. */
    private record Element(Path file, JsonLocation where, int index, JsonNode node) {

        TrialResult trial() {
            String benchmark = text(node, "benchmark");
            TreeMap<String, String> params = new TreeMap<>();
            JsonNode p = node.get("params");
            if (p != null && !p.isNull()) {
                if (!p.isObject()) {
                    throw error("params", "expected an object of parameter values");
                }
                p.properties().forEach(e -> params.put(e.getKey(), e.getValue().asText()));
            }
            JsonNode threads = require(node, "threads");
            if (!threads.canConvertToInt()) {
                throw error("threads", "expected a whole number, found " + threads);
            }
            TrialKey key = new TrialKey(benchmark, text(node, "mode"), threads.intValue(), params);
            Measurement primary = metric(object(node, "primaryMetric"), "primaryMetric");
            Map<String, Measurement> secondary = new LinkedHashMap<>();
            JsonNode s = node.get("secondaryMetrics");
            if (s != null && !s.isNull()) {
                if (!s.isObject()) {
                    throw error("secondaryMetrics", "expected an object of metrics");
                }
                s.properties().forEach(e -> secondary.put(e.getKey(),
                        metric(e.getValue(), "secondaryMetrics." + e.getKey())));
            }
            return new TrialResult(key, primary, secondary, file + ":" + where.getLineNr());
        }

        RunInfo.Jvm jvm() {
            List<String> args = new ArrayList<>();
            JsonNode a = node.get("jvmArgs");
            if (a != null && a.isArray()) {
                a.forEach(x -> args.add(x.asText()));
            }
            return new RunInfo.Jvm(optional("jdkVersion"), null, optional("vmName"), optional("vmVersion"), args);
        }

        private String optional(String field) {
            JsonNode v = node.get(field);
            return v == null || v.isNull() ? null : v.asText();
        }

        private Measurement metric(JsonNode m, String path) {
            if (!m.isObject()) {
                throw error(path, "expected an object with score, scoreError, scoreUnit");
            }
            long samples = 0;
            JsonNode raw = m.get("rawData");
            if (raw != null && raw.isArray()) {
                for (JsonNode fork : raw) {
                    samples += fork.size();
                }
            }
            return new Measurement(number(m, path, "score", false), number(m, path, "scoreError", true),
                    text(m, path, "scoreUnit"), samples, Measurement.Source.JSON);
        }

        private double number(JsonNode m, String path, String field, boolean optional) {
            JsonNode v = m.get(field);
            if (v == null || v.isNull()) {
                if (optional) {
                    return Double.NaN;
                }
                throw error(path + "." + field, "missing");
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isTextual() && NON_FINITE.contains(v.asText())) {
                return Double.parseDouble(v.asText());
            }
            throw error(path + "." + field, "expected a number, found " + v);
        }

        private JsonNode require(JsonNode n, String field) {
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw error(field, "missing");
            }
            return v;
        }

        private JsonNode object(JsonNode n, String field) {
            return require(n, field);
        }

        private String text(JsonNode n, String field) {
            return text(n, null, field);
        }

        private String text(JsonNode n, String path, String field) {
            String full = path == null ? field : path + "." + field;
            JsonNode v = n.get(field);
            if (v == null || v.isNull()) {
                throw error(full, "missing");
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                throw error(full, "expected a non-empty string, found " + v);
            }
            return v.asText();
        }

        private InputException error(String field, String problem) {
            JsonNode b = node.get("benchmark");
            String name = b != null && b.isTextual() ? " (" + b.asText() + ")" : "";
            return new InputException(file, where.getLineNr(), where.getColumnNr(),
                    "result #" + index + name + ", field " + field + ": " + problem);
        }
    }
}
