package org.smrlab.reports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;

/**
 * A run folder's {@code run.json} (schema {@code smrlab-run/1}, see docs/architecture.md): what
 * ran, where, on which JVM. It labels the run in every table and chart, and decides which runs
 * are shards of one profile (same label and profile, different shard index) and which must stand
 * side by side. Fields the lab may add later are kept in {@link #json()} and shown as they are.
 */
public record RunInfo(ObjectNode json, String profile, int shardIndex, int shardCount, String command,
                      String startedAt, String finishedAt, String jdkVersion, String jdkVendor, String jdkVm,
                      List<String> jvmArgs, String cpuModel, Integer cores, String os, String kernel,
                      Boolean membarrierAvailable, String membarrierStatus, String gitCommit, List<String> engines) {

    public static final String FILE = "run.json";
    public static final String SCHEMA = "smrlab-run/1";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static RunInfo read(Path file, String text) {
        if (text.isBlank()) {
            throw new InputException(file, 1, 1, "empty file (expected a smrlab run.json)");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            throw new InputException(file, where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(),
                    "not valid JSON: " + JmhJsonReader.plain(e));
        }
        if (root == null || !root.isObject()) {
            throw new InputException(file, 1, 1, "expected a JSON object");
        }
        Fields f = new Fields(file, (ObjectNode) root);
        String schema = f.text("schema");
        if (schema == null) {
            throw new InputException(file, 1, 1, "field schema: missing (expected \"" + SCHEMA + "\")");
        }
        if (!schema.equals(SCHEMA)) {
            throw new InputException(file, 1, 1, "field schema: unknown schema \"" + schema + "\" (this reader knows \"" + SCHEMA + "\")");
        }
        int index = f.integer("shard.index", 1);
        int count = f.integer("shard.count", 1);
        if (count < 1 || index < 1 || index > count) {
            throw new InputException(file, 1, 1, "field shard: index " + index + " of " + count + " is not a valid shard");
        }
        return new RunInfo((ObjectNode) root, f.text("profile"), index, count, f.text("command"),
                f.text("startedAt"), f.text("finishedAt"), f.text("jdk.version"), f.text("jdk.vendor"), f.text("jdk.vm"),
                f.list("jvmArgs"), f.text("cpu.model"), f.boxedInteger("cpu.cores"), f.text("os"), f.text("kernel"),
                f.bool("membarrier.available"), f.text("membarrier.status"), f.text("gitCommit"), f.list("engines"));
    }

    /** {@code cpu ×cores}, or what there is of it. */
    public String machine() {
        if (cpuModel == null) {
            return cores == null ? null : cores + " cores";
        }
        return cores == null ? cpuModel : cpuModel + " ×" + cores;
    }

    public boolean sharded() {
        return shardCount > 1;
    }

    /** Typed access by dotted path; a present field of the wrong type is an error, a missing one is null. */
    private record Fields(Path file, ObjectNode root) {

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
            n.forEach(x -> out.add(x.asText()));
            return out;
        }

        private InputException wrong(String path, String expected, JsonNode found) {
            return new InputException(file, 1, 1, "field " + path + ": expected " + expected + ", found " + found);
        }
    }
}
