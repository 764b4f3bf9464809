package uk.hallmonitor.privacy.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.privacy.SubjectData;

/**
 * The {@link SubjectData} of one collection, described by which of its fields point at a person: a post of theirs
 * (by post id, or an alert's {@code post:ID} source), their handle on a platform, words that mention their handle,
 * or their staff id. An erasure sets the tombstone fields of the documents about their posts (unless the post is
 * kept, with the reason); documents that name a member of staff are either tombstoned too or kept with the reason.
 */
record CollectionMentions(ReactiveMongoTemplate mongo, Spec spec) implements SubjectData {

    /**
     * How one collection mentions people.
     *
     * @param collection      the collection
     * @param schoolField     the field holding the school id ({@code null} when the collection has none)
     * @param postIdFields    fields holding a post id or a list of them
     * @param postSourceField a field holding {@code post:ID}, or {@code null}
     * @param handleField     the field holding the author's handle, or {@code null}
     * @param platformField   the field holding the platform (with {@code handleField})
     * @param mentionField    text that may mention the handle ({@code @handle}), or {@code null}
     * @param staffFields     fields holding a staff id or a list of them
     * @param omit            fields never exported (secrets)
     * @param tombstone       field to the value it gets when the person's post is erased
     * @param staffTombstone  field to the value it gets when a member of staff is erased; empty to keep the document
     * @param staffKept       why a document naming a member of staff is kept (when {@code staffTombstone} is empty)
     */
    record Spec(String collection, String schoolField, List<String> postIdFields, String postSourceField,
                String handleField, String platformField, String mentionField, List<String> staffFields,
                List<String> omit, Map<String, Object> tombstone, Map<String, Object> staffTombstone,
                String staffKept) {

        static Spec of(String collection) {
            return new Spec(collection, "schoolId", List.of(), null, null, null, null, List.of(), List.of(),
                    Map.of(), Map.of(), null);
        }

        Spec posts(String... fields) {
            return new Spec(collection, schoolField, List.of(fields), postSourceField, handleField, platformField,
                    mentionField, staffFields, omit, tombstone, staffTombstone, staffKept);
        }

        Spec source(String field) {
            return new Spec(collection, schoolField, postIdFields, field, handleField, platformField, mentionField,
                    staffFields, omit, tombstone, staffTombstone, staffKept);
        }

        Spec author(String handle, String platform, String mention) {
            return new Spec(collection, schoolField, postIdFields, postSourceField, handle, platform, mention,
                    staffFields, omit, tombstone, staffTombstone, staffKept);
        }

        Spec staff(String kept, String... fields) {
            return new Spec(collection, schoolField, postIdFields, postSourceField, handleField, platformField,
                    mentionField, List.of(fields), omit, tombstone, staffTombstone, kept);
        }

        Spec staffErased(Map<String, Object> replacement, String... fields) {
            return new Spec(collection, schoolField, postIdFields, postSourceField, handleField, platformField,
                    mentionField, List.of(fields), omit, tombstone, replacement, null);
        }

        Spec omit(String... fields) {
            return new Spec(collection, schoolField, postIdFields, postSourceField, handleField, platformField,
                    mentionField, staffFields, List.of(fields), tombstone, staffTombstone, staffKept);
        }

        Spec erase(Map<String, Object> replacement) {
            return new Spec(collection, schoolField, postIdFields, postSourceField, handleField, platformField,
                    mentionField, staffFields, omit, replacement, staffTombstone, staffKept);
        }

        Spec noSchool() {
            return new Spec(collection, null, postIdFields, postSourceField, handleField, platformField,
                    mentionField, staffFields, omit, tombstone, staffTombstone, staffKept);
        }
    }

    @Override
    public String collection() {
        return spec.collection();
    }

    @Override
    public Flux<Document> find(Scope scope) {
        return matching(scope).map(doc -> {
            Document shown = new Document(doc);
            spec.omit().forEach(shown::remove);
            return shown;
        });
    }

