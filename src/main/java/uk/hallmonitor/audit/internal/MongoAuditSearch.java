package uk.hallmonitor.audit.internal;

import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import uk.hallmonitor.audit.AuditSearch;

/** Reads the chain's entries by school, subject and action (the school index narrows it first). */
@Component
record MongoAuditSearch(ReactiveMongoTemplate mongo) implements AuditSearch {

    @Override
    public Flux<Entry> recent(String schoolId, String subjectType, String subjectIdPrefix, Set<String> actions,
                              int limit) {
        Criteria criteria = Criteria.where("schoolId").is(schoolId).and("subjectType").is(subjectType)
                .and("subjectId").regex("^" + Pattern.quote(subjectIdPrefix));
        if (!actions.isEmpty()) {
            criteria = criteria.and("action").in(actions);
        }
        return mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "seq")).limit(limit),
                AuditEntry.class)
                .map(e -> new Entry(e.at(), e.actor(), e.action(), e.subjectId(), e.after()));
    }
}
