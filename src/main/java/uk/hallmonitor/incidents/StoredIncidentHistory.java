package uk.hallmonitor.incidents;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/** {@link IncidentHistory} over the stored incident log. */
@Component
record StoredIncidentHistory(ReactiveMongoTemplate mongo) implements IncidentHistory {

    @Override
    public Flux<Incident> openDuring(String schoolId, Instant from, Instant to) {
        Criteria notClosedBefore = new Criteria().orOperator(
                where("status").ne(IncidentStatus.CLOSED),
                where("trail").elemMatch(where("to").is(IncidentStatus.CLOSED).and("at").gte(from)));
        Query query = Query.query(new Criteria().andOperator(
                where("schoolId").is(schoolId), where("createdAt").lt(to), notClosedBefore))
                .with(Sort.by("createdAt", "_id"));
        return mongo.find(query, Incident.class);
    }
}