    @Override
    public Mono<Erased> erase(Scope scope) {
        List<Kept> kept = new ArrayList<>();
        return matching(scope)
                .concatMap(doc -> {
                    Object id = doc.get("_id");
                    if (scope.subject().staff()) {
                        if (spec.staffTombstone().isEmpty()) {
                            kept.add(new Kept(spec.collection(), String.valueOf(id), spec.staffKept()));
                            return Mono.just(0L);
                        }
                        return set(id, spec.staffTombstone());
                    }
                    String postId = postOf(doc, scope);
                    if (postId != null && scope.kept().containsKey(postId)) {
                        kept.add(new Kept(spec.collection(), String.valueOf(id), scope.kept().get(postId)));
                        return Mono.just(0L);
                    }
                    if (postId != null && !spec.tombstone().isEmpty()) {
                        return set(id, spec.tombstone());
                    }
                    if (postId != null) {
                        kept.add(new Kept(spec.collection(), String.valueOf(id), "the record holds only the post's id,"
                                + " not its words or author, and is kept for its own retention period"));
                        return Mono.just(0L);
                    }
                    return unmention(doc, scope);
                })
                .reduce(0L, Long::sum)
                .map(changed -> new Erased(spec.collection(), changed, kept));
    }

    private Mono<Long> set(Object id, Map<String, Object> values) {
        Update update = new Update();
        values.forEach(update::set);
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, spec.collection())
                .map(result -> result.getModifiedCount());
    }

    /** Another person's words that mention the handle: the handle is replaced, the rest is theirs. */
    private Mono<Long> unmention(Document doc, Scope scope) {
        if (spec.mentionField() == null || !(doc.get(spec.mentionField()) instanceof String text)) {
            return Mono.just(0L);
        }
        String replaced = mention(scope).matcher(text).replaceAll("@" + TOMBSTONE);
        if (replaced.equals(text)) {
            return Mono.just(0L);
        }
        // compare-and-set: only if the words are still those read
        return mongo
                .updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id")).and(spec.mentionField()).is(text)),
                        new Update().set(spec.mentionField(), replaced), spec.collection())
                .map(r -> r.getModifiedCount());
    }

    /** The post a document is about, when it is one of the person's. */
    private String postOf(Document doc, Scope scope) {
        for (String field : spec.postIdFields()) {
            Object value = doc.get(field);
            Collection<?> values =
                    value instanceof Collection<?> list ? list : value == null ? List.of() : List.of(value);
            for (Object v : values) {
                if (scope.postIds().contains(String.valueOf(v))) {
                    return String.valueOf(v);
                }
            }
        }
        if (spec.postSourceField() != null && doc.get(spec.postSourceField()) instanceof String source
                && source.startsWith("post:") && scope.postIds().contains(source.substring(5))) {
            return source.substring(5);
        }
        if (spec.handleField() != null && scope.postIds().contains(String.valueOf(doc.get("_id")))) {
            return String.valueOf(doc.get("_id"));
        }
        return null;
    }

    private Flux<Document> matching(Scope scope) {
        List<Criteria> any = new ArrayList<>();
        if (scope.subject().staff()) {
            spec.staffFields().forEach(field -> any.add(Criteria.where(field).is(scope.subject().staffId())));
        } else {
            List<String> posts = List.copyOf(scope.postIds());
            if (!posts.isEmpty()) {
                spec.postIdFields().forEach(field -> any.add(Criteria.where(field).in(posts)));
                if (spec.postSourceField() != null) {
                    any.add(Criteria.where(spec.postSourceField()).in(posts.stream().map(id -> "post:" + id).toList()));
                }
            }
            if (spec.handleField() != null) {
                Criteria byHandle = Criteria.where(spec.handleField())
                        .regex("^@?" + Pattern.quote(scope.subject().bareHandle()) + "$", "i");
                any.add(spec.platformField() == null ? byHandle
                        : new Criteria().andOperator(byHandle,
                                Criteria.where(spec.platformField()).is(scope.subject().platform())));
            }
            if (spec.mentionField() != null) {
                any.add(Criteria.where(spec.mentionField()).regex(mention(scope)));
            }
        }
        if (any.isEmpty()) {
            return Flux.empty();
        }
        Criteria who = new Criteria().orOperator(any);
        Criteria where = spec.schoolField() == null ? who
                : new Criteria().andOperator(Criteria.where(spec.schoolField()).is(scope.subject().schoolId()), who);
        return mongo.find(Query.query(where), Document.class, spec.collection());
    }

    private static Pattern mention(Scope scope) {
        return Pattern.compile("@" + Pattern.quote(scope.subject().bareHandle()) + "(?![A-Za-z0-9_])",
                Pattern.CASE_INSENSITIVE);
    }

    static Map<String, Object> values(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
