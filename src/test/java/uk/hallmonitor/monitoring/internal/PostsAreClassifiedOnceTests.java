package uk.hallmonitor.monitoring.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.moderation.internal.KeywordClassifier;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.system.Platform;

/**
 * A post is announced once with its text and verdict, and classified exactly once however many modules act on it:
 * moderation stores the verdict and the SLA starts its clock from the same announcement, for a polled post and for
 * an imported one alike.
 */
@Import(PostsAreClassifiedOnceTests.Fakes.class)
// the test polls the fake platform itself: the scheduled dispatcher would poll the same account on its own platform
@TestPropertySource(properties = "hallmonitor.monitoring.enabled=false")
class PostsAreClassifiedOnceTests extends AppTestSupport {

    @TestConfiguration(proxyBeanMethods = false)
    static class Fakes {

        @Bean
        @Primary
        KeywordClassifier countingClassifier() {
            return new KeywordClassifier();
        }

        @Bean
        FakePlatform fakePlatform() {
            return new FakePlatform();
        }
    }

    @Autowired
    KeywordClassifier classifier;

    @Autowired
    FakePlatform platform;

    @Autowired
    Poller poller;

    @Autowired
    Posts posts;

    @Autowired
    ReactiveMongoTemplate mongo;

    @Test
    void aPolledPostIsClassifiedOnceForModerationAndTheSla() {
        ActiveAccount account = activeAccount("X", "polled-1", null);
        platform.feedLength = 1;
        platform.perPoll = 1;
        platform.postedAt = clock.instant().minusSeconds(120);
        Source source = new Source(account.accountId(), account.schoolId(), FakePlatform.PLATFORM, "polled-1",
                "@school", List.of(), Map.of(), 100);

        assertThat(poller.poll(source).block()).isEqualTo(PollOutcome.POLLED);
        String text = "post 1 for " + account.accountId();
        CollectedPost stored = posts.byPlatformId(FakePlatform.PLATFORM, account.accountId() + "-1").block();

        assertActedOnOnce(account, stored.id(), text);
    }

    @Test
    void anImportedPostIsClassifiedOnceForModerationAndTheSla() {
        ActiveAccount account = activeAccount("FACEBOOK", "imported-1", null);
        String text = "When is the Christmas fair " + account.accountId() + "?";
        String csv = "id,author,text,postedAt\nfb-once-1,parent_a," + text + "," + clock.instant().minusSeconds(120)
                + "\n";
        as(account.runner1()).post().uri("/api/v1/accounts/{id}/imports?fileName=comments.csv", account.accountId())
                .contentType(MediaType.parseMediaType("text/csv")).bodyValue(csv.getBytes())
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.stored").isEqualTo(1);
        CollectedPost stored = posts.byPlatformId(Platform.FACEBOOK, "fb-once-1").block();

        assertActedOnOnce(account, stored.id(), text);
    }

    private void assertActedOnOnce(ActiveAccount account, String postId, String text) {
        // moderation stored its verdict and the SLA started the clock, both from the one announcement
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(as(account.runner1()).get().uri("/api/v1/posts/{id}", postId).exchange()
                    .returnResult(String.class).getStatus().value()).isEqualTo(200);
            assertThat(mongo.findOne(Query.query(Criteria.where("postId").is(postId)), Document.class, "sla_clocks")
                    .blockOptional()).isPresent();
            assertThat(posts.post(postId).block().announced()).isTrue();
        });
        assertThat(posts.post(postId).block().verdict()).as("the verdict is stored with the post").isNotNull();
        assertThat(classifier.callsFor(text)).as("classifier calls for the post's text").isEqualTo(1);
    }
}
