package uk.hallmonitor.sla;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.sla.internal.ResponseClock;
import uk.hallmonitor.sla.internal.ResponseClocks;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.SchoolScopedPages;

/**
 * The response clocks as the pages read them: clocks due next and breached for a school or some accounts, weekly
 * compliance, and "mark answered" (the acknowledgement of {@code POST /api/v1/sla/clocks/{id}/acknowledge}, found by
 * the post). Roles are checked here as the REST controller checks them.
 */
@Component
public class SlaBoard {

    private static final int LONGEST_NOTE = 2000;

    /**
     * One clock as a page lists it.
     *
     * @param id         clock id
     * @param postId     the item
     * @param accountId  the school account
     * @param schoolId   the school
     * @param platform   where
     * @param kind       comment, mention or message
     * @param receivedAt when the item was posted
     * @param dueAt      when a reply is due
     * @param state      where the clock is
     * @param overdue    whether the due time has passed unanswered
     * @param metAt      when answered, or {@code null}
     * @param metLate    whether that was late, or {@code null}
     */
    public record ClockLine(String id, String postId, String accountId, String schoolId, Platform platform,
                            PostKind kind, Instant receivedAt, Instant dueAt, ClockState state, boolean overdue,
                            Instant metAt, Boolean metLate) {

        static ClockLine of(ResponseClock clock, Instant now) {
            boolean overdue = clock.state() == ClockState.BREACHED
                    || (clock.state() == ClockState.OPEN && !now.isBefore(clock.dueAt()));
            return new ClockLine(clock.id(), clock.postId(), clock.accountId(), clock.schoolId(), clock.platform(),
                    clock.kind(), clock.receivedAt(), clock.dueAt(), clock.state(), overdue, clock.metAt(),
                    clock.metLate());
        }
    }

    /** Compliance figures of one ISO week (Monday to Monday in the school's zone). */
    public record Week(LocalDate monday, boolean current, ComplianceFigures school,
                       Map<String, ComplianceFigures> accounts) {
    }

    private final ReactiveMongoTemplate mongo;
    private final ResponseClocks clocks;
    private final AccountRegister accounts;
    private final AuditTrail audit;
    private final Clock clock;

