package uk.hallmonitor.connectors.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
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
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent a body that is not JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent JSON that is not an object", null);
        }
        return node;
    }

    /** Parses a body that must be a JSON array; {@link Kind#MALFORMED} otherwise. */
    public static JsonNode parseList(byte[] body, String what) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent a body that is not JSON", null);
        }
        if (node == null || !node.isArray()) {
            throw new ConnectorException(Kind.MALFORMED, what + " sent JSON that is not a list", null);
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
