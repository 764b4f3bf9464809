package uk.hallmonitor.connectors.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * Comments are read on every post created inside the account's look-back window ({@code connection.commentDays}),
 * not only on the newest few, and one poll reads at most {@code max-comment-posts} posts' comments.
 */
class GraphLookBackTests {

    private static final String PAGE = "104857321098765";
    private static final String IG_USER = "17841400008460056";
    private static final String ROOT = "/v23.0/";
    private static final Instant NOW = ConnectorFixtures.NOW;

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", "EAAGfakePageToken");
    private final FacebookConnector facebook = new FacebookConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());
    private final InstagramConnector instagram = new InstagramConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private Source account(Platform platform, String id, Map<String, String> settings) {
        Map<String, String> connection = new HashMap<>(settings);
        connection.put("baseUrl", graph.baseUrl());
        return new Source("acc-1", "school-1", platform, id, "oakfieldprimary", List.of(), connection, 100);
    }

    private static String graphTime(Instant at) {
        return at.toString().replace("Z", "+0000");
    }

    private static String list(String timeField, List<String> ids, List<Instant> times, String after) {
        String data = IntStream.range(0, ids.size())
                .mapToObj(i -> "{\"id\": \"" + ids.get(i) + "\", \"" + timeField + "\": \"" + graphTime(times.get(i))
                        + "\"}")
                .collect(Collectors.joining(",\n"));
        String paging = after == null ? "{\"cursors\": {\"before\": \"B0\", \"after\": \"END\"}}"
                : "{\"cursors\": {\"before\": \"B0\", \"after\": \"" + after + "\"}, \"next\": \"https://graph.facebook"
                        + ".com/v23.0/x?after=" + after + "\"}";
        return "{\"data\": [" + data + "], \"paging\": " + paging + "}";
    }

    private static String oneComment(String id, String textField, String timeField, Instant at) {
        return "{\"data\": [{\"id\": \"" + id + "\", \"" + textField + "\": \"Is the trip still on?\", \""
                + timeField + "\": \"" + graphTime(at) + "\", \"from\": {\"id\": \"7712345\", \"name\": \"Jo Parent\","
                + " \"username\": \"jo.parent\"}}]}";
    }

    private void stubEmpty(String... paths) {
        for (String path : paths) {
            graph.stubFor(get(urlPathEqualTo(path)).willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        }
    }

    /**
     * The ten newest posts (an hour apart), then on the feed's second page one 5 days old and one 20 days old, each
     * with one comment. The eleventh post's comment was never read before: only the ten newest posts were watched.
     */
    @ParameterizedTest(name = "commentDays {0}: the 20-day-old post is read: {1}")
    @CsvSource(textBlock = """
            '',  false
            14,  false
            30,  true
            """)
    void aCommentOnAPostOlderThanTheTenNewestButInsideTheWindowIsReadAndOneOutsideIsNot(String days,
                                                                                        boolean oldOneRead) {
        stubEmpty(ROOT + PAGE + "/posts", ROOT + PAGE + "/visitor_posts", ROOT + PAGE + "/tagged");
        graph.stubFor(get(urlPathMatching(ROOT + ".*/comments")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        List<String> newest = new ArrayList<>();
        List<Instant> newestTimes = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            newest.add(PAGE + "_60" + String.format("%02d", i));
            newestTimes.add(NOW.minus(Duration.ofHours(i)));
        }
        String inside = PAGE + "_6011";
        String outside = PAGE + "_6012";
        graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "/feed")).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody(list("created_time", newest, newestTimes, "P2"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "/feed")).withQueryParam("after", equalTo("P2"))
                .willReturn(aResponse().withStatus(200).withBody(list("created_time", List.of(inside, outside),
                        List.of(NOW.minus(Duration.ofDays(5)), NOW.minus(Duration.ofDays(20))), null))));
        graph.stubFor(get(urlPathEqualTo(ROOT + inside + "/comments")).willReturn(aResponse().withStatus(200)
                .withBody(oneComment("6011_1", "message", "created_time", NOW.minus(Duration.ofDays(4))))));
        graph.stubFor(get(urlPathEqualTo(ROOT + outside + "/comments")).willReturn(aResponse().withStatus(200)
                .withBody(oneComment("6012_1", "message", "created_time", NOW.minus(Duration.ofDays(19))))));
        Map<String, String> settings = days.isEmpty() ? Map.of() : Map.of("commentDays", days);

        Batch batch = facebook.fetch(account(Platform.FACEBOOK, PAGE, settings), Cursor.START).block();

        List<String> ids = batch.posts().stream().map(FetchedPost::platformPostId).toList();
        assertThat(ids).contains("6011_1");
        assertThat(batch.posts()).filteredOn(post -> post.platformPostId().equals("6011_1"))
                .extracting(FetchedPost::inReplyToId).containsExactly(inside);
        if (oldOneRead) {
            assertThat(ids).contains("6012_1");
        } else {
            assertThat(ids).doesNotContain("6012_1");
            graph.verify(0, getRequestedFor(urlPathEqualTo(ROOT + outside + "/comments")));
        }
        for (String id : newest) {
            graph.verify(1, getRequestedFor(urlPathEqualTo(ROOT + id + "/comments")));
        }
    }

    @Test
    void instagramReadsCommentsOnMediaInsideTheWindowAndStopsListingAtTheFirstOlderMedia() {
        stubEmpty(ROOT + IG_USER + "/tags");
        List<String> media = List.of("17895695668004001", "17895695668004002", "17895695668004003");
        List<Instant> times = List.of(NOW.minus(Duration.ofDays(1)), NOW.minus(Duration.ofDays(13)),
                NOW.minus(Duration.ofDays(15)));
        graph.stubFor(get(urlPathEqualTo(ROOT + IG_USER + "/media")).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody(list("timestamp", media, times, "M2"))));
        graph.stubFor(get(urlPathEqualTo(ROOT + IG_USER + "/media")).withQueryParam("after", equalTo("M2"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        graph.stubFor(get(urlPathMatching(ROOT + ".*/comments")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        graph.stubFor(get(urlPathEqualTo(ROOT + media.get(1) + "/comments")).willReturn(aResponse().withStatus(200)
                .withBody(oneComment("17858893269001111", "text", "timestamp", NOW.minus(Duration.ofDays(2))))));

        Batch batch = instagram.fetch(account(Platform.INSTAGRAM, IG_USER, Map.of()), Cursor.START).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId).contains("17858893269001111");
        graph.verify(0, getRequestedFor(urlPathEqualTo(ROOT + media.get(2) + "/comments")));
        // the list is newest first: a media older than the window ends it, the next page is not asked for
        graph.verify(0, getRequestedFor(urlPathEqualTo(ROOT + IG_USER + "/media")).withQueryParam("after",
                equalTo("M2")));
    }

    @Test
    void aPollReadsTheNewestHalfOfItsAllowanceAndTheOlderPostsOfTheWindowInTurn() {
        List<String> window = IntStream.rangeClosed(1, 30).mapToObj(i -> "p" + i).toList();
        Map<String, String> positions = new HashMap<>();

        List<String> first = GraphPoll.pick(window, 20, null, positions);
        List<String> second = GraphPoll.pick(window, 20, positions.get(GraphPoll.TURN), positions);
        List<String> third = GraphPoll.pick(window, 20, positions.get(GraphPoll.TURN), positions);

        assertThat(first).hasSize(20).startsWith("p1", "p2").contains("p10", "p11", "p20").doesNotContain("p21");
        assertThat(second).hasSize(20).contains("p10", "p21", "p30").doesNotContain("p11", "p20");
        // after the oldest post of the window the turn starts again just after the newest half
        assertThat(third).contains("p11", "p20").doesNotContain("p21");
        assertThat(GraphPoll.pick(window.subList(0, 5), 20, "p3", positions)).containsExactly("p1", "p2", "p3",
                "p4", "p5");
        assertThat(positions).doesNotContainKey(GraphPoll.TURN);
    }

    @Test
    void aCommentWindowThatIsNotANumberOfDaysIsMisconfiguredAndNothingIsCalled() {
        StepVerifier.create(facebook.fetch(account(Platform.FACEBOOK, PAGE, Map.of("commentDays", "a fortnight")),
                Cursor.START))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.MISCONFIGURED);
                    assertThat(failure.getMessage()).contains("connection.commentDays").contains("from 1 to 90");
                })
                .verify();
        assertThat(graph.getAllServeEvents()).isEmpty();
    }
}
