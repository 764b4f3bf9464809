package uk.hallmonitor.sla.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/**
 * One clock per post (unique {@code postId}: the event and the sweep may both start it); every claim looks a clock up
 * by {@code _id, state, version} (see {@link ResponseClocks#unchanged}); the sweep finds due steps
 * by state and {@code nextActionAt}; the views list by school and due time; a reply finds its clocks by account and
 * conversation or replied-to post.
 */
@Component
class SlaIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var clocks = mongo.indexOps(ResponseClock.class);
        return clocks.createIndex(new Index("postId", Sort.Direction.ASC).unique().named("postId_unique"))
                .then(clocks.createIndex(new Index("_id", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                        .on("version", Sort.Direction.ASC).unique().named("id_state_version")))
                .then(clocks.createIndex(new Index("state", Sort.Direction.ASC).on("nextActionAt", Sort.Direction.ASC)
                        .named("state_nextActionAt")))
                .then(clocks.createIndex(new Index("schoolId", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                        .on("dueAt", Sort.Direction.ASC).named("school_state_dueAt")))
                .then(clocks.createIndex(new Index("schoolId", Sort.Direction.ASC)
                        .on("receivedAt", Sort.Direction.ASC).named("school_receivedAt")))
                .then(clocks.createIndex(new Index("accountId", Sort.Direction.ASC)
                        .on("conversationId", Sort.Direction.ASC).named("account_conversation")))
                .then(clocks.createIndex(new Index("accountId", Sort.Direction.ASC)
                        .on("platformPostId", Sort.Direction.ASC).named("account_platformPostId")))
                .then();
    }
}
