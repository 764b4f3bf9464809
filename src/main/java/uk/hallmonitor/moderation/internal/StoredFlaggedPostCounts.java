package uk.hallmonitor.moderation.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.FlaggedPostCounts;

/**
 * Counts flagged verdicts of a week over the {@code (schoolId, flagged, collectedAt)} index, reading only the fields
 * counted (never the sealed text or the explanation).
 */
@Component
record StoredFlaggedPostCounts(ReactiveMongoTemplate mongo) implements FlaggedPostCounts {

    @Override
    public Mono<Figures> between(String schoolId, Instant from, Instant to) {
        Query query = Query.query(where("schoolId").is(schoolId).and("flagged").is(true)
                .and("collectedAt").gte(from).lt(to));
        query.fields().include("categories", "severity", "safeguarding", "suspectedIllegal", "status");
        return mongo.find(query, Document.class, "verdicts").collectList().map(StoredFlaggedPostCounts::count);
    }

    private static Figures count(List<Document> verdicts) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        for (Category category : Category.values()) {
            byCategory.put(category.name(), 0L);
        }
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            bySeverity.put(severity.name(), 0L);
        }
        long safeguarding = 0;
        long illegal = 0;
        long open = 0;
        for (Document verdict : verdicts) {
            String main = mainCategory(verdict);
            if (main != null) {
                byCategory.merge(main, 1L, Long::sum);
            }
            Object severity = verdict.get("severity");
            if (severity != null && bySeverity.containsKey(severity.toString())) {
                bySeverity.merge(severity.toString(), 1L, Long::sum);
            }
            safeguarding += Boolean.TRUE.equals(verdict.get("safeguarding")) ? 1 : 0;
            illegal += Boolean.TRUE.equals(verdict.get("suspectedIllegal")) ? 1 : 0;
            open += QueueStatus.OPEN.name().equals(String.valueOf(verdict.get("status"))) ? 1 : 0;
        }
        return new Figures(verdicts.size(), safeguarding, illegal, open, byCategory, bySeverity);
    }

    private static String mainCategory(Document verdict) {
        Object categories = verdict.get("categories");
        if (!(categories instanceof List<?> list)) {
            return null;
        }
        String best = null;
        double bestScore = -1;
        for (Object item : list) {
            if (item instanceof Document category && category.get("name") != null) {
                double score = category.get("score") instanceof Number n ? n.doubleValue() : 0;
                if (score > bestScore) {
                    best = category.get("name").toString();
                    bestScore = score;
                }
            }
        }
        return best;
    }
}
