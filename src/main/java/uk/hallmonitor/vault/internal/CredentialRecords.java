package uk.hallmonitor.vault.internal;

import com.mongodb.bulk.BulkWriteResult;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveBulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.RotationReason;

/**
 * The {@code credentials} collection. Every change is one single-document write with a precondition, so two
 * administrators, a key rotation and a reminder sweep can all touch the same record without losing each other's work.
 */
@Component
class CredentialRecords {

    private final ReactiveMongoTemplate mongo;

    CredentialRecords(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<Void> ensureIndexes() {
        var indexes = mongo.indexOps(CredentialDocument.class);
        return indexes.createIndex(new Index().on("accountId", Sort.Direction.ASC).on("name", Sort.Direction.ASC)
                .unique().named("account_name"))
                .then(indexes.createIndex(new Index().on("schoolId", Sort.Direction.ASC).named("school")))
                .then(indexes.createIndex(new Index().on("keyId", Sort.Direction.ASC).named("key")))
                .then(indexes.createIndex(new Index().on("knownBy", Sort.Direction.ASC).named("known_by")))
                // exactly the fields of the precondition queries below: the embedded store looks up by an index only
                // when the query names all of its fields, so without these every guarded write scanned the collection
                .then(indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC)
                        .unique().named("revision_guard")))
                .then(indexes.createIndex(new Index().on("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC)
                        .on("keyId", Sort.Direction.ASC).unique().named("reencrypt_guard")))
                .then();
    }

    Mono<CredentialDocument> find(String accountId, String name) {
        return mongo.findById(CredentialDocument.idOf(accountId, name), CredentialDocument.class);
    }

    Flux<CredentialDocument> ofAccount(String accountId) {
        return mongo.find(Query.query(Criteria.where("accountId").is(accountId)).with(Sort.by("name")),
                CredentialDocument.class);
    }

    Flux<CredentialDocument> ofSchool(String schoolId) {
        return mongo.find(Query.query(Criteria.where("schoolId").is(schoolId)), CredentialDocument.class);
    }

    Flux<CredentialDocument> knownBy(String staffId) {
        return mongo.find(Query.query(Criteria.where("knownBy").is(staffId)), CredentialDocument.class);
    }

    /** Up to {@code limit} records after {@code afterId} (in id order), for sweeps that page through everything. */
    Flux<CredentialDocument> page(String afterId, int limit) {
        Criteria criteria = afterId == null ? new Criteria() : Criteria.where("_id").gt(afterId);
        return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), CredentialDocument.class);
    }

    /** Up to {@code limit} records after {@code afterId} not encrypted under {@code keyId}, in id order. */
    Flux<CredentialDocument> notUnderKey(int keyId, String afterId, int limit) {
        Criteria criteria = Criteria.where("keyId").ne(keyId);
        if (afterId != null) {
            criteria = criteria.and("_id").gt(afterId);
        }
        return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), CredentialDocument.class);
    }

    /** Up to {@code limit} records encrypted under {@code keyId}, in no particular order (the {@code key} index). */
    Flux<CredentialDocument> underKey(int keyId, int limit) {
        return mongo.find(Query.query(Criteria.where("keyId").is(keyId)).limit(limit), CredentialDocument.class);
    }

    Mono<Long> countUnderKey(int keyId) {
        return mongo.count(Query.query(Criteria.where("keyId").is(keyId)), CredentialDocument.class);
    }

    Mono<Long> countNotUnderKey(int keyId) {
        return mongo.count(Query.query(Criteria.where("keyId").ne(keyId)), CredentialDocument.class);
    }

    Mono<CredentialDocument> insert(CredentialDocument document) {
        return mongo.insert(document);
    }

    /** Replaces the secret if the record is still at {@code expectedRevision}; empty when someone else was first. */
    Mono<CredentialDocument> replaceSecret(CredentialDocument expected, CredentialDocument next) {
        Query unchanged = Query.query(Criteria.where("_id").is(expected.id()).and("revision").is(expected.revision()));
        Update update = new Update()
                .set("kind", next.kind())
                .set("administratorLevel", next.administratorLevel())
                .set("ciphertext", next.ciphertext())
                .set("keyId", next.keyId())
                .set("revision", expected.revision() + 1)
                .set("rotatedAt", next.rotatedAt())
                .set("rotatedBy", next.rotatedBy())
                .set("policyResult", next.policyResult())
                .set("policyMessage", next.policyMessage())
                .set("knownBy", next.knownBy())
                .set("rotationDue", false)
                .set("rotationDueReasons", List.of())
                .set("dueKeys", List.of());
        return mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
                CredentialDocument.class);
    }

    /** Swaps the ciphertext for one under a newer key, unless the secret changed meanwhile; true when it did. */
    Mono<Boolean> reencrypt(CredentialDocument expected, byte[] ciphertext, int keyId) {
        Query unchanged = Query.query(Criteria.where("_id").is(expected.id()).and("revision").is(expected.revision())
                .and("keyId").is(expected.keyId()));
        return mongo.updateFirst(unchanged, new Update().set("ciphertext", ciphertext).set("keyId", keyId),
                CredentialDocument.class).map(result -> result.getModifiedCount() == 1);
    }

    /** A record's ciphertext made again under a newer key, to be written only if the record is still {@code expected}. */
    record Reencrypted(CredentialDocument expected, byte[] ciphertext, int keyId) {
    }

    /**
     * Writes a page of re-encrypted ciphertexts in one round trip: one single-document update per record, each with
     * the same precondition as {@link #reencrypt} (same revision, same key), so a record changed meanwhile is left
     * as it is; completes with how many were written.
     */
    Mono<Integer> reencryptAll(List<Reencrypted> changes) {
        if (changes.isEmpty()) {
            return Mono.just(0);
        }
        ReactiveBulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CredentialDocument.class);
        for (Reencrypted change : changes) {
            CredentialDocument expected = change.expected();
            bulk.updateOne(Query.query(Criteria.where("_id").is(expected.id()).and("revision").is(expected.revision())
                    .and("keyId").is(expected.keyId())),
                    new Update().set("ciphertext", change.ciphertext()).set("keyId", change.keyId()));
        }
        return bulk.execute().map(BulkWriteResult::getModifiedCount);
    }

    /** Records a reveal: who saw the plaintext now knows it. */
    Mono<Void> revealed(String id, String staffId, String username, Instant at) {
        Update update = new Update().set("lastRevealedAt", at).set("lastRevealedBy", username);
        if (staffId != null) {
            update.addToSet("knownBy", staffId);
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, CredentialDocument.class).then();
    }

    Mono<Void> addKnownBy(String id, List<String> staffIds) {
        if (staffIds.isEmpty()) {
            return Mono.empty();
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
                new Update().addToSet("knownBy").each(staffIds.toArray()), CredentialDocument.class).then();
    }

    /**
     * Marks the record due for rotation for a reason not raised before (told apart by {@code key}) on the secret
     * at {@code revision}; true only for the caller that raised it, so the reason is announced once.
     */
    Mono<Boolean> markDue(String id, long revision, String key, RotationReason reason) {
        Query notYet = Query.query(Criteria.where("_id").is(id).and("revision").is(revision).and("dueKeys").ne(key));
        Update update = new Update().set("rotationDue", true).push("rotationDueReasons", reason).push("dueKeys", key);
        return mongo.updateFirst(notYet, update, CredentialDocument.class)
                .map(result -> result.getModifiedCount() == 1);
    }
}
