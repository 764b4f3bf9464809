package uk.hallmonitor.privacy.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
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
import uk.hallmonitor.system.web.SchoolScopedPages;

/** Legal holds and "keep until" dates on incidents, set by the DSL, SLT or an administrator. */
@Component
record IncidentRetentions(ReactiveMongoTemplate mongo, AuditTrail audit, Clock clock) {

    static final String COLLECTION = "privacy_incident_retention";

    /** What {@code PUT /api/v1/privacy/incidents/{id}} accepts. */
    record Request(Boolean legalHold, String reason, String keepUntil) {
    }

    Mono<IncidentRetention> get(Caller caller, String incidentId) {
        return incident(caller, incidentId).flatMap(incident -> mongo.findById(incidentId, IncidentRetention.class)
                .defaultIfEmpty(new IncidentRetention(incidentId, incident.getString("schoolId"), false, null, null,
                        null, null)));
    }

    Mono<IncidentRetention> set(Caller caller, String incidentId, Request request) {
        List<Problems.FieldError> errors = new ArrayList<>();
        if (request == null) {
            return Mono.error(Problems.badRequest("legalHold", "send {legalHold, reason, keepUntil?}"));
        }
        if (request.legalHold() == null) {
            errors.add(new Problems.FieldError("legalHold", "say true to hold the incident or false to lift the hold"));
        }
        if (Boolean.TRUE.equals(request.legalHold()) && (request.reason() == null || request.reason().isBlank())) {
            errors.add(new Problems.FieldError("reason", "say why the incident is held (e.g. the police asked)"));
        } else if (request.reason() != null && request.reason().length() > 2000) {
            errors.add(new Problems.FieldError("reason", "at most 2,000 characters"));
        }
        String keepUntil = null;
        if (request.keepUntil() != null && !request.keepUntil().isBlank()) {
            try {
                keepUntil = LocalDate.parse(request.keepUntil().strip()).toString();
            } catch (DateTimeParseException bad) {
                errors.add(new Problems.FieldError("keepUntil", "a date as yyyy-MM-dd (the day the child turns 25),"
                        + " or leave it out"));
            }
        }
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        String until = keepUntil;
        return incident(caller, incidentId).flatMap(incident -> {
            String schoolId = incident.getString("schoolId");
            if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL)) {
                return Mono.error(Problems.forbidden("legal holds are set by the DSL, SLT or an administrator"));
            }
            Instant now = clock.instant();
            IncidentRetention after = new IncidentRetention(incidentId, schoolId, request.legalHold(),
                    request.reason() == null ? null : request.reason().strip(), until, now, caller.username());
            return mongo.findById(incidentId, IncidentRetention.class)
                    .map(before -> Map.<String, Object>of("legalHold", before.legalHold(),
                            "keepUntil", String.valueOf(before.keepUntil())))
                    .defaultIfEmpty(Map.of("legalHold", false))
                    .flatMap(before -> mongo.save(after).flatMap(saved -> audit.record(new AuditEvent(
                            caller.username(), "privacy.incident-retention", schoolId, "incident", incidentId, before,
                            Map.of("legalHold", saved.legalHold(), "keepUntil", String.valueOf(saved.keepUntil()))))
                            .thenReturn(saved)));
        });
    }

    /** The incident as stored, if the caller may see it. */
    private Mono<Document> incident(Caller caller, String incidentId) {
        return mongo.findById(incidentId, Document.class, "incidents")
                .transform(SchoolScopedPages.readableBy(caller, (Document incident) -> incident.getString("schoolId"),
                        "incident", incidentId, new Role[] {Role.ADMIN, Role.SLT, Role.DSL},
                        "incident retention is for the DSL, SLT or an administrator"));
    }
}
