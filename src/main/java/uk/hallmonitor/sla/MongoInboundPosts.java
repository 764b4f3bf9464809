package uk.hallmonitor.sla;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.Platform;

/**
 * Reads the monitoring module's {@code posts} collection directly, in the field names of {@link PostReceived}
 * (plus {@code text}), until the monitoring module offers its own {@link InboundPosts}; then this one steps aside.
 */
class MongoInboundPosts implements InboundPosts {

    static final String COLLECTION = "posts";

    private final ReactiveMongoTemplate mongo;

    MongoInboundPosts(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Flux<PostReceived> collectedSince(Instant since, int limit) {
        Query query = Query.query(Criteria.where("collectedAt").gte(since))
                .with(Sort.by("collectedAt")).limit(limit);
        return mongo.find(query, Document.class, COLLECTION).map(MongoInboundPosts::post);
    }

    @Override
    public Mono<String> text(String postId) {
        return mongo.findById(postId, Document.class, COLLECTION).mapNotNull(post -> post.getString("text"));
    }

    private static PostReceived post(Document doc) {
        return new PostReceived(String.valueOf(doc.get("_id")), doc.getString("schoolId"), doc.getString("accountId"),
                doc.getString("watchId"), enumOf(Platform.class, doc.getString("platform")),
                enumOf(PostKind.class, doc.getString("kind")), doc.getString("platformPostId"),
                doc.getString("conversationId"), doc.getString("inReplyToId"), instant(doc.get("postedAt")),
                instant(doc.get("collectedAt")));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String name) {
        try {
            return name == null ? null : Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Instant instant(Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }
}
