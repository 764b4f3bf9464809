package uk.hallmonitor.monitoring.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/**
 * Posts unique on (platform, platformPostId), so nothing is stored twice; posts listed by school and account and
 * swept by collection and announcement time; sources found by due time; watches by school.
 */
@Component
class MonitoringIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var posts = mongo.indexOps(PostDocument.class);
        var states = mongo.indexOps(SourceState.class);
        var watches = mongo.indexOps(WatchDocument.class);
        return posts.createIndex(new Index("platform", Sort.Direction.ASC).on("platformPostId", Sort.Direction.ASC)
                .unique().named("platform_post_unique"))
                .then(posts.createIndex(new Index("collectedAt", Sort.Direction.ASC).on("_id", Sort.Direction.ASC)
                        .named("sweep")))
                .then(posts.createIndex(new Index("announcedAt", Sort.Direction.ASC).named("announced")))
                .then(posts.createIndex(new Index("schoolId", Sort.Direction.ASC)
                        .on("collectedAt", Sort.Direction.DESC).named("school_collected")))
                .then(posts.createIndex(new Index("accountId", Sort.Direction.ASC)
                        .on("collectedAt", Sort.Direction.DESC).named("account_collected")))
                .then(posts.createIndex(new Index("platform", Sort.Direction.ASC)
                        .on("conversationId", Sort.Direction.ASC).named("conversation")))
                // redundant on MongoDB (the id is unique already), but the embedded server answers the version-guarded
                // cursor update and revision-guarded edit by index only when an index has exactly the queried keys
                .then(states.createIndex(new Index("_id", Sort.Direction.ASC).on("version", Sort.Direction.ASC)
                        .unique().named("guarded_update")))
                .then(posts.createIndex(new Index("_id", Sort.Direction.ASC).on("revision", Sort.Direction.ASC)
                        .unique().named("guarded_edit")))
                .then(states.createIndex(new Index("nextPollAt", Sort.Direction.ASC).named("due")))
                .then(watches.createIndex(new Index("schoolId", Sort.Direction.ASC).named("school")))
                .then();
    }
}
