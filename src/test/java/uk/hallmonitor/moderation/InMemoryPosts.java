package uk.hallmonitor.moderation;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostFilter;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.monitoring.SweepPosition;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.web.PageResponse;

/** The monitoring posts store as moderation's tests need it, in memory (monitoring tests the real one). */
public class InMemoryPosts implements Posts {

    final Map<String, CollectedPost> byId = new ConcurrentHashMap<>();

    public void store(CollectedPost post) {
        byId.put(post.id(), post);
    }

    @Override
    public Mono<CollectedPost> post(String postId) {
        return Mono.justOrEmpty(byId.get(postId));
    }

    @Override
    public Mono<CollectedPost> byPlatformId(Platform platform, String platformPostId) {
        return Flux.fromIterable(byId.values())
                .filter(p -> p.platform() == platform && p.platformPostId().equals(platformPostId)).next();
    }

    @Override
    public Mono<PageResponse<CollectedPost>> page(PostFilter filter, int page, int size) {
        List<CollectedPost> all = byId.values().stream()
                .filter(p -> filter.schoolId() == null || filter.schoolId().equals(p.schoolId())).toList();
        return Mono.just(new PageResponse<>(all.stream().skip((long) page * size).limit(size).toList(), page, size,
                all.size()));
    }

    @Override
    public Flux<CollectedPost> conversation(Platform platform, String conversationId) {
        return Flux.empty();
    }

    @Override
    public Flux<CollectedPost> collectedAfter(SweepPosition after, int limit) {
        return Flux.fromIterable(byId.values()).filter(p -> p.collectedAt().isAfter(after.collectedAt()))
                .sort(Comparator.comparing(CollectedPost::collectedAt)).take(limit);
    }

    @Override
    public Flux<CollectedPost> unprocessed(String consumer, Instant collectedBefore, int limit) {
        return Flux.fromIterable(byId.values())
                .filter(p -> !p.processing().containsKey(consumer) && p.collectedAt().isBefore(collectedBefore))
                .sort(Comparator.comparing(CollectedPost::collectedAt)).take(limit);
    }

    @Override
    public Mono<Boolean> markProcessed(String postId, String consumer, Map<String, String> fields) {
        CollectedPost updated = byId.computeIfPresent(postId, (id, p) -> {
            Map<String, Map<String, String>> processing = new HashMap<>(p.processing());
            processing.put(consumer, Map.copyOf(fields));
            return new CollectedPost(p.id(), p.schoolId(), p.accountId(), p.watchId(), p.platform(), p.kind(),
                    p.platformPostId(), p.authorId(), p.authorHandle(), p.text(), p.url(), p.conversationId(),
                    p.inReplyToId(), p.postedAt(), p.editedAt(), p.collectedAt(), p.updatedAt(), p.history(),
                    processing);
        });
        return Mono.just(updated != null);
    }

    @Override
    public Mono<Boolean> erase(String postId) {
        return Mono.just(byId.remove(postId) != null);
    }
}
