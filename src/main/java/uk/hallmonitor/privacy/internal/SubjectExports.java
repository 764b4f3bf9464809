package uk.hallmonitor.privacy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.bson.types.Binary;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import uk.hallmonitor.privacy.PrivacyProperties;
import uk.hallmonitor.privacy.Subject;

/**
 * The export files of subject access requests ({@code privacy_exports}, keyed by request id): one ZIP with the data
 * as JSON ({@code data.json}) and as a page a person can read ({@code index.html}). A file is downloaded once: the
 * download takes it in one compare-and-set (not yet downloaded, not expired) that also removes its bytes. Expired
 * files are removed by the retention purge.
 */
@Component
record SubjectExports(ReactiveMongoTemplate mongo, Clock clock, PrivacyProperties properties) {

    static final String COLLECTION = "privacy_exports";
    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED)
            .indent(true).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A file ready to download: its token and until when. */
    record Ready(String token, Instant expiresAt, boolean downloaded) {
    }

    /** Builds and stores the file of a request (again, if it was built before a crash: same id, new token). */
    Mono<Ready> store(SubjectRequest request, Map<String, List<Document>> found) {
        byte[] zip = zip(request, found);
        String token = token();
        Instant expires = clock.instant().plus(properties.exportValidFor());
        Document file = new Document("_id", request.id()).append("schoolId", request.schoolId())
                .append("subjectKey", request.subject().auditKey()).append("token", token)
                .append("expiresAt", java.util.Date.from(expires)).append("downloadedAt", null)
                .append("zip", new Binary(zip));
        return mongo.save(file, COLLECTION).thenReturn(new Ready(token, expires, false));
    }

    /** The file's link state for a request, if it has one. */
    Mono<Ready> of(String requestId) {
        Query query = Query.query(Criteria.where("_id").is(requestId));
        query.fields().include("token").include("expiresAt").include("downloadedAt");
        return mongo.findOne(query, Document.class, COLLECTION).map(d -> new Ready(d.getString("token"),
                d.getDate("expiresAt").toInstant(), d.get("downloadedAt") != null));
    }

    /**
     * Takes the file for the token once: empty when there is no such file, it was downloaded already or it has
     * expired.
     */
    Mono<Document> take(String token) {
        Instant now = clock.instant();
        return mongo.findAndModify(Query.query(Criteria.where("token").is(token).and("downloadedAt").is(null)
                .and("expiresAt").gt(java.util.Date.from(now))),
                new Update().set("downloadedAt", java.util.Date.from(now)).unset("zip"),
                FindAndModifyOptions.options().returnNew(false), Document.class, COLLECTION);
    }

    /** Removes any file about the person (an erasure must not leave a copy waiting for download). */
    Mono<Long> removeAbout(Subject subject) {
        return mongo.remove(Query.query(Criteria.where("schoolId").is(subject.schoolId()).and("subjectKey")
                .is(subject.auditKey())), COLLECTION).map(r -> r.getDeletedCount());
    }

    static byte[] zip(SubjectRequest request, Map<String, List<Document>> found) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
            zip.putNextEntry(new ZipEntry("data.json"));
            zip.write(json(request, found).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("index.html"));
            zip.write(html(request, found).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String json(SubjectRequest request, Map<String, List<Document>> found) {
        Document about = new Document("schoolId", request.schoolId()).append("request", request.id())
                .append("subject", subject(request.subject()))
                .append("generatedAt", String.valueOf(request.startedAt()));
        StringBuilder out =
                new StringBuilder("{\n\"about\": ").append(about.toJson(JSON)).append(",\n\"collections\": {");
        boolean first = true;
        for (Map.Entry<String, List<Document>> entry : found.entrySet()) {
            out.append(first ? "\n" : ",\n").append('"').append(entry.getKey()).append("\": [");
            first = false;
            for (int i = 0; i < entry.getValue().size(); i++) {
                out.append(i == 0 ? "\n" : ",\n").append(entry.getValue().get(i).toJson(JSON));
            }
            out.append("]");
        }
        return out.append("\n}\n}\n").toString();
    }

    static String html(SubjectRequest request, Map<String, List<Document>> found) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Data held about ").append(HtmlUtils.htmlEscape(subject(request.subject())))
                .append("</title></head><body><h1>Data held about ")
                .append(HtmlUtils.htmlEscape(subject(request.subject())))
                .append("</h1><p>Everything Hallmonitor held about this person for the school when the request ")
                .append(HtmlUtils.htmlEscape(request.id()))
                .append(" was answered. Each section is one kind of record.</p>");
        if (found.isEmpty()) {
            out.append("<p>Nothing is held.</p>");
        }
        found.forEach((collection, docs) -> {
            out.append("<h2>").append(HtmlUtils.htmlEscape(collection)).append(" (").append(docs.size())
                    .append(")</h2>");
            for (Document doc : docs) {
                out.append("<dl>");
                doc.forEach((field, value) -> out.append("<dt>").append(HtmlUtils.htmlEscape(field)).append("</dt><dd>")
                        .append(HtmlUtils
                                .htmlEscape(value instanceof Document d ? d.toJson(JSON) : String.valueOf(value)))
                        .append("</dd>"));
                out.append("</dl>");
            }
        });
        return out.append("</body></html>").toString();
    }

    private static String subject(Subject subject) {
        return subject.staff() ? "member of staff " + subject.staffId() : "@" + subject.bareHandle() + " on "
                + subject.platform();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
