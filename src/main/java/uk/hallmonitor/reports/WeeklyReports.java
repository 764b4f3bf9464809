package uk.hallmonitor.reports;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.incidents.Incident;
import uk.hallmonitor.incidents.IncidentHistory;
import uk.hallmonitor.incidents.IncidentStatus;
import uk.hallmonitor.moderation.FlaggedPostCounts;
import uk.hallmonitor.moderation.ModerationFigures;
import uk.hallmonitor.moderation.ModerationWeek;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.sla.ComplianceFigures;
import uk.hallmonitor.sla.SchoolCompliance;
import uk.hallmonitor.sla.SlaCompliance;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/** Puts the weekly report of a school together from the incident log, the response clocks and the register. */
@Component
public class WeeklyReports {

    static final Role[] READERS = {Role.SLT, Role.HEADTEACHER, Role.GOVERNOR, Role.ADMIN};
    static final int TREND_WEEKS = 8;
    private static final ComplianceFigures NOTHING = new ComplianceFigures(0, 0, 0, 0, 0, 0, null, null, 0);

    private final SchoolDirectory directory;
    private final AccountRegister register;
    private final IncidentHistory incidents;
    private final SlaCompliance compliance;
    private final ModerationFigures moderation;
    private final FlaggedPostCounts flagged;
    private final Clock clock;
    private final AuditTrail audit;

    WeeklyReports(SchoolDirectory directory, AccountRegister register, IncidentHistory incidents,
                  SlaCompliance compliance, ModerationFigures moderation, FlaggedPostCounts flagged, Clock clock,
                  AuditTrail audit) {
        this.audit = audit;
        this.moderation = moderation;
        this.flagged = flagged;
        this.directory = directory;
        this.register = register;
        this.incidents = incidents;
        this.compliance = compliance;
        this.clock = clock;
    }

