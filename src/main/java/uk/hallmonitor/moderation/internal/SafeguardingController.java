package uk.hallmonitor.moderation.internal;

import java.time.Clock;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertOutbox;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * HIGH and CRITICAL safeguarding alerts: the list, one alert with its ladder, and the acknowledgement that stops it
 * climbing ({@code /api/v1/safeguarding-alerts}).
 */
@RestController
@RequestMapping("/api/v1/safeguarding-alerts")
record SafeguardingController(SafeguardingStore store, AlertOutbox alerts, SchoolDirectory directory, Clock clock,
                              uk.hallmonitor.audit.DataAccessLog access) {

    /** Who sees safeguarding alerts. */
    static final Role[] READERS = {Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.SLT, Role.MODERATOR, Role.ADMIN};
    /** Who may acknowledge one: the people on its ladder, and SLT. */
    static final Role[] ACKNOWLEDGERS = {Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER, Role.SLT};
    private static final int MAX_NOTE = 2_000;

    /** {@code POST .../acknowledgement} body. */
    record Acknowledgement(String note) {
    }

    @GetMapping
    Mono<PageResponse<SafeguardingAlertView>> list(@RequestParam(required = false) String schoolId,
                                                   @RequestParam(required = false) String state,
                                                   @RequestParam(defaultValue = "0") int page,
                                                   @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> {
            Boolean acknowledged;
            if (state == null || state.isBlank()) {
                acknowledged = null;
            } else if ("ACKNOWLEDGED".equalsIgnoreCase(state.strip())) {
                acknowledged = true;
            } else if ("UNACKNOWLEDGED".equalsIgnoreCase(state.strip())) {
                acknowledged = false;
            } else {
                return Mono.error(Problems.badRequest("state", "use ACKNOWLEDGED or UNACKNOWLEDGED"));
            }
            Paging.of(page, size);
            return SchoolScopedPages.forReaders(caller, schoolId, READERS, "safeguarding alerts are for the DSL, "
                    + "deputies, head teacher, SLT and moderators",
                    school -> store.page(school, acknowledged, page, size)
                            .flatMap(found -> reactor.core.publisher.Flux.fromIterable(found.items())
                                    .flatMapSequential(this::view).collectList()
                                    .map(found::withItems)));
        });
    }

    @GetMapping("/{id}")
    Mono<SafeguardingAlertView> one(@PathVariable String id) {
        // who looked (R11): a sealed item's metadata is read on the record
        return Callers.current().flatMap(caller -> visible(caller, id).flatMap(this::view)
                .flatMap(view -> !view.sealed() ? Mono.just(view) : access.viewed(caller.username(), view.schoolId(),
                        "sealed-item", id, java.util.List.of()).thenReturn(view)));
    }

    @PostMapping("/{id}/acknowledgement")
    Mono<SafeguardingAlertView> acknowledge(@PathVariable String id,
                                            @RequestBody(required = false) Acknowledgement request) {
        String note = request == null || request.note() == null || request.note().isBlank() ? null
                : request.note().strip();
        if (note != null && note.length() > MAX_NOTE) {
            return Mono.error(Problems.badRequest("note", "at most 2,000 characters (" + note.length() + " sent)"));
        }
        return Callers.current().flatMap(caller -> visible(caller, id).flatMap(alert -> {
            if (!caller.hasAnyIn(alert.schoolId(), ACKNOWLEDGERS)) {
                return Mono.error(Problems.forbidden("a safeguarding alert is acknowledged by the DSL, a deputy DSL, "
                        + "the head teacher or SLT"));
            }
            if (alert.acknowledged()) {
                return Mono.error(already(alert));
            }
            return directory.staff(caller.staffId()).map(StaffView::name).defaultIfEmpty(caller.username())
                    .flatMap(name -> store.acknowledge(id, caller.staffId(), name, note, clock.instant()))
                    // someone acknowledged it between the read and the write
                    .switchIfEmpty(Mono.defer(() -> store.find(id).flatMap(now -> Mono.error(already(now)))))
                    .flatMap(this::view);
        }));
    }

    private static org.springframework.web.ErrorResponseException already(SafeguardingAlert alert) {
        return Problems.conflict("safeguarding alert " + alert.id() + " was already acknowledged by "
                + alert.acknowledgedByName() + " at " + alert.acknowledgedAt());
    }

    private Mono<SafeguardingAlert> visible(Caller caller, String id) {
        return store.find(id).transform(SchoolScopedPages.readableBy(caller, SafeguardingAlert::schoolId,
                "safeguarding alert", id, READERS, "safeguarding alerts are for the DSL, deputies, head teacher, SLT "
                        + "and moderators"));
    }

    private Mono<SafeguardingAlertView> view(SafeguardingAlert alert) {
        return alerts.reachedOutside(alert.sources()).map(outside -> SafeguardingAlertView.of(alert, outside));
    }
}
