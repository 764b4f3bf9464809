package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostFilter;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.monitoring.SweepPosition;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/**
 * The {@code posts} collection. A post is stored once per (platform, platformPostId) by an upsert that only sets
 * fields on insert, so a re-fetched post never becomes a second document and is never announced twice; a changed
 * text is applied by an update guarded by the revision it was decided on. A new or edited post is handed to the
 * {@link PostAnnouncer}'s queue, never announced inline: the caller (a poll under its lock) waits for the store only.
 */
@Component
record PostStore(ReactiveMongoTemplate mongo, PostAnnouncer announcer, Clock clock) implements Posts {

    /** What storing one fetched post did. */
    enum Outcome { NEW, EDITED, UNCHANGED }

    /** The result of storing one fetched post. */
    record Stored(Outcome outcome, PostDocument post) {
    }

    static final String COLLECTION = "posts";
    /** Edits beyond this many keep only the newest earlier texts: a post edited endlessly must not grow forever. */
    static final int MAX_HISTORY = 50;
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final int EDIT_ATTEMPTS = 5;

    /** Stores a fetched post: inserts it or applies an edit (either queued for announcing), or does nothing. */
    Mono<Stored> store(Source source, IncomingPost post) {
        return upsert(source, post)
                .onErrorResume(DuplicateKeyException.class, raced -> upsert(source, post))
                .doOnNext(stored -> {
                    switch (stored.outcome()) {
                        case NEW -> announcer.received(stored.post());
                        case EDITED -> announcer.edited(stored.post());
                        case UNCHANGED -> {}
                    }
                });
    }

    private Mono<Stored> upsert(Source source, IncomingPost post) {
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        Update insert = new Update()
                .setOnInsert("_id", id)
                .setOnInsert("schoolId", source.schoolId())
                .setOnInsert("accountId", source.isWatch() ? null : source.id())
                .setOnInsert("watchId", source.isWatch() ? source.id() : null)
                .setOnInsert("kind", post.kind())
                .setOnInsert("authorId", post.authorId())
                .setOnInsert("authorHandle", post.authorHandle())
                .setOnInsert("text", post.text())
                .setOnInsert("url", post.url())
                .setOnInsert("conversationId", post.conversationId())
                .setOnInsert("inReplyToId", post.inReplyToId())
                .setOnInsert("postedAt", post.postedAt())
                .setOnInsert("editedAt", post.editedAt())
                .setOnInsert("collectedAt", now)
                .setOnInsert("updatedAt", now)
                .setOnInsert("revision", 0L)
                .setOnInsert("history", List.of())
                .setOnInsert("processing", Map.of());
        // returnNew(false): an empty answer means this call inserted the post, so exactly one caller announces it
        return mongo.findAndModify(identity(source.platform(), post.platformPostId()), insert,
                FindAndModifyOptions.options().upsert(true).returnNew(false), PostDocument.class)
                .flatMap(existing -> applyEdit(existing, post, EDIT_ATTEMPTS))
                // the upsert wrote exactly these values: no need to read them back
                .switchIfEmpty(Mono.fromSupplier(() -> new Stored(Outcome.NEW, new PostDocument(id, source.schoolId(),
                        source.isWatch() ? null : source.id(), source.isWatch() ? source.id() : null,
                        source.platform(), post.kind(), post.platformPostId(), post.authorId(), post.authorHandle(),
                        post.text(), post.url(), post.conversationId(), post.inReplyToId(), post.postedAt(),
                        post.editedAt(), now, now, 0, List.of(), Map.of(), null, null))));
    }

    private Mono<Stored> applyEdit(PostDocument existing, IncomingPost post, int attemptsLeft) {
        if (existing.text().equals(post.text()) || stale(existing, post)) {
            return Mono.just(new Stored(Outcome.UNCHANGED, existing));
        }
        Instant now = clock.instant();
        Update edit = new Update()
                .set("text", post.text())
                .set("editedAt", post.editedAt() != null ? post.editedAt() : now)
                .set("updatedAt", now)
                .inc("revision", 1)
                .push("history").slice(-MAX_HISTORY).each(new PostRevision(existing.text(), existing.editedAt(), now));
        Query guarded = Query.query(Criteria.where("_id").is(existing.id()).and("revision").is(existing.revision()));
        return mongo.findAndModify(guarded, edit, FindAndModifyOptions.options().returnNew(true), PostDocument.class)
                .map(updated -> new Stored(Outcome.EDITED, updated))
                .switchIfEmpty(Mono.defer(() -> attemptsLeft <= 1
                        ? Mono.error(new IllegalStateException("post " + existing.id() + " kept changing under us"))
                        : mongo.findById(existing.id(), PostDocument.class)
                                .flatMap(fresh -> applyEdit(fresh, post, attemptsLeft - 1))));
    }

    /** A re-fetch of an older version (the platform says it was edited before what we hold) changes nothing. */
    private static boolean stale(PostDocument existing, IncomingPost post) {
        return existing.editedAt() != null && post.editedAt() != null && !post.editedAt().isAfter(existing.editedAt());
    }

