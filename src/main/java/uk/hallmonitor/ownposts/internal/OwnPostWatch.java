package uk.hallmonitor.ownposts.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.alerts.Notice;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.audit.AuditEvent;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.monitoring.SweepPosition;
import uk.hallmonitor.ownposts.Finding;
import uk.hallmonitor.ownposts.FindingKind;
import uk.hallmonitor.ownposts.OwnPostAlert;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.ownposts.OwnPostFindings;
import uk.hallmonitor.ownposts.OwnPostsProperties;
import uk.hallmonitor.ownposts.Resolution;
import uk.hallmonitor.system.TimedSweep;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Problems;

/**
 * Checks each of the school accounts' own posts as it arrives (the {@code PostReceived} fast path, and a sweep of
 * the store for what a restart or a failure left), records what it found, and tells the account's runners and the
 * school's moderators at once; a no-publish pupil is HIGH, goes to the DSL as well and to the school's webhooks.
 * Alerts carry the post link, the kinds and the places in the text, never a pupil's name: the finding's page shows
 * the name to those who may read the roster.
 */
@Component
class OwnPostWatch implements OwnPostFindings {

    private static final Logger log = LoggerFactory.getLogger(OwnPostWatch.class);
    private static final int BATCH = 200;

    private final Posts posts;
    private final OwnPostChecker checker;
    private final FindingRecords records;
    private final AccountRegister accounts;
    private final OwnPostAccess access;
    private final Notices notices;
    private final AuditTrail audit;
    private final OwnPostsProperties properties;
    private final Clock clock;
    private Disposable running;

    OwnPostWatch(Posts posts, OwnPostChecker checker, FindingRecords records, AccountRegister accounts,
                 OwnPostAccess access, Notices notices, AuditTrail audit, OwnPostsProperties properties, Clock clock) {
        this.posts = posts;
        this.checker = checker;
        this.records = records;
        this.accounts = accounts;
        this.access = access;
        this.notices = notices;
        this.audit = audit;
        this.properties = properties;
        this.clock = clock;
    }

    void start() {
        running = TimedSweep.every(properties.sweepEvery(), this::sweep, log,
                "own-post sweep failed, the next one retries").subscribe();
    }

    void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    /** The fast path: a post was announced, with its text (nothing is read back). */
    Mono<Void> received(CollectedPost post) {
        if (post.kind() != PostKind.OWN_POST) {
            return Mono.empty();
        }
        return check(post).then()
                .onErrorResume(error -> {
                    log.warn("own-post check of post {} failed, the sweep retries: {}", post.id(), error.toString());
                    return Mono.empty();
                });
    }

    /** One pass over the posts collected since the last, rewound by the overlap; answers how many own posts it read. */
    Mono<Long> sweep() {
        Instant now = clock.instant();
        return records.sweepPosition()
                .defaultIfEmpty(new SweepPosition(now.minus(properties.lookback()), ""))
                .map(at -> new SweepPosition(at.collectedAt().minus(properties.overlap()), ""))
                .flatMap(from -> page(from, 0L));
    }

