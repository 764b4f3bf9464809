package uk.hallmonitor.monitoring.internal;

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
import uk.hallmonitor.connectors.Source;

/**
 * The {@code poll_cursors} collection: one document per source with its cursor, due time and health. The cursor
 * moves only through {@link #advance}, which the poller calls after the batch is stored.
 */
@Component
record SourceStates(ReactiveMongoTemplate mongo) {

    /** When a source is due, as the dispatcher reads it for every source at each round. */
    record Due(String id, Instant nextPollAt) {
    }

    /** The source's state, created due now (from the start cursor) when it is polled for the first time. */
    Mono<SourceState> ensure(Source source, Instant now) {
        Update update = new Update()
                .setOnInsert("sourceId", source.id())
                .setOnInsert("watch", source.isWatch())
                .setOnInsert("schoolId", source.schoolId())
                .setOnInsert("platform", source.platform())
                .setOnInsert("positions", List.of())
                .setOnInsert("nextPollAt", now)
                .setOnInsert("version", 0L)
                .setOnInsert("health", HealthRecord.fresh());
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(SourceState.key(source))), update,
                FindAndModifyOptions.options().upsert(true).returnNew(true), SourceState.class);
    }

    Mono<SourceState> find(String key) {
        return mongo.findById(key, SourceState.class);
    }

    /** Every source's due time, for the dispatcher. */
    Flux<Due> schedule() {
        Query query = new Query();
        query.fields().include("_id", "nextPollAt");
        return mongo.find(query, Due.class, "poll_cursors");
    }

    /**
     * Records a finished poll: the new cursor (or {@code null} to keep the old one), next due time and health.
     * Applies only if nobody changed the source since {@code seen} was read; emits whether it applied.
     */
    Mono<Boolean> advance(SourceState seen, List<SourceState.Position> positions, Instant nextPollAt, Instant polledAt,
                          HealthRecord health, Instant healthReportedAt) {
        Update update = new Update()
                .set("nextPollAt", nextPollAt)
                .set("lastPolledAt", polledAt)
                .set("health", health)
                .inc("version", 1);
        if (positions != null) {
            update.set("positions", positions);
        }
        if (healthReportedAt != null) {
            update.set("healthReportedAt", healthReportedAt);
        }
        Query guarded = Query.query(Criteria.where("_id").is(seen.id()).and("version").is(seen.version()));
        return mongo.updateFirst(guarded, update, SourceState.class).map(result -> result.getModifiedCount() > 0);
    }

    /** Forgets a source (a deleted watch). */
    Mono<Void> remove(String key) {
        return mongo.remove(Query.query(Criteria.where("_id").is(key)), SourceState.class).then();
    }

    /** The states of some sources, for showing their health. */
    Flux<SourceState> findAll(List<String> keys) {
        return mongo.find(Query.query(Criteria.where("_id").in(keys)), SourceState.class);
    }
}