    /** The report a caller asked for: their school unless named, last week unless named. */
    public Mono<WeeklyReport> forCaller(Caller caller, String schoolId, String week) {
        String school = schoolId != null && !schoolId.isBlank() ? schoolId : caller.schoolId();
        if (school == null) {
            return Mono.error(Problems.badRequest("schoolId", "name the school: an administrator sees every school"));
        }
        boolean current = week != null && "current".equalsIgnoreCase(week.strip());
        ReportWeek wanted = week == null || week.isBlank() || current ? null : ReportWeek.parse(week);
        if (!caller.canSee(school)) {
            return Mono.error(Problems.notFound("school", school));
        }
        if (!caller.hasAnyIn(school, READERS)) {
            return Mono.error(Problems.forbidden("the weekly report is for SLT, the head teacher and governors"));
        }
        return directory.school(school)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("school", school)))
                .flatMap(found -> {
                    LocalDate today = LocalDate.ofInstant(clock.instant(), found.timezone());
                    ReportWeek chosen = wanted != null ? wanted
                            : current ? ReportWeek.containing(today) : ReportWeek.before(today);
                    if (chosen.monday().isAfter(today)) {
                        return Mono.error(Problems.badRequest("week",
                                chosen.label() + " has not started yet; ask for this week or an earlier one"));
                    }
                    return of(found, chosen);
                });
    }

    /** The report of the school for the week. */
    Mono<WeeklyReport> of(SchoolView school, ReportWeek week) {
        ZoneId zone = school.timezone();
        Instant from = week.from(zone);
        Instant to = week.to(zone);
        return Mono.zip(incidents.openDuring(school.id(), from, to).collectList(),
                compliance.between(school.id(), from, to),
                register.ofSchool(school.id()).collectList(),
                moderation.between(school.id(), from, to),
                audit.head().map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()),
                flagged.between(school.id(), from, to),
                trend(school.id(), week, zone))
                .map(parts -> {
                    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                    WeeklyReport.Incidents logged = incidents(parts.getT1(), from, to);
                    WeeklyReport.Responses responses = responses(parts.getT2(), parts.getT3());
                    WeeklyReport.Accounts accounts = accounts(parts.getT3());
                    return new WeeklyReport(school.id(), school.name(), zone, week.label(), from, to, now,
                            !now.isBefore(to), summary(week, logged, responses.school(), parts.getT4()), logged,
                            responses, accounts, parts.getT5().orElse(null), parts.getT4(), flagged(parts.getT6()),
                            parts.getT7());
                });
    }

    /** Compliance of the eight weeks ending with {@code week}, oldest first, one query per week. */
    private Mono<List<WeeklyReport.WeekCompliance>> trend(String schoolId, ReportWeek week, ZoneId zone) {
        Instant now = clock.instant();
        return reactor.core.publisher.Flux.range(0, TREND_WEEKS)
                .map(back -> new ReportWeek(week.monday().minusWeeks(TREND_WEEKS - 1 - back)))
                .concatMap(each -> compliance.between(schoolId, each.from(zone), each.to(zone))
                        .map(figures -> {
                            ComplianceFigures f = figures.school();
                            return new WeeklyReport.WeekCompliance(each.label(), now.isBefore(each.to(zone)),
                                    f.total() - f.open(), f.metOnTime(), f.compliance());
                        }))
                .collectList();
    }

    private static WeeklyReport.Flagged flagged(FlaggedPostCounts.Figures f) {
        return new WeeklyReport.Flagged(f.flagged(), f.safeguarding(), f.suspectedIllegal(), f.stillOpen(),
                f.byCategory(), f.bySeverity());
    }

    private static WeeklyReport.Incidents incidents(List<Incident> found, Instant from, Instant to) {
        Map<String, Integer> byCategory = new TreeMap<>();
        Map<String, Integer> bySeverity = new LinkedHashMap<>();
        for (String severity : List.of("CRITICAL", "HIGH", "MEDIUM", "LOW")) {
            bySeverity.put(severity, 0);
        }
        int opened = 0;
        int closed = 0;
        int openAtEnd = 0;
        List<WeeklyReport.IncidentLine> lines = new ArrayList<>();
        for (Incident incident : found) {
            Instant closedAt = closedAt(incident);
            if (!incident.createdAt().isBefore(from)) {
                opened++;
                byCategory.merge(incident.category(), 1, Integer::sum);
                bySeverity.merge(incident.severity(), 1, Integer::sum);
            }
            if (closedAt != null && !closedAt.isBefore(from) && closedAt.isBefore(to)) {
                closed++;
            }
            if (closedAt == null || !closedAt.isBefore(to)) {
                openAtEnd++;
            }
            lines.add(new WeeklyReport.IncidentLine(incident.id(), incident.category(), incident.severity(),
                    incident.status().name(), incident.createdAt(), closedAt));
        }
        return new WeeklyReport.Incidents(opened, closed, openAtEnd, byCategory, bySeverity, lines);
    }

    private static Instant closedAt(Incident incident) {
        if (incident.status() != IncidentStatus.CLOSED) {
            return null;
        }
        return incident.trail().stream().filter(step -> step.to() == IncidentStatus.CLOSED)
                .map(Incident.Step::at).max(Comparator.naturalOrder()).orElse(null);
    }

    private static WeeklyReport.Responses responses(SchoolCompliance figures, List<SchoolAccount> accounts) {
        List<WeeklyReport.AccountResponses> lines = new ArrayList<>();
        for (SchoolAccount account : accounts) {
            ComplianceFigures own = figures.accounts().get(account.id());
            // a closed account with nothing in the week is history, not news
            if (own == null && account.status() == AccountStatus.CLOSED) {
                continue;
            }
            lines.add(new WeeklyReport.AccountResponses(account.id(), account.platform().name(), account.handle(),
                    account.status().name(), own == null ? NOTHING : own));
        }
        return new WeeklyReport.Responses(figures.school(), lines);
    }

    private static WeeklyReport.Accounts accounts(List<SchoolAccount> accounts) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (AccountStatus status : AccountStatus.values()) {
            byStatus.put(status.name(), 0);
        }
        accounts.forEach(account -> byStatus.merge(account.status().name(), 1, Integer::sum));
        List<String> needingRunner = accounts.stream().filter(a -> a.status() == AccountStatus.NEEDS_RUNNER)
                .map(a -> a.platform().name() + " " + a.handle()).toList();
        return new WeeklyReport.Accounts(accounts.size(), byStatus, needingRunner);
    }

    private static String summary(ReportWeek week, WeeklyReport.Incidents incidents, ComplianceFigures school,
                                  ModerationWeek moderation) {
        StringBuilder text = new StringBuilder();
        if (moderation.flagged() > 0) {
            text.append(moderation.flagged()).append(moderation.flagged() == 1 ? " post was" : " posts were")
                    .append(" flagged");
            if (!moderation.safeguardingAlerts().isEmpty()) {
                text.append(", ").append(moderation.safeguardingAlerts().size())
                        .append(moderation.safeguardingAlerts().size() == 1 ? " safeguarding alert"
                                : " safeguarding alerts")
                        .append(" raised");
                if (moderation.unacknowledged() > 0) {
                    text.append(" (").append(moderation.unacknowledged()).append(" not yet acknowledged)");
                }
                if (moderation.escalations() > 0) {
                    text.append(", ").append(moderation.escalations()).append(" escalation")
                            .append(moderation.escalations() == 1 ? "" : "s");
                }
            }
            text.append(". ");
        }
        if (incidents.opened() == 0) {
            text.append("No incidents were logged in week ").append(week.label()).append('.');
        } else {
            text.append(incidents.opened()).append(incidents.opened() == 1 ? " incident was" : " incidents were")
                    .append(" logged in week ").append(week.label()).append(" (");
            List<String> kinds = new ArrayList<>();
            incidents.openedByCategory().forEach((category, count) -> kinds.add(count + " " + category));
            text.append(String.join(", ", kinds)).append(").");
        }
        if (incidents.openAtEnd() > 0) {
            text.append(' ').append(incidents.openAtEnd())
                    .append(incidents.openAtEnd() == 1 ? " incident was" : " incidents were")
                    .append(" still open at the end of the week.");
        }
        long decided = school.total() - school.open();
        if (school.total() == 0) {
            text.append(" No comments, queries or complaints needed a reply.");
        } else if (decided == 0) {
            text.append(' ').append(school.total()).append(" items need a reply; none was due yet.");
        } else {
            text.append(' ').append(school.metOnTime()).append(" of ").append(decided)
                    .append(" items due were answered on time (")
                    .append(Math.round(100.0 * school.metOnTime() / decided)).append("%)");
            if (school.breached() > 0) {
                text.append("; ").append(school.breached()).append(" had no reply by the due time");
            }
            text.append('.');
        }
        return text.toString();
    }
}
