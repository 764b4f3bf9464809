package uk.hallmonitor.connectors.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;

/** Lenient reading of platform JSON: a whole body that is not JSON fails; a field of the wrong shape reads as absent. */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    /** Parses a body; {@link Kind#MALFORMED} when it is not a JSON object. */
    public static JsonNode parse(byte[] body, String what) {
        return parse(body, what, JsonNode::isObject, "an object");
    }

    /** Parses a body that must be a JSON array; {@link Kind#MALFORMED} otherwise. */
    public static JsonNode parseList(byte[] body, String what) {
        return parse(body, what, JsonNode::isArray, "a list");
    }

    private static JsonNode parse(byte[] body, String what, Predicate<JsonNode> shape, String shapeWords) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent a body that is not JSON", null);
        }
        if (node == null || !shape.test(node)) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent JSON that is not " + shapeWords, null);
        }
        return node;
    }

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** The string at a field, or {@code null} when absent or not a string (numbers are given as text). */
    public static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString()) {
            return value.stringValue();
        }
        return value.isNumber() ? value.asString() : null;
    }

    /** The string at a field, or a {@link BadItem} naming the field. */
    public static String required(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null || value.isBlank()) {
            throw new BadItem("no " + field);
        }
        return value;
    }

    /** The string at a field, which may be empty but must be there, or a {@link BadItem} naming the field. */
    public static String requiredText(JsonNode node, String field) {
        return present(text(node, field), field);
    }

    /** The object at a field, or a {@link BadItem} naming the field. */
    public static JsonNode requiredObject(JsonNode node, String field) {
        return present(object(node, field), field);
    }

    /** The instant at a field (as {@link #instant}), or a {@link BadItem} naming the field. */
    public static Instant requiredInstant(JsonNode node, String field) {
        return present(instant(node, field), field);
    }

    /** A value read from an item's field, or a {@link BadItem} naming the field when the item lacks it. */
    public static <T> T present(T value, String field) {
        if (value == null) {
            throw new BadItem("no " + field);
        }
        return value;
    }

    /** An ISO-8601 instant (with or without offset) at a field, or {@code null}; a malformed one is a {@link BadItem}. */
    public static Instant instant(JsonNode node, String field) {
        String value = text(node, field);
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                throw new BadItem(field + " '" + abbreviate(value) + "' is not a timestamp");
            }
        }
    }

    /** The node at a field when it is an array, else an empty array. */
    public static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isArray() ? value : MAPPER.createArrayNode();
    }

    public static boolean hasArray(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isArray();
    }

    public static JsonNode object(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isObject() ? value : null;
    }

    /** A value cut to 40 characters, for messages about it. */
    public static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** Thrown while reading one item that cannot be used; the item is skipped with a warning. */
    public static final class BadItem extends RuntimeException {
        public BadItem(String message) {
            super(message, null, false, false);
        }
    }
}