    SlaBoard(ReactiveMongoTemplate mongo, ResponseClocks clocks, AccountRegister accounts,
             AuditTrail audit, Clock clock) {
        this.mongo = mongo;
        this.clocks = clocks;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the caller sees every clock of the school (moderators, SLT, administrators). */
    public static boolean seesSchool(Caller caller, String schoolId) {
        return caller.hasAnyIn(schoolId, Role.MODERATOR, Role.SLT, Role.ADMIN);
    }

    /**
     * Open clocks not yet due, soonest first, of the school (or of {@code accountIds} when not null: the accounts a
     * runner runs, or the one account asked for).
     */
    public Flux<ClockLine> dueNext(String schoolId, Collection<String> accountIds, int limit) {
        Instant now = clock.instant();
        Criteria criteria = scope(schoolId, accountIds).and("state").is(ClockState.OPEN).and("dueAt").gt(now);
        return lines(criteria, Sort.by("dueAt", "_id"), limit, now);
    }

    /** Clocks past due and unanswered (breached, or open past due that the sweep has yet to mark), oldest first. */
    public Flux<ClockLine> overdue(String schoolId, Collection<String> accountIds, int limit) {
        Instant now = clock.instant();
        Criteria criteria = scope(schoolId, accountIds).orOperator(where("state").is(ClockState.BREACHED),
                where("state").is(ClockState.OPEN).and("dueAt").lte(now));
        return lines(criteria, Sort.by("dueAt", "_id"), limit, now);
    }

    /** How many clocks are past due and unanswered. */
    public Mono<Long> overdueCount(String schoolId, Collection<String> accountIds) {
        Instant now = clock.instant();
        return mongo.count(query(scope(schoolId, accountIds).orOperator(where("state").is(ClockState.BREACHED),
                where("state").is(ClockState.OPEN).and("dueAt").lte(now))), ResponseClock.class);
    }

    /** Posts of the school whose reply is due before {@code before} and not yet given (overdue ones included). */
    public Flux<String> postsDueBefore(String schoolId, Instant before) {
        Criteria criteria = (schoolId == null ? new Criteria() : where("schoolId").is(schoolId))
                .and("state").in(ClockState.OPEN, ClockState.BREACHED).and("dueAt").lt(before);
        Query selection = query(criteria);
        selection.fields().include("postId");
        // only the post id is read: as a plain document, since the clock record needs every field
        return mongo.find(selection, org.bson.Document.class, mongo.getCollectionName(ResponseClock.class))
                .map(found -> found.getString("postId"));
    }

    /**
     * Compliance of the school's current week and the {@code past} weeks before it, newest first: the clocks of all
     * the weeks are read in one query and counted week by week, as {@link SlaCompliance#between} counts one week.
     */
    public Mono<List<Week>> weeks(String schoolId, ZoneId zone, int past) {
        Instant now = clock.instant();
        LocalDate thisMonday = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstMonday = thisMonday.minusWeeks(past);
        Instant from = firstMonday.atStartOfDay(zone).toInstant();
        Instant to = thisMonday.plusWeeks(1).atStartOfDay(zone).toInstant();
        // only the fields compliance reads, as plain documents: a school's nine weeks are thousands of clocks, and
        // mapping each to the whole clock record cost more than reading it
        Query selection = query(where("schoolId").is(schoolId).and("receivedAt").gte(from).lt(to));
        selection.fields().include("accountId", "state", "receivedAt", "dueAt", "metAt", "metLate");
        return mongo.find(selection, org.bson.Document.class, mongo.getCollectionName(ResponseClock.class))
                .map(SlaBoard::outcome)
                .collectList()
                .map(found -> {
                    Map<LocalDate, List<ComplianceFigures.Outcome>> byWeek = found.stream().collect(
                            Collectors.groupingBy(c -> LocalDate.ofInstant(c.receivedAt(), zone)
                                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))));
                    List<Week> weeks = new ArrayList<>();
                    for (int back = 0; back <= past; back++) {
                        LocalDate monday = thisMonday.minusWeeks(back);
                        List<ComplianceFigures.Outcome> clocksOfWeek = byWeek.getOrDefault(monday, List.of());
                        Map<String, ComplianceFigures> perAccount = new TreeMap<>();
                        clocksOfWeek.stream().collect(Collectors.groupingBy(ComplianceFigures.Outcome::accountId,
                                TreeMap::new, Collectors.toList()))
                                .forEach((account, ofAccount) -> perAccount.put(account,
                                        ComplianceFigures.ofOutcomes(ofAccount, now)));
                        weeks.add(new Week(monday, monday.equals(thisMonday),
                                ComplianceFigures.ofOutcomes(clocksOfWeek, now),
                                perAccount));
                    }
                    return weeks;
                });
    }

    /**
     * Marks the post's clock answered (the reply was made on the platform, or elsewhere): moderators of the school
     * and the account's runners may. Answers the clock after the change.
     */
    public Mono<ClockLine> answer(Caller caller, String postId, String note) {
        if (note == null || note.isBlank() || note.length() > LONGEST_NOTE) {
            return Mono.error(Problems.badRequest("note", "say how the post was answered, in at most "
                    + LONGEST_NOTE + " characters"));
        }
        return mongo.findOne(query(where("postId").is(postId)), ResponseClock.class)
                .transform(SchoolScopedPages.visibleTo(caller, ResponseClock::schoolId, "clock of post", postId))
                .flatMap(found -> mayAnswer(caller, found).flatMap(ok -> {
                    if (!ok) {
                        return Mono.error(Problems.forbidden("only moderators and the account's runners mark a "
                                + "post answered"));
                    }
                    if (found.state() == ClockState.MET || found.state() == ClockState.EXCLUDED) {
                        return Mono.error(Problems.conflict("this post was already answered"
                                + (found.metAt() == null ? "" : " at " + found.metAt())));
                    }
                    return clocks.acknowledge(found, caller.staffId(), note.strip())
                            .switchIfEmpty(Mono.error(() -> Problems.conflict("someone else answered it first")))
                            .flatMap(met -> audit.record(new AuditEvent(caller.username(), "sla.clock.acknowledged",
                                    met.schoolId(), "sla-clock", met.id(),
                                    Map.of("state", found.state().name()),
                                    Map.of("state", met.state().name(), "metLate", met.metLate(),
                                            "note", met.note())))
                                    .thenReturn(ClockLine.of(met, clock.instant())));
                }));
    }

    private Mono<Boolean> mayAnswer(Caller caller, ResponseClock found) {
        if (caller.hasAnyIn(found.schoolId(), Role.MODERATOR)) {
            return Mono.just(true);
        }
        return accounts.account(found.accountId()).map(SchoolAccount::runnerIds)
                .map(runners -> runners.contains(caller.staffId())).defaultIfEmpty(false);
    }

    private static ComplianceFigures.Outcome outcome(org.bson.Document clock) {
        return new ComplianceFigures.Outcome(clock.getString("accountId"), ClockState.valueOf(clock.getString(
                "state")), instant(clock, "receivedAt"), instant(clock, "dueAt"), instant(clock, "metAt"),
                clock.getBoolean("metLate"));
    }

    private static Instant instant(org.bson.Document document, String field) {
        java.util.Date date = document.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private Flux<ClockLine> lines(Criteria criteria, Sort sort, int limit, Instant now) {
        return mongo.find(query(criteria).with(sort).limit(limit), ResponseClock.class)
                .map(found -> ClockLine.of(found, now));
    }

    private static Criteria scope(String schoolId, Collection<String> accountIds) {
        Criteria criteria = new Criteria();
        if (schoolId != null) {
            criteria = criteria.and("schoolId").is(schoolId);
        }
        if (accountIds != null) {
            criteria = criteria.and("accountId").in(accountIds);
        }
        return criteria;
    }
}
