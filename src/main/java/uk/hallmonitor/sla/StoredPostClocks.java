package uk.hallmonitor.sla;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@link PostClocks} over {@code sla_clocks}: one clock per post, found through the unique {@code postId} index. */
@Component
class StoredPostClocks implements PostClocks {

    private final ReactiveMongoTemplate mongo;

    StoredPostClocks(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<PostClock> forPost(String postId) {
        return mongo.findOne(query(where("postId").is(postId)), ResponseClock.class).map(PostClock::of);
    }
}
