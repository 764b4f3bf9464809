package uk.hallmonitor.applications.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.applications.DecisionsWaiting;

/** {@link DecisionsWaiting} over the {@code applications} collection: those in SUBMITTED. */
@Component
record SubmittedApplications(ReactiveMongoTemplate mongo) implements DecisionsWaiting {

    @Override
    public Mono<Long> count(String schoolId) {
        return mongo.count(query(where("schoolId").is(schoolId).and("status").is(ApplicationStatus.SUBMITTED)),
                AccountApplication.class);
    }
}
