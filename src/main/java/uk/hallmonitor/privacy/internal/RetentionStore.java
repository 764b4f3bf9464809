package uk.hallmonitor.privacy.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/** Reads and changes a school's retention settings ({@code GET/PUT /api/v1/schools/{id}/retention}). */
@Component
record RetentionStore(ReactiveMongoTemplate mongo, AuditTrail audit, Clock clock) {

    private static final int MAX_DAYS = 3650;
    private static final int MAX_YEARS = 100;

    /** What {@code PUT} accepts; a field left out keeps its default. */
    record Request(Integer unflaggedPostDays, Integer flaggedPostDays, Integer incidentYears, String safeguarding) {
    }

    Mono<RetentionSettings> get(Caller caller, String schoolId) {
        return allowed(caller, schoolId).then(of(schoolId));
    }

    Mono<RetentionSettings> of(String schoolId) {
        return mongo.findById(schoolId, RetentionSettings.class).defaultIfEmpty(RetentionSettings.defaults(schoolId));
    }

    Mono<RetentionSettings> put(Caller caller, String schoolId, Request request) {
        RetentionSettings defaults = RetentionSettings.defaults(schoolId);
        if (request == null) {
            return Mono.error(Problems.badRequest("unflaggedPostDays", "send {unflaggedPostDays, flaggedPostDays,"
                    + " incidentYears, safeguarding}"));
        }
        List<Problems.FieldError> errors = new ArrayList<>();
        int unflagged = within(request.unflaggedPostDays(), defaults.unflaggedPostDays(), 1, MAX_DAYS,
                "unflaggedPostDays", "days", errors);
        int flagged = within(request.flaggedPostDays(), defaults.flaggedPostDays(), 1, MAX_DAYS, "flaggedPostDays",
                "days", errors);
        int years = within(request.incidentYears(), defaults.incidentYears(), 1, MAX_YEARS, "incidentYears",
                "years", errors);
        if (errors.isEmpty() && flagged < unflagged) {
            errors.add(new Problems.FieldError("flaggedPostDays", "flagged posts must be kept at least as long as"
                    + " unflagged ones (" + unflagged + " days): raise it to " + unflagged + " or more"));
        }
        RetentionSettings.SafeguardingRetention safeguarding = defaults.safeguarding();
        if (request.safeguarding() != null) {
            try {
                safeguarding = RetentionSettings.SafeguardingRetention.valueOf(
                        request.safeguarding().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new Problems.FieldError("safeguarding", "unknown rule '" + request.safeguarding()
                        + "'; use LIKE_OTHER_INCIDENTS or UNTIL_CHILD_IS_25"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        RetentionSettings.SafeguardingRetention rule = safeguarding;
        return allowed(caller, schoolId).then(of(schoolId)).flatMap(before -> {
            RetentionSettings after = new RetentionSettings(schoolId, unflagged, flagged, years, rule,
                    clock.instant(), caller.username());
            return mongo.save(after).flatMap(saved -> audit.record(new AuditEvent(caller.username(),
                    "privacy.retention.changed", schoolId, "retention", schoolId, summary(before), summary(saved)))
                    .thenReturn(saved));
        });
    }

    private Mono<Void> allowed(Caller caller, String schoolId) {
        return mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(schoolId)),
                Document.class, "schools")
                .flatMap(exists -> !exists || !caller.canSee(schoolId) ? Mono
                        .error(Problems.notFound("school", schoolId))
                        : caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT) ? Mono.<Void>empty()
                        : Mono.error(Problems.forbidden("retention settings are for SLT and administrators")));
    }

    private static Map<String, Object> summary(RetentionSettings s) {
        return Map.of("unflaggedPostDays", s.unflaggedPostDays(), "flaggedPostDays", s.flaggedPostDays(),
                "incidentYears", s.incidentYears(), "safeguarding", s.safeguarding().name());
    }

    private static int within(Integer value, int fallback, int min, int max, String field, String unit,
                              List<Problems.FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            errors.add(new Problems.FieldError(field, "must be between " + min + " and " + max + " " + unit + " ("
                    + value + " sent)"));
            return fallback;
        }
        return value;
    }
}
