package uk.hallmonitor.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.sla.ComplianceFigures;
import uk.hallmonitor.sla.SchoolCompliance;
import uk.hallmonitor.sla.SlaCompliance;

/** Compliance computed from the stored response clocks. */
@Component
record StoredCompliance(ReactiveMongoTemplate mongo, Clock clock) implements SlaCompliance {

    @Override
    public Mono<SchoolCompliance> between(String schoolId, Instant from, Instant to) {
        Query query = Query.query(Criteria.where("schoolId").is(schoolId).and("receivedAt").gte(from).lt(to));
        return mongo.find(query, ResponseClock.class).collectList().map(found -> {
            Instant now = clock.instant();
            Map<String, List<ResponseClock>> byAccount = found.stream()
                    .collect(Collectors.groupingBy(ResponseClock::accountId, TreeMap::new, Collectors.toList()));
            Map<String, ComplianceFigures> figures = new TreeMap<>();
            byAccount.forEach((account, clocks) -> figures.put(account, ComplianceFigures.of(clocks, now)));
            return new SchoolCompliance(ComplianceFigures.of(found, now), figures);
        });
    }
}
