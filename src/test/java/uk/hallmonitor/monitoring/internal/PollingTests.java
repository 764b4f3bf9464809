package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Mono;
import uk.hallmonitor.MutableClock;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.monitoring.ConnectionRestored;
import uk.hallmonitor.monitoring.PostEdited;
import uk.hallmonitor.monitoring.PostFilter;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.monitoring.SweepPosition;

/** Polling through the whole application with a fake platform, driven round by round with a test clock. */
class PollingTests {

    static final Instant START = Instant.parse("2026-11-16T10:00:00Z");
    static MonitoringInstance.SharedStore store;
    static MonitoringInstance app;
    static final FakePlatform platform = new FakePlatform();
    static final FakeRegister register = new FakeRegister();
    static final MutableClock clock = new MutableClock(START);

    @BeforeAll
    static void start() {
        store = new MonitoringInstance.SharedStore();
        app = MonitoringInstance.start(store, platform, register, clock, null);
    }

    @AfterAll
    static void stop() {
        app.close();
        store.close();
    }

    /** Moves time on a little more than the cadence and runs one round. */
    static PollDispatcher.Round nextRound() {
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        return app.round();
    }

    static SourceState state(String key) {
        return app.bean(SourceStates.class).find(key).block();
    }

    static List<CollectedPost> postsOf(String accountId) {
        return app.bean(Posts.class).page(PostFilter.all().withAccount(accountId), 0, 200).block().items();
    }

    static long received(String sourceId) {
        return app.received.events.stream().filter(e -> sourceId.equals(e.accountId()) || sourceId.equals(e.watchId()))
                .count();
    }

