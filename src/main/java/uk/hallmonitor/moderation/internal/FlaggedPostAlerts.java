package uk.hallmonitor.moderation.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.AlertOutbox;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.alerts.Delivery;
import uk.hallmonitor.moderation.IncidentDesk;
import uk.hallmonitor.moderation.IncidentRequest;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.SchoolView;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.security.Role;

/**
 * Turns flagged posts and safeguarding escalations into alerts: routes them to the account's and school's people,
 * writes their text and hands them to the {@link AlertOutbox}.
 */
@Component
class FlaggedPostAlerts {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final AlertOutbox outbox;
    private final SchoolDirectory directory;
    private final AccountRegister accounts;
    private final SafeguardingStore safeguarding;
    private final IncidentDesk incidents;
    private final ModerationProperties properties;
    private final Clock clock;
    private final Map<String, Mono<People>> people = new ConcurrentHashMap<>();

    /** The school's time zone, the account (if any) and the people who may be told of a post on it. */
    private record People(ZoneId zone, Optional<SchoolAccount> account, Audience audience) {
    }

    FlaggedPostAlerts(AlertOutbox outbox, SchoolDirectory directory, AccountRegister accounts,
                      SafeguardingStore safeguarding, IncidentDesk incidents, ModerationProperties properties,
                      Clock clock) {
        this.outbox = outbox;
        this.directory = directory;
        this.accounts = accounts;
        this.safeguarding = safeguarding;
        this.incidents = incidents;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Records the alerts of a flagged post. {@code post} is {@code null} for a sealed post: its alerts are built from
     * the incident number alone. A HIGH or CRITICAL safeguarding matter is first recorded as a safeguarding alert
     * (which someone must acknowledge, or it escalates); a CRITICAL one also opens an incident at once, owned by the
     * DSL. Answers the verdict with the incident number, if one was opened.
     */
    Mono<PostVerdict> flagged(PostVerdict verdict, CollectedPost post) {
        return Mono.zip(outbox.settings(verdict.schoolId()), people(verdict.schoolId(), verdict.accountId()))
                .flatMap(found -> {
                    AlertSettings rules = found.getT1();
                    People people = found.getT2();
                    SchoolAccount onAccount = people.account().orElse(null);
                    return criticalIncident(verdict, people.audience()).flatMap(current -> {
                        FlaggedPost flagged = flaggedPost(current, post, onAccount);
                        List<Delivery> deliveries = AlertRouting.route(flagged, rules, people.audience());
                        String sourceKey = current.suspectedIllegal() ? "incident:" + current.incidentNumber()
                                : "post:" + current.postId();
                        Function<Channel, AlertMessage> message;
                        if (current.suspectedIllegal()) {
                            AlertMessage sealed = AlertMessages.forSuspectedIllegal(current.incidentNumber(),
                                    current.platform(), current.postedAt(), people.zone());
                            message = channel -> sealed;
                        } else {
                            message = channel -> AlertMessages.forPost(flagged, channel, people.zone(),
                                    properties.queueUrl());
                        }
                        Mono<Void> raised = !SafeguardingAlert.needed(current) ? Mono.empty()
                                : safeguarding.raise(SafeguardingAlert.raised(current, sourceKey,
                                        message.apply(Channel.FEED).subject(), clock.instant(),
                                        properties.escalationStep(current.severity())))
                                        .flatMap(raisedOne -> current.incidentNumber() == null
                                                || raisedOne.incidentNumber() != null ? Mono.empty()
                                                        : safeguarding.incident(raisedOne.id(),
                                                                current.incidentNumber()))
                                        .then();
                        return raised.then(outbox.record(current.schoolId(), sourceKey, deliveries, message))
                                .thenReturn(current);
                    });
                });
    }

    /**
     * A CRITICAL safeguarding post (not a sealed one, whose incident triage opened before) opens an incident at once,
     * owned by the school's DSL and linked to the post; its note names no content. Idempotent per post.
     */
    private Mono<PostVerdict> criticalIncident(PostVerdict verdict, Audience audience) {
        if (verdict.incidentNumber() != null || verdict.suspectedIllegal() || !verdict.safeguarding()
                || verdict.severity() != uk.hallmonitor.classification.Severity.CRITICAL) {
            return Mono.just(verdict);
        }
        String owner = audience.dsls().stream().filter(StaffView::active).map(StaffView::id).findFirst().orElse(null);
        String category = verdict.categories().isEmpty() ? "SAFEGUARDING"
                : verdict.categories().get(0).name().name();
        return incidents.open(new IncidentRequest("safeguarding:post:" + verdict.postId(), verdict.schoolId(),
                category, verdict.severity().name(), List.of(verdict.postId()), "system",
                "Opened automatically: a CRITICAL safeguarding alert (" + String.join(", ",
                        verdict.categoryNames()) + ") on " + verdict.platform() + ". The DSL leads; "
                        + "acknowledge the alert in Hallmonitor.",
                owner))
                .map(verdict::withIncident);
    }

    /** Records the alerts of one escalation step of a safeguarding alert to {@code people} and the shared channels. */
    Mono<Void> escalate(SafeguardingAlert alert, Role level, List<StaffView> people) {
        return Mono.zip(outbox.settings(alert.schoolId()), zone(alert.schoolId())).flatMap(found -> {
            List<String> names = people.stream().filter(StaffView::active).map(StaffView::name).toList();
            AlertMessage message = AlertMessages.forEscalation(alert, level, names, found.getT2(),
                    properties.queueUrl());
            return outbox.record(alert.schoolId(), alert.escalationSource(level),
                    AlertRouting.escalation(alert.schoolId(), people, found.getT1()), channel -> message);
        });
    }

    /** The DSL who owns automatic incidents of the school (the first active one), if any. */
    Mono<String> dsl(String schoolId) {
        return directory.staffWithRole(schoolId, Role.DSL).filter(StaffView::active).map(StaffView::id).next();
    }

    /**
     * The people of a school and account as routing needs them. A burst brings many flagged posts of one school in a
     * second, and these are five reads each; so they are read once and kept for {@code audience-cache} (1 s): a
     * change to the school's staff reaches routing that much later. The school's rules are read for every post.
     */
    private Mono<People> people(String schoolId, String accountId) {
        if (properties.audienceCache().isZero()) {
            return readPeople(schoolId, accountId);
        }
        Duration keep = properties.audienceCache();
        return people.computeIfAbsent(schoolId + "|" + accountId, key -> readPeople(schoolId, accountId)
                .cache(found -> keep, error -> Duration.ZERO, () -> Duration.ZERO));
    }

    private Mono<People> readPeople(String schoolId, String accountId) {
        Mono<Optional<SchoolAccount>> account = accountId == null ? Mono.just(Optional.empty())
                : accounts.account(accountId).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(zone(schoolId), account).flatMap(found -> audience(schoolId, found.getT2().orElse(null))
                .map(audience -> new People(found.getT1(), found.getT2(), audience)));
    }

    private Mono<Audience> audience(String schoolId, SchoolAccount account) {
        Mono<List<StaffView>> runners = account == null ? Mono.just(List.of())
                : Flux.fromIterable(account.runnerIds()).concatMap(directory::staff).collectList();
        return Mono.zip(directory.staffWithRole(schoolId, Role.MODERATOR).collectList(), runners,
                directory.staffWithRole(schoolId, Role.DSL).collectList())
                .map(found -> new Audience(found.getT1(), found.getT2(), found.getT3()));
    }

    private Mono<ZoneId> zone(String schoolId) {
        return directory.school(schoolId).map(SchoolView::timezone).filter(java.util.Objects::nonNull)
                .defaultIfEmpty(LONDON);
    }

    private static FlaggedPost flaggedPost(PostVerdict verdict, CollectedPost post, SchoolAccount account) {
        boolean sealed = verdict.suspectedIllegal() || post == null;
        return new FlaggedPost(verdict.postId(), verdict.schoolId(), verdict.accountId(),
                account == null ? null : account.handle(), verdict.platform(), verdict.kind(), verdict.categories(),
                verdict.severity(), verdict.safeguarding(), verdict.suspectedIllegal(), verdict.postedAt(),
                sealed ? null : post.authorHandle(), sealed ? null : post.text(), sealed ? null : post.url(),
                verdict.incidentNumber());
    }
}
