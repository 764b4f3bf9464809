package uk.hallmonitor.system.web;

import java.util.function.Function;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;

/**
 * Records that carry a {@code schoolId}, as the caller may see them: a trust administrator sees every school (or the
 * one asked for), everyone else only their own, and asking for another school, or for a record of one, is a 404.
 */
public final class SchoolScopedPages {

    private SchoolScopedPages() {
    }

    /**
     * Lets through a record of a school the caller can see. A record of another school is a 404 exactly like no
     * record at all, naming {@code what} and {@code id}, so that nobody learns which ids exist elsewhere.
     */
    public static <T> Function<Mono<T>, Mono<T>> visibleTo(Caller caller, Function<T, String> school, String what,
                                                           String id) {
        return found -> found.filter(record -> caller.canSee(school.apply(record)))
                .switchIfEmpty(Mono.error(() -> Problems.notFound(what, id)));
    }

    /**
     * As {@link #visibleTo}, and then a 403 that says {@code whoMayRead} unless the caller holds one of
     * {@code readers} in the record's school.
     */
    public static <T> Function<Mono<T>, Mono<T>> readableBy(Caller caller, Function<T, String> school, String what,
                                                            String id, Role[] readers, String whoMayRead) {
        return found -> found.transform(visibleTo(caller, school, what, id))
                .flatMap(record -> caller.hasAnyIn(school.apply(record), readers) ? Mono.just(record)
                        : Mono.error(Problems.forbidden(whoMayRead)));
    }

    /**
     * Reads a list for the school asked for, else for the caller's own ({@code null} for a trust administrator who
     * named none: every school). A school the caller cannot see is a 404; one where they hold none of {@code readers}
     * is a 403 that says {@code whoMayRead}.
     */
    public static <T> Mono<T> forReaders(Caller caller, String schoolId, Role[] readers, String whoMayRead,
                                         Function<String, Mono<T>> read) {
        String school = schoolId != null ? schoolId : caller.isAdmin() ? null : caller.schoolId();
        if (school != null && !caller.canSee(school)) {
            return Mono.error(Problems.notFound("school", school));
        }
        if (school != null && !caller.hasAnyIn(school, readers)) {
            return Mono.error(Problems.forbidden(whoMayRead));
        }
        return read.apply(school);
    }

    /** The page of records matching {@code filter} (may be empty) within the caller's reach, sorted. */
    public static <T> Mono<PageResponse<T>> page(ReactiveMongoTemplate mongo, Class<T> type, Caller caller,
                                                 String schoolId, Criteria filter, Sort sort, Paging paging) {
        if (!caller.isAdmin() && schoolId != null && !schoolId.equals(caller.schoolId())) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        String school = caller.isAdmin() ? schoolId : caller.schoolId();
        return PagedQuery.matching(filter == null ? new Criteria() : filter).is("schoolId", school)
                .page(mongo, type, sort, paging.page(), paging.size());
    }
}
