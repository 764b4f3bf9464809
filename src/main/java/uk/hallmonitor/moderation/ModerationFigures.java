package uk.hallmonitor.moderation;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.internal.PostVerdict;
import uk.hallmonitor.moderation.internal.SafeguardingAlert;
import uk.hallmonitor.moderation.internal.SafeguardingStore;

/** Read-only figures of flagged posts, safeguarding alerts and escalations over a period, for the reports module. */
@Component
public class ModerationFigures {

    private final ReactiveMongoTemplate mongo;
    private final SafeguardingStore safeguarding;

    ModerationFigures(ReactiveMongoTemplate mongo, SafeguardingStore safeguarding) {
        this.mongo = mongo;
        this.safeguarding = safeguarding;
    }

    /** The school's figures for posts classified, and safeguarding alerts raised, in {@code [from, to)}. */
    public Mono<ModerationWeek> between(String schoolId, Instant from, Instant to) {
        Mono<List<PostVerdict>> flagged = mongo.find(query(where("schoolId").is(schoolId).and("flagged").is(true)
                .and("classifiedAt").gte(from).lt(to)), PostVerdict.class).collectList();
        Mono<List<SafeguardingAlert>> alerts = safeguarding.raisedBetween(schoolId, from, to).collectList();
        // steps taken in the period, of alerts raised up to a day before it (a step is at most a few hours late)
        Mono<List<SafeguardingAlert>> climbed = safeguarding.raisedBetween(schoolId, from.minus(Duration.ofDays(1)),
                to).collectList();
        return Mono.zip(flagged, alerts, climbed).map(found -> week(found.getT1(), found.getT2(), found.getT3(),
                from, to));
    }

    private static ModerationWeek week(List<PostVerdict> flagged, List<SafeguardingAlert> alerts,
                                       List<SafeguardingAlert> climbed, Instant from, Instant to) {
        Map<String, Long> byCategory = new TreeMap<>();
        Map<String, Long> bySeverity = new LinkedHashMap<>();
        for (Severity severity : List.of(Severity.CRITICAL, Severity.HIGH, Severity.MEDIUM, Severity.LOW)) {
            bySeverity.put(severity.name(), 0L);
        }
        for (PostVerdict verdict : flagged) {
            byCategory.merge(category(verdict.suspectedIllegal(), verdict.categoryNames()), 1L, Long::sum);
            if (verdict.severity() != null && verdict.severity() != Severity.NONE) {
                bySeverity.merge(verdict.severity().name(), 1L, Long::sum);
            }
        }
        List<ModerationWeek.SafeguardingLine> lines = new ArrayList<>();
        List<Duration> toAcknowledge = new ArrayList<>();
        for (SafeguardingAlert alert : alerts) {
            Duration taken = alert.acknowledged() ? Duration.between(alert.raisedAt(), alert.acknowledgedAt()) : null;
            if (taken != null) {
                toAcknowledge.add(taken);
            }
            String reached = alert.escalations().isEmpty() ? "DSL"
                    : alert.escalations().get(alert.escalations().size() - 1).level().name();
            lines.add(new ModerationWeek.SafeguardingLine(alert.id(), alert.severity().name(),
                    category(alert.sealed(), alert.categories()), alert.incidentNumber(), alert.raisedAt(), reached,
                    alert.acknowledgedByName(), alert.acknowledgedAt(), taken));
        }
        Map<String, Long> byLevel = new TreeMap<>();
        climbed.stream().flatMap(alert -> alert.escalations().stream())
                .filter(step -> !step.at().isBefore(from) && step.at().isBefore(to))
                .forEach(step -> byLevel.merge(step.level().name(), 1L, Long::sum));
        toAcknowledge.sort(null);
        Duration median = toAcknowledge.isEmpty() ? null : toAcknowledge.size() % 2 == 1
                ? toAcknowledge.get(toAcknowledge.size() / 2)
                : toAcknowledge.get(toAcknowledge.size() / 2 - 1).plus(toAcknowledge.get(toAcknowledge.size() / 2))
                        .dividedBy(2);
        return new ModerationWeek(flagged.size(), byCategory, bySeverity, lines,
                alerts.stream().filter(alert -> !alert.acknowledged()).count(), median,
                byLevel.values().stream().mapToLong(Long::longValue).sum(), byLevel);
    }

    private static String category(boolean sealed, List<String> categories) {
        return sealed ? "SUSPECTED_ILLEGAL" : categories.isEmpty() ? "OTHER" : categories.get(0);
    }
}
