package uk.hallmonitor.system.web;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;

/**
 * A list endpoint's query on one collection, read a page at a time with the total that matches. Its filters are the
 * endpoint's optional parameters: a value left {@code null} (not asked for) adds nothing, so each filter is stated
 * once instead of as an {@code if} around a criterion.
 */
public final class PagedQuery {

    private Criteria criteria;

    private PagedQuery(Criteria criteria) {
        this.criteria = criteria;
    }

    /** Every record of the collection, until filters narrow it. */
    public static PagedQuery everything() {
        return new PagedQuery(new Criteria());
    }

    /** The records matching {@code base}, until further filters narrow it. */
    public static PagedQuery matching(Criteria base) {
        return new PagedQuery(base);
    }

    /** Newest first by {@code field}, ties broken by id so that pages neither repeat nor skip a record. */
    public static Sort newestFirst(String field) {
        return Sort.by(Sort.Direction.DESC, field).and(Sort.by("_id"));
    }

    /** Only records whose {@code field} equals {@code value}; no filter at all when {@code value} is {@code null}. */
    public PagedQuery is(String field, Object value) {
        if (value != null) {
            criteria = criteria.and(field).is(value);
        }
        return this;
    }

    /** The criteria so far, for a filter that is not a plain equality. */
    public Criteria criteria() {
        return criteria;
    }

    /** One page of the matching records in the given order, with how many match in all. */
    public <T> Mono<PageResponse<T>> page(ReactiveMongoTemplate mongo, Class<T> type, Sort sort, int page, int size) {
        return page(mongo, Query.query(criteria), type, sort, page, size);
    }

    /** One page of the records {@code selection} matches in the given order, with how many match in all. */
    public static <T> Mono<PageResponse<T>> page(ReactiveMongoTemplate mongo, Query selection, Class<T> type,
                                                 Sort sort, int page, int size) {
        return mongo.count(selection, type).flatMap(total -> mongo.find(Query.of(selection).with(sort)
                .skip((long) page * size).limit(size), type)
                .collectList().map(items -> new PageResponse<>(items, page, size, total)));
    }
}
