package uk.hallmonitor.connectors.fileimport;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.hallmonitor.connectors.CommentImport;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.internal.PlainText;
import uk.hallmonitor.connectors.internal.PostKinds;

/**
 * Reads exported comments. Columns (CSV header) or fields (JSON objects, in a list or under {@code comments}):
 * {@code id}, {@code author}, {@code text}, {@code postedAt} (ISO-8601 with offset) are required; {@code authorId},
 * {@code url}, {@code conversationId}, {@code inReplyToId}, {@code kind} (default COMMENT) and {@code editedAt} are
 * optional. Times in the future are clamped to now.
 */
public final class ExportedComments implements CommentImport {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final List<String> REQUIRED = List.of("id", "author", "text", "postedAt");

    private final Clock clock;

    public ExportedComments(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Imported read(Format format, byte[] content) {
        String text = utf8(content);
        return format == Format.CSV ? csv(text) : json(text);
    }

    private Imported csv(String text) {
        List<Csv.Row> rows = Csv.parse(text);
        if (rows.isEmpty()) {
            throw new ConnectorException(Kind.MALFORMED, "the CSV file is empty; it needs a header row", null);
        }
        List<String> header = rows.get(0).cells().stream()
                .map(cell -> cell.strip().replace("\uFEFF", "")).toList();
        List<String> missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new ConnectorException(Kind.MALFORMED, "the CSV header lacks the columns " + missing, null);
        }
        Rows result = new Rows();
        for (Csv.Row row : rows.subList(1, rows.size())) {
            String where = "line " + row.line();
            if (row.error() != null) {
                result.errors.add(where + ": " + row.error());
                continue;
            }
            if (row.cells().size() == 1 && row.cells().get(0).isBlank()) {
                continue;
            }
            if (row.cells().size() != header.size()) {
                result.errors.add(where + ": has " + row.cells().size() + " cells, the header has " + header.size());
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                fields.put(header.get(i), row.cells().get(i));
            }
            result.add(where, fields);
        }
        return result.done();
    }

    private Imported json(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (tools.jackson.core.exc.StreamConstraintsException e) {
            // nested deeper than Jackson allows (1000 levels): no export of comments looks like that
            throw new ConnectorException(Kind.MALFORMED, "the JSON file is nested too deeply; a comments export is"
                    + " a list of flat objects", null);
        } catch (JacksonException e) {
            // some failures (limits, not syntax) carry no location
            throw new ConnectorException(Kind.MALFORMED, "the file is not JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ")"), null);
        }
        JsonNode list = root != null && root.isObject() ? root.get("comments") : root;
        if (list == null || !list.isArray()) {
            throw new ConnectorException(Kind.MALFORMED,
                    "the JSON file must be a list of comments, or an object with a 'comments' list", null);
        }
        Rows result = new Rows();
        int index = 0;
        for (JsonNode item : list) {
            String where = "comment " + index++;
            if (!item.isObject()) {
                result.errors.add(where + ": is not an object");
                continue;
            }
            Map<String, String> fields = new HashMap<>();
            for (Map.Entry<String, JsonNode> field : item.properties()) {
                JsonNode value = field.getValue();
                if (value.isString() || value.isNumber()) {
                    fields.put(field.getKey(), value.asString());
                }
            }
            result.add(where, fields);
        }
        return result.done();
    }

    private static String utf8(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new ConnectorException(Kind.MALFORMED, "the file is not UTF-8 text", null);
        }
    }

    /** The posts and errors of one import, checking each row. */
    private final class Rows {
        final Map<String, FetchedPost> posts = new LinkedHashMap<>();
        final Map<String, String> firstSeen = new HashMap<>();
        final List<String> errors = new ArrayList<>();

        void add(String where, Map<String, String> fields) {
            List<String> problems = new ArrayList<>();
            for (String name : REQUIRED) {
                if (blank(fields.get(name))) {
                    problems.add(name + " is missing");
                }
            }
            Instant postedAt = instant(fields.get("postedAt"), "postedAt", problems);
            Instant editedAt = instant(fields.get("editedAt"), "editedAt", problems);
            String kind = blank(fields.get("kind")) ? PostKinds.COMMENT
                    : fields.get("kind").strip().toUpperCase(Locale.ROOT);
            if (!PostKinds.ALL.contains(kind)) {
                problems.add("kind '" + fields.get("kind") + "' is not one of " + PostKinds.ALL);
            }
            String id = blank(fields.get("id")) ? null : fields.get("id").strip();
            if (id != null && firstSeen.containsKey(id)) {
                problems.add("id " + id + " repeats " + firstSeen.get(id));
            }
            if (!problems.isEmpty()) {
                errors.add(where + ": " + String.join("; ", problems));
                return;
            }
            Instant now = clock.instant();
            if (postedAt.isAfter(now)) {
                errors.add(where + ": postedAt " + postedAt + " is in the future; clamped to now (row kept)");
                postedAt = now;
            }
            if (editedAt != null && editedAt.isAfter(now)) {
                editedAt = now;
            }
            String author = fields.get("author").strip();
            firstSeen.put(id, where);
            posts.put(id, new FetchedPost(id, kind, blank(fields.get("authorId")) ? author
                    : fields.get("authorId").strip(), author, PlainText.of(fields.get("text")),
                    blankToNull(fields.get("url")), blankToNull(fields.get("conversationId")),
                    blankToNull(fields.get("inReplyToId")), postedAt, editedAt));
        }

        Imported done() {
            return new Imported(List.copyOf(posts.values()), errors);
        }
    }

    private static Instant instant(String value, String field, List<String> problems) {
        if (blank(value)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value.strip() + "' is not an ISO-8601 time with offset, "
                    + "e.g. 2026-11-22T09:30:00Z");
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String blankToNull(String value) {
        return blank(value) ? null : value.strip();
    }
}
