package uk.hallmonitor.ownposts.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.ownposts.RosterPupil;
import uk.hallmonitor.vault.SealedData;
import uk.hallmonitor.vault.SealedDataHolder;

/**
 * Rosters in the store: each import is a new document in {@code roster_versions} holding the pupils sealed by the
 * vault, and the school's document in {@code rosters} points at the current one. Replacing is a compare-and-set of
 * that pointer on its version number (no multi-document transaction); a version that lost the race, or was left by a
 * process that stopped before switching, is deleted by the next successful import.
 */
@Component
record RosterRecords(ReactiveMongoTemplate mongo) implements SealedDataHolder {

    static final String VERSIONS = "roster_versions";
    static final String POINTERS = "rosters";
    private static final char FIELD = '\u001F';
    private static final char RECORD = '\u001E';

    /** The school's pointer: which version is current and the school's setting. */
    record Pointer(String schoolId, long version, String versionId, boolean reportFirstNames) {
    }

    /** A stored version's metadata and its sealed pupils. */
    record Version(String id, String schoolId, SealedData sealed, int pupils, int noPublish,
                   Map<String, String> columns, Instant importedAt, String importedBy) {
    }

    Mono<Void> ensureIndexes() {
        return mongo.indexOps(VERSIONS).createIndex(new Index().on("schoolId", Sort.Direction.ASC)).then();
    }

    /** The pointer, created empty (version 0) if the school has none yet. */
    Mono<Pointer> pointer(String schoolId, Instant now) {
        Query query = Query.query(Criteria.where("_id").is(schoolId));
        Update create = new Update().setOnInsert("version", 0L).setOnInsert("reportFirstNames", false)
                .setOnInsert("updatedAt", now);
        return mongo.findAndModify(query, create, FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, POINTERS)
                .onErrorResume(DuplicateKeyException.class, raced -> mongo.findOne(query, Document.class, POINTERS))
                .map(RosterRecords::pointerOf);
    }

    /** The pointer if the school has one. */
    Mono<Pointer> existingPointer(String schoolId) {
        return mongo.findById(schoolId, Document.class, POINTERS).map(RosterRecords::pointerOf);
    }

    private static Pointer pointerOf(Document doc) {
        Number version = doc.get("version", Number.class);
        return new Pointer(doc.getString("_id"), version == null ? 0 : version.longValue(), doc.getString("versionId"),
                Boolean.TRUE.equals(doc.getBoolean("reportFirstNames")));
    }

    Mono<Void> insert(Version version) {
        Document doc = new Document("_id", version.id()).append("schoolId", version.schoolId())
                .append("keyId", version.sealed().keyId())
                .append("ciphertext", new Binary(version.sealed().ciphertext()))
                .append("pupils", version.pupils()).append("noPublish", version.noPublish())
                .append("columns", new Document(version.columns())).append("importedAt", version.importedAt())
                .append("importedBy", version.importedBy());
        return mongo.insert(doc, VERSIONS).then();
    }

    Mono<Version> version(String id) {
        return mongo.findById(id, Document.class, VERSIONS).map(doc -> {
            Document columns = doc.get("columns", Document.class);
            Map<String, String> map = new java.util.LinkedHashMap<>();
            if (columns != null) {
                columns.forEach((k, v) -> map.put(k, String.valueOf(v)));
            }
            return new Version(doc.getString("_id"), doc.getString("schoolId"),
                    new SealedData(doc.getInteger("keyId"), doc.get("ciphertext", Binary.class).getData()),
                    doc.getInteger("pupils"), doc.getInteger("noPublish"), map,
                    doc.getDate("importedAt").toInstant(), doc.getString("importedBy"));
        });
    }

    /** Points the school at the new version if it is still at {@code expected}; emits false when someone won. */
    Mono<Boolean> switchTo(String schoolId, long expected, String versionId, Instant now) {
        Query unchanged = Query.query(Criteria.where("_id").is(schoolId).and("version").is(expected));
        Update update = new Update().set("version", expected + 1).set("versionId", versionId).set("updatedAt", now);
        return mongo.updateFirst(unchanged, update, POINTERS).map(result -> result.getModifiedCount() == 1);
    }

    Mono<Void> setReportFirstNames(String schoolId, boolean report, Instant now) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(schoolId)),
                new Update().set("reportFirstNames", report).set("updatedAt", now), POINTERS).then();
    }

    /** Deletes every version of the school except the one given (superseded, lost races, left by a crash). */
    Mono<Long> deleteAllBut(String schoolId, String keep) {
        return mongo.remove(Query.query(Criteria.where("schoolId").is(schoolId).and("_id").ne(keep)), VERSIONS)
                .map(result -> result.getDeletedCount());
    }

    Mono<Void> delete(String versionId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(versionId)), VERSIONS).then();
    }

    @Override
    public Mono<Long> countUnderKey(int keyId) {
        return mongo.count(Query.query(Criteria.where("keyId").is(keyId)), VERSIONS);
    }

    /** The pupils as bytes to seal: unit and record separators, which no validated name contains. */
    static byte[] encode(List<RosterPupil> pupils) {
        StringBuilder out = new StringBuilder();
        for (RosterPupil p : pupils) {
            out.append(clean(p.firstName())).append(FIELD).append(clean(p.preferredName())).append(FIELD)
                    .append(clean(p.surname())).append(FIELD).append(clean(p.year())).append(FIELD)
                    .append(clean(p.group())).append(FIELD).append(p.noPublish() ? '1' : '0').append(RECORD);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static List<RosterPupil> decode(byte[] bytes) {
        List<RosterPupil> pupils = new ArrayList<>();
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String record : text.split(String.valueOf(RECORD))) {
            if (record.isEmpty()) {
                continue;
            }
            String[] f = record.split(String.valueOf(FIELD), -1);
            pupils.add(new RosterPupil(f[0], blankToNull(f[1]), f[2], blankToNull(f[3]), blankToNull(f[4]),
                    "1".equals(f[5])));
        }
        return pupils;
    }

    private static String clean(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}", " ");
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
