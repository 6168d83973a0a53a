package org.smrlab.run;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The one writer and the one reader of run.json ({@link RunInfo}), with Jackson.
 *
 * <p>Implementation notes. Schema {@value RunInfo#SCHEMA} is read strictly: a field this reader
 * does not know is an error naming it, so any change to the format goes with a new schema version
 * rather than silently meaning something else. Schema {@value RunInfo#SCHEMA_1} (the lab before
 * the catalogue was recorded) is read field by field into the same record, with what it lacks left
 * null: its runs still open, their engines' facts shown as unknown. Any other schema is refused,
 * naming the ones this reader knows. Files are written whole: to {@code run.json.part}, then
 * renamed over {@code run.json}.
 */
public final class RunJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private RunJson() {
    }

    /** run.json's text for {@code info}, ending with a newline. */
    public static String write(RunInfo info) {
        try {
            return MAPPER.writeValueAsString(info) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write run.json: " + e.getMessage(), e);
        }
    }

    /** Writes {@code info} to {@code file} whole: to a {@code .part} file first, then renamed. */
    public static void write(Path file, RunInfo info) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(part, write(info), StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads run.json's text; a malformed or unknown file throws {@link RunFormatException} naming line, column and field. */
    public static RunInfo read(String text) {
        if (text.isBlank()) {
            throw new RunFormatException(1, 1, "empty file (expected a smrlab run.json)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw at(e, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RunFormatException(1, 1, "expected a JSON object");
        }
        JsonNode schema = root.get("schema");
        if (schema == null || schema.isNull()) {
            throw new RunFormatException(1, 1, "field schema: missing (expected \"" + RunInfo.SCHEMA + "\")");
        }
        RunInfo info;
        if (RunInfo.SCHEMA.equals(schema.asText())) {
            try {
                info = MAPPER.readValue(text, RunInfo.class);
            } catch (UnrecognizedPropertyException e) {
                throw at(text, e, "field " + path(e) + ": not part of " + RunInfo.SCHEMA + " (known here: "
                        + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
            } catch (JsonProcessingException e) {
                throw at(text, e, "field " + path(e) + ": " + e.getOriginalMessage());
            }
        } else if (RunInfo.SCHEMA_1.equals(schema.asText())) {
            info = Schema1.read(root);
        } else {
            throw new RunFormatException(1, 1, "field schema: unknown schema \"" + schema.asText() + "\" (this reader knows \""
                    + RunInfo.SCHEMA + "\" and \"" + RunInfo.SCHEMA_1 + "\")");
        }
        if (info.shard() != null && (info.shard().count() < 1 || info.shard().index() < 1
                || info.shard().index() > info.shard().count())) {
            throw new RunFormatException(1, 1, "field shard: index " + info.shard().index() + " of " + info.shard().count()
                    + " is not a valid shard");
        }
        return info;
    }

    /** Reads run.json from {@code file}; errors name the file. */
    public static RunInfo read(Path file) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8));
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (var ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    b.append(b.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else {
                    b.append('[').append(ref.getIndex()).append(']');
                }
            }
            return b.toString();
        }
        return "?";
    }

    /**
     * Where the field a mapping error names is: Jackson reports records' errors at the end of the
     * object it buffered, so the field is found again by walking the text along the error's path.
     */
    private static RunFormatException at(String text, JsonProcessingException e, String message) {
        if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
            List<Object> want = new ArrayList<>();
            m.getPath().forEach(r -> want.add(r.getFieldName() != null ? r.getFieldName() : (Object) r.getIndex()));
            try (JsonParser p = MAPPER.createParser(text)) {
                List<Object> path = new ArrayList<>(); // the key or index of each open container's current member
                List<Boolean> arrays = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) != null) {
                    if (t == JsonToken.FIELD_NAME) {
                        path.set(path.size() - 1, p.currentName());
                    } else if (t.isStructEnd()) {
                        path.remove(path.size() - 1);
                        arrays.remove(arrays.size() - 1);
                        continue;
                    } else if (!arrays.isEmpty() && arrays.get(arrays.size() - 1)) {
                        Object i = path.get(path.size() - 1);
                        path.set(path.size() - 1, i == null ? 0 : (Integer) i + 1); // the next element
                    }
                    if (path.equals(want)) {
                        JsonLocation l = p.currentTokenLocation();
                        return new RunFormatException(l.getLineNr(), l.getColumnNr(), message);
                    }
                    if (t.isStructStart()) {
                        path.add(null);
                        arrays.add(t == JsonToken.START_ARRAY);
                    }
                }
            } catch (IOException ignored) {
                // fall back to Jackson's location
            }
        }
        return at(e, message);
    }

    private static RunFormatException at(JsonProcessingException e, String message) {
        JsonLocation where = e.getLocation();
        return new RunFormatException(where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(), message);
    }

    /** Schema 1, field by field: a present field of the wrong type is an error, a missing one is null. */
    private record Schema1(JsonNode root) {

        static RunInfo read(JsonNode root) {
            Schema1 f = new Schema1(root);
            List<TrialRecord> failed = new ArrayList<>();
            for (String label : f.list("failedTrials")) {
                failed.add(new TrialRecord(null, null, null, label, null, false, null, null, TrialRecord.Status.FAILED));
            }
            List<RunInfo.MergedShard> merged = null;
            JsonNode from = f.at("mergedFrom");
            if (from != null && from.isArray()) {
                merged = new ArrayList<>();
                for (JsonNode m : from) {
                    merged.add(new RunInfo.MergedShard(m.path("folder").asText(null), m.path("shard").asInt(0),
                            m.path("command").asText(null)));
                }
            }
            return new RunInfo(RunInfo.SCHEMA_1, f.text("profile"),
                    new RunInfo.Shard(f.integer("shard.index", 1), f.integer("shard.count", 1)),
                    f.text("command"), f.text("startedAt"), f.text("finishedAt"),
                    new RunInfo.Jvm(f.text("jdk.version"), f.text("jdk.vendor"), f.text("jdk.vm"), null, f.list("jvmArgs")),
                    new RunInfo.Machine(f.text("cpu.model"), f.boxedInteger("cpu.cores"), f.text("os"), f.text("kernel")),
                    new RunInfo.MembarrierStatus(f.bool("membarrier.available"), f.text("membarrier.status")),
                    new RunInfo.Git(f.text("gitCommit"), f.bool("gitDirty")),
                    f.list("engines"), null, null, failed, merged);
        }

        JsonNode at(String path) {
            JsonNode n = root;
            for (String part : path.split("\\.")) {
                if (n == null || !n.isObject()) {
                    return null;
                }
                n = n.get(part);
            }
            return n == null || n.isNull() ? null : n;
        }

        String text(String path) {
            JsonNode n = at(path);
            if (n == null) {
                return null;
            }
            if (!n.isValueNode()) {
                throw wrong(path, "a string", n);
            }
            return n.asText();
        }

        Integer boxedInteger(String path) {
            JsonNode n = at(path);
            if (n == null) {
                return null;
            }
            if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                throw wrong(path, "a whole number", n);
            }
            return n.intValue();
        }

        int integer(String path, int absent) {
            Integer v = boxedInteger(path);
            return v == null ? absent : v;
        }

        Boolean bool(String path) {
            JsonNode n = at(path);
            if (n == null) {
                return null;
            }
            if (!n.isBoolean()) {
                throw wrong(path, "true or false", n);
            }
            return n.booleanValue();
        }

        List<String> list(String path) {
            JsonNode n = at(path);
            List<String> out = new ArrayList<>();
            if (n == null) {
                return out;
            }
            if (!n.isArray()) {
                throw wrong(path, "an array", n);
            }
            n.forEach(x -> out.add(x.isValueNode() ? x.asText() : x.toString()));
            return out;
        }

        private RunFormatException wrong(String path, String expected, JsonNode found) {
            return new RunFormatException(1, 1, "field " + path + ": expected " + expected + ", found " + found);
        }
    }
}
