package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * Posts read per source per UTC day ({@code connector_reads}), because X bills every post read: one document per
 * source and day, incremented atomically, kept as the record of what was spent.
 */
@Component
record ReadCounts(ReactiveMongoTemplate mongo) {

    /** Reads of one source on one day. */
    @Document("connector_reads")
    record DailyReads(@Id String id, String sourceKey, String schoolId, Platform platform, String day, long reads) {
    }

    Mono<Void> add(Source source, Instant at, int reads) {
        if (reads <= 0) {
            return Mono.empty();
        }
        String day = day(at);
        Update update = new Update().inc("reads", reads)
                .setOnInsert("sourceKey", SourceState.key(source))
                .setOnInsert("schoolId", source.schoolId())
                .setOnInsert("platform", source.platform())
                .setOnInsert("day", day);
        return mongo.upsert(Query.query(Criteria.where("_id").is(id(source, day))), update, DailyReads.class).then();
    }

    /** Reads of the source on the UTC day of {@code at}. */
    Mono<Long> on(Source source, Instant at) {
        return mongo.findById(id(source, day(at)), DailyReads.class).map(DailyReads::reads).defaultIfEmpty(0L);
    }

    private static String id(Source source, String day) {
        return SourceState.key(source) + ":" + day;
    }

    private static String day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    }
}
