package uk.hallmonitor.sla.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.PostClock;
import uk.hallmonitor.sla.PostClocks;

/** {@link PostClocks} over {@code sla_clocks}: one clock per post, found through the unique {@code postId} index. */
@Component
record StoredPostClocks(ReactiveMongoTemplate mongo, Clock clock) implements PostClocks {

    @Override
    public Mono<PostClock> forPost(String postId) {
        return mongo.findOne(query(where("postId").is(postId)), ResponseClock.class).map(PostClock::of);
    }

    @Override
    public Mono<Map<String, PostClock>> forPosts(Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return mongo.find(query(where("postId").in(postIds)), ResponseClock.class)
                .collectMap(ResponseClock::postId, PostClock::of);
    }

    @Override
    public Mono<PostClock> handledWithoutReply(String postId, String how, String staffId) {
        // one conditional update: a reply, an acknowledgement or the breach sweep racing it leaves one outcome
        Update handled = new Update().set("state", ClockState.HANDLED).set("metAt", clock.instant())
                .set("metBy", staffId == null ? "platform" : staffId).set("note", how).set("nextActionAt", null)
                .inc("version", 1);
        return mongo.findAndModify(query(where("postId").is(postId).and("state").is(ClockState.OPEN)), handled,
                FindAndModifyOptions.options().returnNew(true), ResponseClock.class)
                .map(PostClock::of)
                .switchIfEmpty(Mono.defer(() -> forPost(postId)));
    }
}
