package uk.hallmonitor.sla.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.sla.ClockState;
import uk.hallmonitor.sla.ComplianceFigures;
import uk.hallmonitor.sla.SlaCompliance;
import uk.hallmonitor.sla.calendar.DueTimeRule;
import uk.hallmonitor.sla.calendar.SchoolCalendars;
import uk.hallmonitor.sla.calendar.SchoolRules;
import uk.hallmonitor.sla.calendar.WindowReading;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/**
 * The SLA's clocks, due times and figures: {@code /api/v1/sla/due}, {@code /clocks}, {@code /clocks/{id}/acknowledge}
 * and {@code /compliance}. Records of a school the caller cannot see answer 404, as if they did not exist.
 */
@RestController
@RequestMapping("/api/v1/sla")
class SlaController {

    private static final Role[] VIEWERS = {Role.MODERATOR, Role.SLT};
    private static final Role[] FIGURE_READERS = {Role.MODERATOR, Role.SLT, Role.HEADTEACHER, Role.GOVERNOR};
    private static final Pattern WEEK = Pattern.compile("\\d{4}-W\\d{2}");
    private static final int LONGEST_NOTE = 2000;

    private final ResponseClocks clocks;
    private final SchoolCalendars calendars;
    private final AccountRegister accounts;
    private final AuditTrail audit;
    private final SlaCompliance compliance;
    private final DueTimeRule rule;
    private final Clock clock;

    SlaController(ResponseClocks clocks, SchoolCalendars calendars,
                  AccountRegister accounts, AuditTrail audit, SlaCompliance compliance, SlaProperties properties,
                  Clock clock) {
        this.clocks = clocks;
        this.calendars = calendars;
        this.accounts = accounts;
        this.audit = audit;
        this.compliance = compliance;
        this.rule = new DueTimeRule(properties.window());
        this.clock = clock;
    }

    /** The due time of an item received at {@code at}. */
    record DueAnswer(Instant dueAt, Instant at, String schoolId, ZoneId timezone, String bankHolidayRegion,
                     WindowReading windowReading, LocalTime closeOfDay, boolean receivedOnWorkingDay) {
    }

    @GetMapping("/due")
    Mono<DueAnswer> due(@RequestParam(required = false) String at, @RequestParam(required = false) String schoolId) {
        return Callers.current().flatMap(caller -> {
            Instant received = instant(at);
            return visibleSchool(caller, schoolId)
                    .flatMap(school -> calendars.rules(school.id()))
                    .map(rules -> new DueAnswer(rules.dueAt(rule, received), received, rules.school().id(),
                            rules.calendar().zone(), rules.region(), rules.reading(), rules.calendar().closeOfDay(),
                            rules.calendar().isWorkingDay(rules.calendar().dayOf(received))));
        });
    }

