package uk.hallmonitor.vault.internal;

import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.SealedDataHolder;

/**
 * The {@code connector_sessions} collection: sessions connectors keep between calls (ciphertext only, one record per
 * account and name). A separate collection from {@code credentials}, so the credentials API never lists or reveals
 * them and rotation reminders never count them; a {@link SealedDataHolder}, so a key rotation keeps a key while a
 * session is still sealed under it. Every write is one document with a precondition on the revision.
 */
@Component
record ConnectorSessionRecords(ReactiveMongoTemplate mongo) implements SealedDataHolder {

    /** One kept session. {@code revision} grows by one with every write. */
    @Document("connector_sessions")
    record SessionDocument(@Id String id, String schoolId, String accountId, String name, byte[] ciphertext,
                           int keyId, long revision, Instant keptAt) {

        static String idOf(String accountId, String name) {
            return accountId + "/" + name;
        }

        @Override
        public String toString() {
            return "SessionDocument[" + id + ", keyId=" + keyId + ", revision=" + revision + "]";
        }
    }

    Mono<Void> ensureIndexes() {
        var indexes = mongo.indexOps(SessionDocument.class);
        // exactly the fields of the compare-and-set below, so the embedded store finds the record by an index
        return indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC)
                .unique().named("revision_guard"))
                .then(indexes.createIndex(new Index().on("keyId", Sort.Direction.ASC).named("key")))
                .then();
    }

    Mono<SessionDocument> find(String accountId, String name) {
        return mongo.findById(SessionDocument.idOf(accountId, name), SessionDocument.class);
    }

    /**
     * Writes the session if the record is still at {@code expectedRevision} ({@code 0}: no record yet, the unique
     * {@code _id} decides between two first writers); true when this write won.
     */
    Mono<Boolean> replace(SessionDocument next, long expectedRevision) {
        if (expectedRevision == 0) {
            return mongo.insert(next).thenReturn(true)
                    .onErrorResume(DuplicateKeyException.class, raced -> Mono.just(false));
        }
        Query unchanged = Query.query(Criteria.where("_id").is(next.id()).and("revision").is(expectedRevision));
        Update update = new Update().set("ciphertext", next.ciphertext()).set("keyId", next.keyId())
                .set("revision", expectedRevision + 1).set("keptAt", next.keptAt());
        return mongo.updateFirst(unchanged, update, SessionDocument.class)
                .map(result -> result.getModifiedCount() == 1);
    }

    @Override
    public Mono<Long> countUnderKey(int keyId) {
        return mongo.count(Query.query(Criteria.where("keyId").is(keyId)), SessionDocument.class);
    }
}