    @Test
    void newPostsAreStoredOnceAndAnnouncedOnlyAfterTheyAreStored() {
        register.add("feed1", "school1");

        nextRound();
        assertThat(postsOf("feed1")).hasSize(3);
        nextRound();
        nextRound();
        nextRound();

        List<CollectedPost> posts = postsOf("feed1");
        assertThat(posts).hasSize(9);
        assertThat(posts).extracting(CollectedPost::kind).containsOnly(PostKind.COMMENT);
        assertThat(posts).extracting(CollectedPost::schoolId).containsOnly("school1");
        // announced off the poll, once each, and never before the post could be read from the store
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received("feed1")).isEqualTo(9));
        assertThat(app.received.notYetStored).isEmpty();
        assertThat(platform.positionsFetched("feed1")).containsExactly(0, 3, 6, 9);
        assertThat(state("account:feed1").cursor().get("n")).isEqualTo("9");
        assertThat(register.health.get("feed1").state()).isEqualTo("OK");
    }

    @Test
    void anEditedPostKeepsItsIdWithTheNewestTextAndItsHistory() {
        register.add("edits", "school1");
        nextRound();
        CollectedPost first = app.bean(Posts.class).byPlatformId(FakePlatform.PLATFORM, "edits-1").block();
        platform.script("edits", source -> Mono.just(new Batch(List.of(
                platform.post(source, 1, "edited text", START.plus(Duration.ofDays(1)))),
                new Cursor(Map.of("n", "3")), 1, List.of(), null)));

        nextRound();

        CollectedPost edited = app.bean(Posts.class).post(first.id()).block();
        assertThat(edited.text()).isEqualTo("edited text");
        assertThat(edited.history()).extracting(PostRevision::text).containsExactly("post 1 for edits");
        assertThat(postsOf("edits")).hasSize(3);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(app.edited.events).extracting(PostEdited::postId).contains(first.id()));
        assertThat(received("edits")).as("an edit is not a new post").isEqualTo(3);
    }

    @Test
    void aBadBatchIsStoredAsFarAsPossibleAndRecordedOnTheHealth() {
        register.add("bad", "school1");
        Instant future = START.plus(Duration.ofDays(30));
        platform.script("bad", source -> Mono.just(new Batch(List.of(
                new FetchedPost("bad-1", "COMMENT", "u", "@u", "one", null, null, null, future, null),
                new FetchedPost("bad-1", "COMMENT", "u", "@u", "one again", null, null, null, future, null),
                new FetchedPost(null, "COMMENT", "u", "@u", "no id", null, null, null, null, null),
                new FetchedPost("bad-2", "SOMETHING_NEW", "u", "@u", "two", null, null, null, null, null)),
                new Cursor(Map.of("n", "0")), 4, List.of("malformed entry skipped"), null)));

        PollDispatcher.Round round = nextRound();

        assertThat(round.count(PollOutcome.FAILED)).isZero();
        List<CollectedPost> posts = postsOf("bad");
        assertThat(posts).extracting(CollectedPost::platformPostId).containsExactlyInAnyOrder("bad-1", "bad-2");
        assertThat(posts).allSatisfy(post -> assertThat(post.postedAt()).isBeforeOrEqualTo(post.collectedAt()));
        HealthRecord health = state("account:bad").health();
        assertThat(health.state()).isEqualTo("OK");
        assertThat(health.warnings()).contains("malformed entry skipped", "1 duplicate post id(s) in one batch merged",
                "1 post(s) without an id dropped", "1 post(s) of unknown kind stored as COMMENT");
        assertThat(health.warnings()).anyMatch(w -> w.contains("clamped"));
    }

    @Test
    void aRateLimitPushesTheNextPollOutAsFarAsThePlatformAsks() {
        register.add("limited", "school1");
        platform.script("limited", source -> Mono.error(new ConnectorException(Kind.RATE_LIMITED, "429",
                Duration.ofMinutes(15))));

        nextRound();
        Instant polledAt = clock.instant();
        nextRound();
        nextRound();

        assertThat(platform.positionsFetched("limited")).containsExactly(0);
        assertThat(state("account:limited").nextPollAt()).isEqualTo(polledAt.plus(Duration.ofMinutes(15)));
    }

    @Test
    void transientFailuresBackOffKeepTheCursorAndShowOnTheRegister() {
        register.add("flaky", "school1");
        nextRound();
        for (int i = 0; i < 3; i++) {
            platform.script("flaky", source -> Mono.error(new ConnectorException(Kind.TRANSIENT, "503", null)));
        }
        nextRound();
        Instant failedAt = clock.instant();
        SourceState afterOne = state("account:flaky");
        assertThat(afterOne.health().consecutiveFailures()).isEqualTo(1);
        assertThat(afterOne.cursor().get("n")).isEqualTo("3");
        assertThat(register.health.get("flaky").state()).isEqualTo("DEGRADED");
        assertThat(register.health.get("flaky").lastError()).isEqualTo("TRANSIENT: 503");

        clock.set(afterOne.nextPollAt());
        app.round();
        SourceState afterTwo = state("account:flaky");
        assertThat(Duration.between(clock.instant(), afterTwo.nextPollAt()))
                .as("second failure waits about two minutes (jitter ±20%)")
                .isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));
        assertThat(failedAt).isBefore(afterTwo.nextPollAt());
        assertThat(platform.positionsFetched("flaky")).containsExactly(0, 3, 3);
    }

    @Test
    void refusedCredentialsAreReportedOncePerEpisodeAndTheRecoveryToo() {
        register.add("revoked", "school1");
        for (int i = 0; i < 3; i++) {
            platform.script("revoked", source -> Mono.error(new ConnectorException(Kind.UNAUTHORIZED,
                    "401 token revoked", null)));
        }
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofHours(1));
            app.round();
        }

        List<ConnectionFailing> failing = app.failing.events.stream()
                .filter(e -> "revoked".equals(e.accountId())).toList();
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).unauthorized()).isTrue();
        assertThat(failing.get(0).lastError()).isEqualTo("UNAUTHORIZED: 401 token revoked");
        assertThat(app.restored.events).extracting(ConnectionRestored::accountId).contains("revoked");
        assertThat(register.health.get("revoked").state()).isEqualTo("OK");
    }

    @Test
    void aConnectionFailingLongerThanAllowedIsReported() {
        register.add("down", "school1");
        for (int i = 0; i < 10; i++) {
            platform.script("down", source -> Mono.error(new ConnectorException(Kind.TRANSIENT, "timeout", null)));
        }
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMinutes(20));
            app.round();
        }

        assertThat(app.failing.events).filteredOn(e -> "down".equals(e.accountId())).hasSize(1)
                .allSatisfy(e -> assertThat(e.unauthorized()).isFalse());
        assertThat(register.health.get("down").state()).isEqualTo("FAILING");
    }

    @Test
    void ownPostsRecordTheAccountsActivityAndReadsAreCountedPerDay() {
        register.add("own", "school1");
        Instant latest = START.minus(Duration.ofHours(1));
        platform.script("own", source -> Mono.just(new Batch(List.of(
                new FetchedPost("own-1", "OWN_POST", "pid-own", "@own", "our news", null, "c", null,
                        latest.minusSeconds(600), null),
                new FetchedPost("own-2", "OWN_POST", "pid-own", "@own", "reply", null, "c", "x", latest, null),
                new FetchedPost("own-3", "COMMENT", "u", "@u", "thanks", null, "c", null, latest.plusSeconds(1), null)),
                new Cursor(Map.of("n", "0")), 7, List.of(), null)));

        nextRound();

        assertThat(register.activity.get("own")).isEqualTo(latest);
        String day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
        ReadCounts.DailyReads reads = app.bean(ReactiveMongoTemplate.class)
                .findById("account:own:" + day, ReadCounts.DailyReads.class).block();
        assertThat(reads.reads()).isEqualTo(7);
    }

    @Test
    void watchesArePolledForPublicMentions() {
        app.bean(ReactiveMongoTemplate.class).insert(new WatchDocument("watch1", "school2", FakePlatform.PLATFORM,
                List.of("Hill School"), Map.of(), "admin", START)).block();

        nextRound();

        List<CollectedPost> found = app.bean(Posts.class).page(PostFilter.all().withWatch("watch1"), 0, 50).block()
                .items();
        assertThat(found).hasSize(3).allSatisfy(post -> {
            assertThat(post.kind()).isEqualTo(PostKind.PUBLIC_MENTION);
            assertThat(post.accountId()).isNull();
            assertThat(post.schoolId()).isEqualTo("school2");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(received("watch1")).isEqualTo(3));
    }

    @Test
    void aWatchStopsBorrowingCredentialsAsSoonAsTheLendingAccountClosesOrMovesSchool() {
        register.add("lender", "school7");
        register.add("mover", "school7");
        ReactiveMongoTemplate mongo = app.bean(ReactiveMongoTemplate.class);
        mongo.insert(new WatchDocument("borrower", "school7", FakePlatform.PLATFORM, List.of("Hill School"),
                Map.of("credentialsAccountId", "lender"), "admin", START)).block();
        mongo.insert(new WatchDocument("borrower2", "school7", FakePlatform.PLATFORM, List.of("Hill School"),
                Map.of("credentialsAccountId", "mover"), "admin", START)).block();

        nextRound();
        assertThat(platform.positionsFetched("borrower")).hasSize(1);
        assertThat(platform.positionsFetched("borrower2")).hasSize(1);

        replace("lender", account -> new SchoolAccount(account.id(), account.schoolId(), account.platform(),
                account.handle(), account.platformAccountId(), account.connection(), AccountStatus.CLOSED,
                account.runnerIds(), null));
        replace("mover", account -> new SchoolAccount(account.id(), "another-school", account.platform(),
                account.handle(), account.platformAccountId(), account.connection(), account.status(),
                account.runnerIds(), null));
        nextRound();
        nextRound();

        assertThat(platform.positionsFetched("borrower")).as("no poll with a closed account's credentials").hasSize(1);
        assertThat(platform.positionsFetched("borrower2")).as("no poll with another school's credentials").hasSize(1);
        assertThat(state("watch:borrower").health().lastError()).contains("connection.credentialsAccountId")
                .contains("CLOSED");
        assertThat(state("watch:borrower2").health().lastError()).contains("connection.credentialsAccountId");
    }

    private static void replace(String id, java.util.function.UnaryOperator<SchoolAccount> change) {
        SchoolAccount old = register.accounts.stream().filter(a -> a.id().equals(id)).findFirst().orElseThrow();
        register.accounts.remove(old);
        register.accounts.add(change.apply(old));
    }

    @Test
    void consumersSweepPostsTheyHaveNotMarked() {
        register.add("sweep", "school3");
        nextRound();
        Posts posts = app.bean(Posts.class);
        List<CollectedPost> mine = postsOf("sweep");
        posts.markProcessed(mine.get(0).id(), "test_consumer", Map.of("flagged", "true", "status", "OPEN")).block();

        List<CollectedPost> unmarked = posts.unprocessed("test_consumer", clock.instant().plusSeconds(1), 1000)
                .collectList().block();
        assertThat(unmarked).extracting(CollectedPost::id).contains(mine.get(1).id(), mine.get(2).id())
                .doesNotContain(mine.get(0).id());
        assertThat(posts.page(PostFilter.school("school3").withProcessing("test_consumer", "flagged", "true"), 0, 10)
                .block().items()).extracting(CollectedPost::id).containsExactly(mine.get(0).id());
        List<CollectedPost> swept = posts.collectedAfter(SweepPosition.START, 10_000).collectList().block();
        assertThat(swept).extracting(CollectedPost::id).containsAll(mine.stream().map(CollectedPost::id).toList());
        assertThat(app.bean(ReactiveMongoTemplate.class).count(Query.query(Criteria.where("platformPostId")
                .is(mine.get(0).platformPostId())), PostDocument.class).block()).isEqualTo(1);
    }
}
