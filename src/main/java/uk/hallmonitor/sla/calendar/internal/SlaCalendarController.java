package uk.hallmonitor.sla.calendar.internal;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.sla.calendar.BankHolidayStore;
import uk.hallmonitor.sla.calendar.Closure;
import uk.hallmonitor.sla.calendar.SchoolCalendars;
import uk.hallmonitor.sla.calendar.SchoolRules;
import uk.hallmonitor.sla.calendar.WindowReading;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/**
 * The working-day calendar: each school's closures and SLA choices ({@code /api/v1/sla/schools/{id}/calendar},
 * changed by SLT of that school or an administrator) and the bank holidays of each region
 * ({@code /api/v1/sla/bank-holidays/{region}}, refreshed by an administrator).
 */
@RestController
@RequestMapping("/api/v1/sla")
record SlaCalendarController(SchoolCalendars calendars, BankHolidayStore holidays, AuditTrail audit) {

    /** A school's calendar as the API shows it. */
    record CalendarView(String schoolId, ZoneId timezone, String bankHolidayRegion, LocalTime closeOfDay,
                        WindowReading windowReading, boolean excludePraise, List<Closure> closures, long version) {
    }

    @GetMapping("/schools/{schoolId}/calendar")
    Mono<CalendarView> calendar(@PathVariable String schoolId) {
        return Callers.current().flatMap(caller -> visible(caller, schoolId)).then(view(schoolId));
    }

    @PutMapping("/schools/{schoolId}/calendar")
    Mono<CalendarView> change(@PathVariable String schoolId, @RequestBody CalendarChange change) {
        return Callers.current().flatMap(caller -> editable(caller, schoolId)
                .then(changeAndAudit(caller, schoolId, "sla.calendar.changed", change::applyTo)));
    }

    @PostMapping("/schools/{schoolId}/closures")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CalendarView> addClosure(@PathVariable String schoolId, @RequestBody CalendarChange.ClosureInput closure) {
        return Callers.current().flatMap(caller -> editable(caller, schoolId)
                .then(changeAndAudit(caller, schoolId, "sla.closure.added",
                        current -> CalendarChange.addTo(current, closure))));
    }

    @DeleteMapping("/schools/{schoolId}/closures/{closureId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> removeClosure(@PathVariable String schoolId, @PathVariable String closureId) {
        return Callers.current().flatMap(caller -> editable(caller, schoolId)
                .then(changeAndAudit(caller, schoolId, "sla.closure.removed", current -> {
                    List<SchoolSlaCalendar.StoredClosure> kept = new ArrayList<>(current.closures());
                    if (!kept.removeIf(closure -> closure.id().equals(closureId))) {
                        throw Problems.notFound("closure", closureId);
                    }
                    return new SchoolSlaCalendar(current.schoolId(), current.closeOfDay(), current.windowReading(),
                            current.excludePraise(), kept, current.version(), current.updatedAt(),
                            current.updatedBy());
                }))).then();
    }

    /** A region's bank holidays. */
    record HolidaysView(String region, int count, List<BankHoliday> holidays) {
    }

    @GetMapping("/bank-holidays/{region}")
    Mono<HolidaysView> bankHolidays(@PathVariable String region) {
        return Callers.current().flatMap(caller -> {
            if (!BankHolidays.REGIONS.contains(region)) {
                return Mono.error(Problems.notFound("bank holiday region", region));
            }
            List<BankHoliday> all = holidays.holidays(region);
            return Mono.just(new HolidaysView(region, all.size(), all));
        });
    }

    @PutMapping("/bank-holidays/{region}")
    Mono<HolidaysView> uploadBankHolidays(@PathVariable String region, @RequestBody BankHolidayUpload upload) {
        return Callers.current().flatMap(caller -> {
            if (!caller.isAdmin()) {
                return Mono.error(Problems.forbidden("only an administrator uploads bank holidays"));
            }
            return holidays.upload(region, upload, caller.username())
                    .map(all -> new HolidaysView(region, all.size(), all));
        });
    }

    private Mono<CalendarView> changeAndAudit(Caller caller, String schoolId, String action,
                                              java.util.function.UnaryOperator<SchoolSlaCalendar> change) {
        return calendars.stored(schoolId).flatMap(before -> calendars.change(schoolId, caller.username(), change)
                .flatMap(after -> audit.record(new AuditEvent(caller.username(), action, schoolId,
                        "sla-calendar", schoolId, summary(before), summary(after)))))
                .then(view(schoolId));
    }

    private static Map<String, Object> summary(SchoolSlaCalendar calendar) {
        return Map.of("closeOfDay", String.valueOf(calendar.closeOfDay()),
                "windowReading", String.valueOf(calendar.windowReading()),
                "excludePraise", String.valueOf(calendar.excludePraise()),
                "closures", calendar.closures().stream().map(c -> c.from() + ".." + c.to() + " " + c.reason()).toList(),
                "version", calendar.version());
    }

    private Mono<CalendarView> view(String schoolId) {
        return calendars.rules(schoolId)
                .switchIfEmpty(Mono.error(Problems.notFound("school", schoolId)))
                .zipWith(calendars.stored(schoolId))
                .map(pair -> {
                    SchoolRules rules = pair.getT1();
                    return new CalendarView(schoolId, rules.calendar().zone(), rules.region(),
                            rules.calendar().closeOfDay(), rules.reading(), rules.excludePraise(),
                            rules.calendar().closures(), pair.getT2().version());
                });
    }

    private Mono<Void> visible(Caller caller, String schoolId) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        return calendars.rules(schoolId).switchIfEmpty(Mono.error(Problems.notFound("school", schoolId))).then();
    }

    private Mono<Void> editable(Caller caller, String schoolId) {
        return visible(caller, schoolId).then(Mono.defer(() -> caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT)
                ? Mono.<Void>empty()
                : Mono.error(Problems.forbidden("only SLT of the school or an administrator change its calendar"))));
    }
}
