package uk.hallmonitor.system.web;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;

/**
 * One page of a collection whose records carry a {@code schoolId}, as the caller may see it: a trust administrator
 * sees every school (or the one asked for), everyone else only their own, and asking for another school is a 404.
 */
public final class SchoolScopedPages {

    private SchoolScopedPages() {
    }

    /** The page of records matching {@code filter} (may be empty) within the caller's reach, sorted. */
    public static <T> Mono<PageResponse<T>> page(ReactiveMongoTemplate mongo, Class<T> type, Caller caller,
                                                 String schoolId, Criteria filter, Sort sort, Paging paging) {
        if (!caller.isAdmin() && schoolId != null && !schoolId.equals(caller.schoolId())) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        String school = caller.isAdmin() ? schoolId : caller.schoolId();
        Criteria criteria = filter == null ? new Criteria() : filter;
        if (school != null) {
            criteria = criteria.and("schoolId").is(school);
        }
        Query query = Query.query(criteria);
        return mongo.count(query, type)
                .zipWith(mongo.find(Query.of(query).with(sort).skip(paging.offset()).limit(paging.size()), type)
                        .collectList())
                .map(t -> new PageResponse<>(t.getT2(), paging.page(), paging.size(), t.getT1()));
    }
}