    private Mono<Long> page(SweepPosition from, long done) {
        return posts.collectedAfter(from, BATCH).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.just(done);
            }
            SweepPosition last = page.get(page.size() - 1).position();
            List<CollectedPost> own = page.stream().filter(p -> p.kind() == PostKind.OWN_POST).toList();
            Mono<Long> checked = Flux.fromIterable(own).concatMap(this::check).count();
            return checked.flatMap(count -> records.saveSweepPosition(last)
                    .then(page.size() < BATCH ? Mono.just(done + count) : page(last, done + count)));
        });
    }

    /** Checks one own post; records and announces what it found (both idempotent per post). */
    Mono<Boolean> check(CollectedPost post) {
        if (post.kind() != PostKind.OWN_POST || post.accountId() == null) {
            return Mono.just(false);
        }
        return checker.findAll(post.schoolId(), post.text()).flatMap(found -> {
            if (found.isEmpty()) {
                return Mono.just(false);
            }
            boolean high = found.stream().anyMatch(f -> f.kind() == FindingKind.NO_PUBLISH_PUPIL);
            List<FindingRecords.Spot> spots = found.stream()
                    .map(f -> new FindingRecords.Spot(f.kind(), f.start(), f.end(), f.form())).toList();
            FindingRecords.Stored fresh = new FindingRecords.Stored(UUID.randomUUID().toString(), post.id(),
                    post.schoolId(), post.accountId(), post.platform(), post.url(), high ? "HIGH" : "MEDIUM", spots,
                    clock.instant(), null, null, null);
            return records.insertOnce(fresh)
                    .flatMap(stored -> accounts.account(post.accountId())
                            .flatMap(account -> notices.notify(notice(stored, account)))
                            .thenReturn(true));
        });
    }

    private static Notice notice(FindingRecords.Stored stored, SchoolAccount account) {
        boolean high = "HIGH".equals(stored.severity());
        Set<Role> roles = high ? Set.of(Role.MODERATOR, Role.DSL) : Set.of(Role.MODERATOR);
        String subject = high ? "A school post names a pupil on the no-publish list"
                : "A school post may name a pupil or give personal data";
        List<String> what = new ArrayList<>();
        for (FindingRecords.Spot spot : stored.spots()) {
            what.add(describe(spot.kind()) + " (" + spot.form() + ") at characters " + (spot.start() + 1) + "-"
                    + spot.end());
        }
        String body = "The post by @" + account.handle() + " on " + stored.platform() + " "
                + (stored.url() == null ? "(no link given by the platform)" : stored.url()) + " contains: "
                + String.join("; ", what) + ".\n"
                + (high ? "The school's no-publish list says this pupil must never appear: delete the post on the"
                        + " platform now unless consent has been confirmed.\n" : "")
                + "Open /ui/own-posts/findings/" + stored.id() + " to see what was found and record what was done"
                + " (deleted on the platform, consent confirmed, not a pupil). Pupils' names are shown there only to"
                + " SLT, the DSL and administrators.";
        return new Notice(stored.schoolId(), roles, account.runnerIds(), subject, body, "own-post:" + stored.postId(),
                high);
    }

    private static String describe(FindingKind kind) {
        return switch (kind) {
            case NO_PUBLISH_PUPIL -> "a pupil on the no-publish list";
            case PUPIL_NAME -> "a pupil's name";
            case PERSONAL_DATA -> "personal data";
        };
    }

    @Override
    public Mono<PageResponse<OwnPostAlert>> list(Caller caller, String schoolId, boolean open, int page, int size) {
        if (schoolId == null || schoolId.isBlank()) {
            return Mono.error(Problems.badRequest("schoolId", "name the school whose findings to list"));
        }
        int safeSize = Math.max(1, Math.min(size, 100));
        int safePage = Math.max(0, page);
        boolean whole = caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL, Role.DEPUTY_DSL,
                Role.HEADTEACHER, Role.MODERATOR);
        return access.schoolWorker(caller, schoolId)
                .then(records.page(schoolId, open, safePage, safeSize)
                        // a runner who is not a moderator sees only the findings of the accounts they run
                        .filterWhen(stored -> whole ? Mono.just(true) : access.findingReader(caller, schoolId,
                                stored.accountId()).thenReturn(true).onErrorReturn(false))
                        .concatMap(stored -> view(caller, stored)).collectList())
                // a runner's total is what they may see on this page: counting theirs alone would need the accounts
                .zipWith(whole ? records.count(schoolId, open) : Mono.just(-1L))
                .map(both -> new PageResponse<>(both.getT1(), safePage, safeSize,
                        both.getT2() < 0 ? both.getT1().size() : both.getT2()));
    }

    @Override
    public Mono<OwnPostAlert> one(Caller caller, String id) {
        return records.find(id)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("own-post finding", id)))
                .flatMap(stored -> access.findingReader(caller, stored.schoolId(), stored.accountId())
                        .then(view(caller, stored)));
    }

    @Override
    public Mono<OwnPostAlert> resolve(Caller caller, String id, Resolution resolution) {
        if (resolution == null) {
            return Mono.error(Problems.badRequest("resolution", "choose DELETED_ON_PLATFORM, CONSENT_CONFIRMED or"
                    + " NOT_A_PUPIL"));
        }
        return records.find(id)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("own-post finding", id)))
                .flatMap(stored -> access.findingReader(caller, stored.schoolId(), stored.accountId())
                        .then(records.resolve(id, resolution, caller.username(),
                                clock.instant()))
                        .switchIfEmpty(Mono.error(() -> Problems.conflict("this finding was already resolved")))
                        .flatMap(resolved -> audit.record(new AuditEvent(caller.username(), "own-post-finding.resolved",
                                resolved.schoolId(), "own-post-finding", id, null,
                                java.util.Map.of("resolution", resolution.name(), "postId", resolved.postId())))
                                .then(view(caller, resolved))));
    }

    /** The finding with the post's words; pupils' names only for readers of the roster. */
    private Mono<OwnPostAlert> view(Caller caller, FindingRecords.Stored stored) {
        boolean names = OwnPostChecks.maySeeNames(caller, stored.schoolId());
        return posts.post(stored.postId()).map(CollectedPost::text).defaultIfEmpty("").map(text -> {
            List<Finding> findings = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (FindingRecords.Spot spot : stored.spots()) {
                String words = spot.end() <= text.length() ? text.substring(spot.start(), spot.end()) : null;
                Finding finding = new Finding(spot.kind(), words, spot.start(), spot.end(), spot.form());
                if (seen.add(spot.kind() + ":" + spot.start())) {
                    findings.add(names ? finding : finding.withoutText());
                }
            }
            return new OwnPostAlert(stored.id(), stored.schoolId(), stored.accountId(), stored.postId(),
                    stored.platform(), stored.url(), text.isEmpty() ? null : text, stored.severity(), findings,
                    stored.checkedAt(), stored.resolution(), stored.resolvedBy(), stored.resolvedAt());
        });
    }
}