    @GetMapping("/clocks")
    Mono<PageResponse<ClockView>> clocks(@RequestParam(required = false) String state,
                                         @RequestParam(required = false) String schoolId,
                                         @RequestParam(required = false) String accountId,
                                         @RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "50") int size) {
        ClockState wanted = state(state);
        Paging.of(page, size);
        return Callers.current().flatMap(caller -> schoolsToShow(caller, schoolId, VIEWERS).flatMap(school -> {
            Instant now = clock.instant();
            // Ordered by time left: the due time, soonest (or longest overdue) first.
            return clocks.page(school.orElse(null), wanted, accountId, page, size)
                    .map(found -> found.withItems(found.items().stream().map(c -> ClockView.of(c, now)).toList()));
        }));
    }

    @GetMapping("/clocks/{id}")
    Mono<ClockView> clock(@PathVariable String id) {
        return Callers.current().flatMap(caller -> visibleClock(caller, id)
                .flatMap(found -> caller.hasAnyIn(found.schoolId(), Role.ADMIN, Role.MODERATOR, Role.SLT)
                        ? Mono.just(found) : runs(caller, found).flatMap(runner -> runner ? Mono.just(found)
                                : Mono.error(Problems
                                        .forbidden("only moderators, SLT and the account's runners see clocks"))))
                .map(found -> ClockView.of(found, clock.instant())));
    }

    /** An acknowledgement: the item was answered somewhere the connector cannot see. */
    record Acknowledgement(String note) {
    }

    @PostMapping("/clocks/{id}/acknowledge")
    Mono<ClockView> acknowledge(@PathVariable String id, @RequestBody(required = false) Acknowledgement body) {
        return Callers.current().flatMap(caller -> visibleClock(caller, id).flatMap(found -> {
            Mono<Boolean> allowed = caller.hasAnyIn(found.schoolId(), Role.MODERATOR) ? Mono.just(true)
                    : runs(caller, found);
            return allowed.flatMap(ok -> {
                if (!ok) {
                    return Mono.error(Problems.forbidden("only moderators and the account's runners acknowledge"));
                }
                String note = body == null ? null : body.note();
                if (note == null || note.isBlank() || note.length() > LONGEST_NOTE) {
                    return Mono.error(Problems.badRequest("note", "say how the item was answered, in at most "
                            + LONGEST_NOTE + " characters"));
                }
                if (found.state() == ClockState.MET || found.state() == ClockState.EXCLUDED
                        || found.state() == ClockState.HANDLED) {
                    return Mono.error(alreadyClosed(found));
                }
                return clocks.acknowledge(found, caller.staffId(), note.strip())
                        .switchIfEmpty(
                                Mono.defer(() -> clocks.clock(id).flatMap(now -> Mono.error(alreadyClosed(now)))))
                        .flatMap(met -> audit.record(new AuditEvent(caller.username(), "sla.clock.acknowledged",
                                met.schoolId(), "sla-clock", met.id(), Map.of("state", found.state().name()),
                                Map.of("state", met.state().name(), "metLate", met.metLate(), "note",
                                        met.note())))
                                .thenReturn(ClockView.of(met, clock.instant())));
            });
        }));
    }

    /** Compliance of one school, overall and per account, over one ISO week in the school's zone. */
    record Compliance(String schoolId, String week, Instant from, Instant to, ComplianceFigures school,
                      Map<String, ComplianceFigures> accounts) {
    }

    @GetMapping("/compliance")
    Mono<Compliance> compliance(@RequestParam(required = false) String schoolId,
                                @RequestParam(required = false) String week) {
        LocalDate monday = week(week);
        return Callers.current().flatMap(caller -> schoolsToShow(caller, schoolId, FIGURE_READERS)
                .flatMap(school -> school.isEmpty()
                        ? Mono.error(Problems.badRequest("schoolId", "name the school"))
                        : calendars.rules(school.get())
                                .switchIfEmpty(Mono.error(Problems.notFound("school", school.get())))
                                .flatMap(rules -> {
                                    ZoneId zone = rules.calendar().zone();
                                    Instant from = monday.atStartOfDay(zone).toInstant();
                                    Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
                                    return compliance.between(school.get(), from, to)
                                            .map(figures -> new Compliance(school.get(), week, from, to,
                                                    figures.school(),
                                                    figures.accounts()));
                                })));
    }

    private Mono<SchoolView> visibleSchool(Caller caller, String schoolId) {
        String wanted = schoolId != null ? schoolId : caller.schoolId();
        if (wanted == null) {
            return Mono.error(Problems.badRequest("schoolId", "name the school"));
        }
        if (!caller.canSee(wanted)) {
            return Mono.error(Problems.notFound("school", wanted));
        }
        return calendars.rules(wanted).map(SchoolRules::school)
                .switchIfEmpty(Mono.error(Problems.notFound("school", wanted)));
    }

    /** The school to filter on (empty: every school, for an administrator who named none). */
    private static Mono<java.util.Optional<String>> schoolsToShow(Caller caller, String schoolId, Role... roles) {
        if (caller.isAdmin()) {
            return Mono.just(java.util.Optional.ofNullable(schoolId));
        }
        String wanted = schoolId != null ? schoolId : caller.schoolId();
        if (wanted == null || !caller.canSee(wanted)) {
            return Mono.error(Problems.notFound("school", String.valueOf(wanted)));
        }
        if (!caller.hasAnyIn(wanted, roles)) {
            return Mono.error(Problems.forbidden("this needs one of the roles " + List.of(roles)));
        }
        return Mono.just(java.util.Optional.of(wanted));
    }

    private Mono<ResponseClock> visibleClock(Caller caller, String id) {
        return clocks.clock(id).filter(found -> caller.canSee(found.schoolId()))
                .switchIfEmpty(Mono.error(Problems.notFound("clock", id)));
    }

    private Mono<Boolean> runs(Caller caller, ResponseClock found) {
        return accounts.account(found.accountId()).map(SchoolAccount::runnerIds)
                .map(runners -> runners.contains(caller.staffId())).defaultIfEmpty(false);
    }

    private static RuntimeException alreadyClosed(ResponseClock found) {
        String detail = found.state() == ClockState.EXCLUDED
                ? "clock " + found.id() + " is excluded praise; it has nothing to acknowledge"
                : "clock " + found.id() + " was already met at " + found.metAt()
                        + (Boolean.TRUE.equals(found.metLate()) ? " (late)" : "");
        return Problems.conflict(detail, List.of("state is " + found.state()));
    }

    private static Instant instant(String at) {
        if (at == null || at.isBlank()) {
            throw Problems.badRequest("at", "give the instant the item was received, e.g. 2026-11-22T09:30:00Z");
        }
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(at.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("at", "'" + at + "' is not an ISO-8601 instant such as 2026-11-22T09:30:00Z");
        }
    }

    private static ClockState state(String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            return ClockState.valueOf(state.strip());
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("state", "'" + state + "' is not one of " + List.of(ClockState.values()));
        }
    }

    private static LocalDate week(String week) {
        if (week == null || !WEEK.matcher(week).matches()) {
            throw Problems.badRequest("week", "give an ISO week such as 2026-W47");
        }
        try {
            return LocalDate.parse(week + "-1", DateTimeFormatter.ISO_WEEK_DATE);
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("week", "'" + week + "' is not a week of that year");
        }
    }

}
