package uk.hallmonitor.privacy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One collection's part in subject access and erasure: finds the documents that mention a person, and erases them
 * (or says why they are kept). Every collection that can hold posts, handles or staff ids has one; the coverage test
 * fails for a collection that has none and is not on its commented exempt list.
 */
public interface SubjectData {

    /** The collection this contributor answers for. */
    String collection();

    /** The documents of the collection that mention the person (for the export), as stored, minus secrets. */
    Flux<Document> find(Scope scope);

    /** Replaces what identifies the person by a tombstone, except where the scope says a record must be kept. */
    Mono<Erased> erase(Scope scope);

    /** The text that stands in for erased words and names. */
    String TOMBSTONE = "[erased]";

    /**
     * What a request is about: the person, the ids of the school's posts they wrote, and the posts that must be
     * kept whole with the reason (sealed R7 items, posts of incidents under legal hold).
     *
     * @param subject the person
     * @param postIds the posts by the person (for staff: none)
     * @param kept    post id to the reason it is kept whole
     */
    record Scope(Subject subject, Set<String> postIds, Map<String, String> kept) {

        public Scope {
            postIds = Set.copyOf(postIds);
            kept = Map.copyOf(kept);
        }

        /** The posts that may be erased. */
        public Set<String> erasablePostIds() {
            return postIds.stream().filter(id -> !kept.containsKey(id)).collect(java.util.stream.Collectors.toSet());
        }
    }

    /**
     * What an erasure did in one collection.
     *
     * @param collection the collection
     * @param changed    documents changed
     * @param kept       documents left as they were, each with the reason
     */
    record Erased(String collection, long changed, List<Kept> kept) {

        public Erased {
            kept = List.copyOf(kept);
        }
    }

    /** A record kept on an erasure, and why (shown to the requester and written to the audit trail). */
    record Kept(String collection, String id, String reason) {
    }
}
