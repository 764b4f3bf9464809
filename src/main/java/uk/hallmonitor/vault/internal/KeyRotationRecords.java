package uk.hallmonitor.vault.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.KeyRotationStatus;

/** The {@code vault_key_rotations} collection: one record per key rotation, updated as it progresses. */
@Component
record KeyRotationRecords(ReactiveMongoTemplate mongo) {

    Mono<KeyRotationDocument> find(String id) {
        return mongo.findById(id, KeyRotationDocument.class);
    }

    /** Rotations recorded as RUNNING (at most one normally; more only after a process stopped at a bad moment). */
    Flux<KeyRotationDocument> running() {
        return mongo.find(Query.query(Criteria.where("state").is(KeyRotationStatus.RUNNING)),
                KeyRotationDocument.class);
    }

    /** The latest rotations, newest first. */
    Flux<KeyRotationDocument> latest(int limit) {
        return mongo.find(new Query().with(org.springframework.data.domain.Sort.by(
                org.springframework.data.domain.Sort.Direction.DESC, "startedAt")).limit(limit),
                KeyRotationDocument.class);
    }

    Mono<KeyRotationDocument> insert(KeyRotationDocument document) {
        return mongo.insert(document);
    }

    Mono<Void> progress(String id, long reencrypted, List<String> failed) {
        Update update = new Update().inc("reencrypted", reencrypted);
        if (!failed.isEmpty()) {
            update.push("failedCredentialIds").each(failed.toArray());
        }
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, KeyRotationDocument.class).then();
    }

    Mono<KeyRotationDocument> finish(String id, String state, Instant at, List<Integer> retired, String message) {
        Update update = new Update().set("state", state).set("finishedAt", at).set("retiredKeyIds", retired);
        if (message != null) {
            update.set("message", message);
        }
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(id).and("state").is(KeyRotationStatus.RUNNING)),
                update, FindAndModifyOptions.options().returnNew(true), KeyRotationDocument.class);
    }
}