    private static Query identity(Platform platform, String platformPostId) {
        return Query.query(Criteria.where("platform").is(platform).and("platformPostId").is(platformPostId));
    }

    @Override
    public Mono<CollectedPost> post(String postId) {
        return mongo.findById(postId, PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Flux<CollectedPost> posts(java.util.Collection<String> postIds) {
        if (postIds.isEmpty()) {
            return Flux.empty();
        }
        return mongo.find(Query.query(Criteria.where("_id").in(postIds)), PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Mono<CollectedPost> byPlatformId(Platform platform, String platformPostId) {
        return mongo.findOne(identity(platform, platformPostId), PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Mono<PageResponse<CollectedPost>> page(PostFilter filter, int page, int size) {
        try {
            Paging.of(page, size);
        } catch (RuntimeException bad) {
            return Mono.error(bad);
        }
        Criteria criteria;
        try {
            criteria = criteria(filter);
        } catch (RuntimeException bad) {
            return Mono.error(bad);
        }
        Query count = Query.query(criteria);
        Query items = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("collectedAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size);
        return Mono.zip(mongo.find(items, PostDocument.class).map(PostDocument::view).collectList(),
                mongo.count(count, PostDocument.class))
                .map(both -> new PageResponse<>(both.getT1(), page, size, both.getT2()));
    }

    private static Criteria criteria(PostFilter filter) {
        List<Criteria> all = new ArrayList<>();
        if (filter.schoolId() != null) {
            all.add(Criteria.where("schoolId").is(filter.schoolId()));
        }
        if (filter.accountId() != null) {
            all.add(Criteria.where("accountId").is(filter.accountId()));
        }
        if (filter.watchId() != null) {
            all.add(Criteria.where("watchId").is(filter.watchId()));
        }
        if (filter.platform() != null) {
            all.add(Criteria.where("platform").is(filter.platform()));
        }
        if (filter.kind() != null) {
            all.add(Criteria.where("kind").is(filter.kind()));
        }
        filter.processing().forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 0 || !NAME.matcher(key.substring(0, dot)).matches()
                    || !NAME.matcher(key.substring(dot + 1)).matches()) {
                throw Problems.badRequest("processing", "expected consumer.field, letters, digits and _ only");
            }
            all.add(Criteria.where("processing." + key).is(value));
        });
        for (String consumer : filter.unprocessedBy()) {
            all.add(Criteria.where("processing." + name("consumer", consumer)).exists(false));
        }
        if (filter.collectedFrom() != null) {
            all.add(Criteria.where("collectedAt").gte(filter.collectedFrom()));
        }
        if (filter.collectedTo() != null) {
            all.add(Criteria.where("collectedAt").lt(filter.collectedTo()));
        }
        return all.isEmpty() ? new Criteria() : new Criteria().andOperator(all);
    }

    @Override
    public Flux<CollectedPost> conversation(Platform platform, String conversationId) {
        Query query = Query.query(Criteria.where("platform").is(platform).and("conversationId").is(conversationId))
                .with(Sort.by("postedAt", "_id"));
        return mongo.find(query, PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Flux<CollectedPost> collectedAfter(SweepPosition after, int limit) {
        Query query = Query.query(new Criteria().orOperator(
                Criteria.where("collectedAt").gt(after.collectedAt()),
                Criteria.where("collectedAt").is(after.collectedAt()).and("_id").gt(after.postId())))
                .with(Sort.by("collectedAt", "_id")).limit(limit);
        return mongo.find(query, PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Flux<CollectedPost> announcedSince(Instant since, int limit) {
        Query query = Query.query(Criteria.where("announcedAt").gte(since))
                .with(Sort.by("announcedAt", "_id")).limit(limit);
        return mongo.find(query, PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Flux<CollectedPost> unprocessed(String consumer, Instant collectedBefore, int limit) {
        Query query = Query.query(Criteria.where("processing." + name("consumer", consumer)).exists(false)
                .and("collectedAt").lt(collectedBefore))
                .with(Sort.by("collectedAt", "_id")).limit(limit);
        return mongo.find(query, PostDocument.class).map(PostDocument::view);
    }

    @Override
    public Mono<Boolean> markProcessed(String postId, String consumer, Map<String, String> fields) {
        fields.keySet().forEach(field -> name("field", field));
        Update update = new Update().set("processing." + name("consumer", consumer), Map.copyOf(fields));
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(postId)), update, PostDocument.class)
                .map(result -> result.getMatchedCount() > 0);
    }

    @Override
    public Mono<Boolean> erase(String postId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(postId)), PostDocument.class)
                .map(result -> result.getDeletedCount() > 0);
    }

    /** Consumer and field names become Mongo keys: letters, digits and underscores only, never dots or dollars. */
    private static String name(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " name must be letters, digits and _ : " + value);
        }
        return value;
    }
}
