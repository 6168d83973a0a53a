package org.smrlab.run.review;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import org.smrlab.run.RunFormatException;

/**
 * The one writer and the one reader of a review's JSON files: the evidence ({@link EvidenceKind}) and
 * {@code review.json} ({@link ReviewInfo}). Read strictly, as run.json is: a missing or different
 * schema tag, or a field the record does not know, is an error naming the line, the column and the
 * field. Files are written whole: to {@code <file>.part}, then renamed.
 */
public final class EvidenceJson {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EvidenceJson() {
    }

    /** The text of {@code value} (an evidence record or a {@link ReviewInfo}), ending with a newline. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Writes {@code value} to {@code file} whole (a {@code .part} file renamed over it). */
    public static void write(Path file, Object value) {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try {
            Files.writeString(part, write(value), StandardCharsets.UTF_8);
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes {@code evidence} to {@code <evidenceDir>/<its kind's file>}. */
    public static Path write(Path evidenceDir, Evidence evidence) {
        Path file = evidenceDir.resolve(kindOf(evidence.getClass()).file());
        write(file, (Object) evidence);
        return file;
    }

    /** Reads an evidence file of {@code kind}; throws {@link RunFormatException} naming line, column and field. */
    public static Evidence read(EvidenceKind kind, String text) {
        return read(kind.type(), text, schemaOf(kind.type()));
    }

    /** Reads {@code <evidenceDir>/<kind's file>}; errors name the file. */
    public static Evidence read(EvidenceKind kind, Path evidenceDir) throws IOException {
        Path file = evidenceDir.resolve(kind.file());
        try {
            return read(kind, Files.readString(file, StandardCharsets.UTF_8));
        } catch (RunFormatException e) {
            throw new RunFormatException(e.line(), e.column(), file + ": " + e.getMessage());
        }
    }

    /** Reads {@code <evidenceDir>/<file of type>} as {@code type}. */
    public static <T extends Evidence> T read(Class<T> type, Path evidenceDir) throws IOException {
        return type.cast(read(kindOf(type), evidenceDir));
    }

    /** Reads review.json's text. */
    public static ReviewInfo readReview(String text) {
        return read(ReviewInfo.class, text, ReviewInfo.SCHEMA);
    }

    /** Reads a review folder's review.json; errors name the file. */
    public static ReviewInfo readReview(Path reviewDir) throws IOException {
        Path file = reviewDir.resolve(org.smrlab.run.RunFolder.REVIEW_JSON);
        try {
            return readReview(Files.readString(file, StandardCharsets.UTF_8));
        } catch (RunFormatException e) {
            throw new RunFormatException(e.line(), e.column(), file + ": " + e.getMessage());
        }
    }

    static EvidenceKind kindOf(Class<?> type) {
        for (EvidenceKind k : EvidenceKind.values()) {
            if (k.type() == type) {
                return k;
            }
        }
        throw new IllegalArgumentException(type + " is not an evidence record");
    }

    private static String schemaOf(Class<?> type) {
        try {
            return (String) type.getField("SCHEMA").get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " has no SCHEMA constant", e);
        }
    }

    private static <T> T read(Class<T> type, String text, String schema) {
        if (text.isBlank()) {
            throw new RunFormatException(1, 1, "empty file (expected " + schema + ")");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw at(e, "not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RunFormatException(1, 1, "expected a JSON object (" + schema + ")");
        }
        JsonNode tag = root.get("schema");
        if (tag == null || !schema.equals(tag.asText())) {
            throw new RunFormatException(1, 1, "field schema: " + (tag == null ? "missing" : "\"" + tag.asText() + "\"")
                    + ", expected \"" + schema + "\"");
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            throw at(e, "field " + e.getPropertyName() + ": not part of " + schema + " (known here: "
                    + String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList()) + ")");
        } catch (JsonProcessingException e) {
            throw at(e, e.getOriginalMessage());
        }
    }

    private static RunFormatException at(JsonProcessingException e, String message) {
        JsonLocation where = e.getLocation();
        return new RunFormatException(where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(), message);
    }
}
