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
import static org.assertj.core.groups.Tuple.tuple;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
 * A Page's Messenger conversations are read only when the account's connection sets {@code messenger=true}; bodies
 * follow Meta's documented {@code /{page-id}/conversations} and {@code /{conversation-id}/messages} answers.
 */
class MessengerConversationsTests {

    private static final String PAGE = "104857321098765";
    private static final String ROOT = "/v23.0/";
    private static final String CONVERSATIONS = ROOT + PAGE + "/conversations";
    /** Everything up to here was stored by the last poll. */
    private static final String STORED = "2026-11-22T08:00:00Z";

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", "EAAGfakePageToken");
    private final FacebookConnector connector = new FacebookConnector(
            ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(), ConnectorFixtures.CLOCK,
            ConnectorFixtures.fastProperties());

    private Source page(Map<String, String> settings) {
        Map<String, String> connection = new HashMap<>(settings);
        connection.put("baseUrl", graph.baseUrl());
        return new Source("acc-1", "school-1", Platform.FACEBOOK, PAGE, "oakfieldprimary", List.of(), connection,
                100);
    }

    private static Cursor stored() {
        return new Cursor(Map.of("dm.since", STORED, "own.since", "2026-11-22T07:00:00Z"));
    }

    @BeforeEach
    void noPostsOrComments() {
        for (String edge : List.of("posts", "visitor_posts", "tagged", "feed")) {
            graph.stubFor(get(urlPathEqualTo(ROOT + PAGE + "/" + edge))
                    .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
        }
        graph.stubFor(get(urlPathMatching(ROOT + "t_.*/messages")).atPriority(10)
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));
    }

    private void stubConversations() {
        graph.stubFor(get(urlPathEqualTo(CONVERSATIONS)).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [
                          {"id": "t_10161", "updated_time": "2026-11-22T09:40:00+0000"},
                          {"id": "t_10162", "updated_time": "2026-11-22T09:00:00+0000"}],
                         "paging": {"cursors": {"before": "QVFIUmC0", "after": "QVFIUmC1"},
                                    "next": "https://graph.facebook.com/v23.0/104857321098765/conversations?after=QVFIUmC1"}}
                        """)));
        graph.stubFor(get(urlPathEqualTo(CONVERSATIONS)).withQueryParam("after", equalTo("QVFIUmC1"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [
                          {"id": "t_10163", "updated_time": "2026-11-22T08:30:00+0000"},
                          {"id": "t_10100", "updated_time": "2026-11-21T16:00:00+0000"}],
                         "paging": {"cursors": {"before": "QVFIUmC1", "after": "QVFIUmC2"},
                                    "next": "https://graph.facebook.com/v23.0/104857321098765/conversations?after=QVFIUmC2"}}
                        """)));
        graph.stubFor(get(urlPathEqualTo(ROOT + "t_10161/messages")).withQueryParam("after", absent())
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [
                          {"id": "m_Aa1", "message": "Thank you, we will look into it today.",
                           "created_time": "2026-11-22T09:40:00+0000",
                           "from": {"name": "Oakfield Primary School", "id": "104857321098765"}},
                          {"id": "m_Aa0", "message": "My son was pushed in the playground again",
                           "created_time": "2026-11-22T09:35:00+0000", "from": {"name": "Jo Parent", "id": "7712345"}}],
                         "paging": {"cursors": {"before": "QVFIUm0", "after": "QVFIUm1"},
                                    "next": "https://graph.facebook.com/v23.0/t_10161/messages?after=QVFIUm1"}}
                        """)));
        graph.stubFor(get(urlPathEqualTo(ROOT + "t_10161/messages")).withQueryParam("after", equalTo("QVFIUm1"))
                .willReturn(aResponse().withStatus(200).withBody("""
                        {"data": [
                          {"id": "m_Ab9", "message": "Hello, is anyone there?",
                           "created_time": "2026-11-22T08:10:00+0000", "from": {"name": "Jo Parent", "id": "7712345"}},
                          {"id": "m_Ab8", "message": "stored by the last poll",
                           "created_time": "2026-11-21T15:00:00+0000", "from": {"name": "Jo Parent", "id": "7712345"}}],
                         "paging": {"cursors": {"before": "QVFIUm1", "after": "QVFIUm2"},
                                    "next": "https://graph.facebook.com/v23.0/t_10161/messages?after=QVFIUm2"}}
                        """)));
        graph.stubFor(get(urlPathEqualTo(ROOT + "t_10162/messages")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "m_Bb1", "created_time": "2026-11-22T09:00:00+0000",
                                   "from": {"name": "Sam Carer", "id": "7719999"}}]}
                        """)));
        graph.stubFor(get(urlPathEqualTo(ROOT + "t_10163/messages")).willReturn(aResponse().withStatus(200)
                .withBody("""
                        {"data": [{"id": "m_Cc1", "message": "What time is the nativity?",
                                   "created_time": "2026-11-22T08:30:00+0000",
                                   "from": {"name": "Lee Grandparent", "id": "7718888"}}]}
                        """)));
    }

    @Test
    void messagesOfConversationsUpdatedSinceTheLastPollArriveAsDirectMessagesAcrossPages() {
        stubConversations();

        Batch batch = connector.fetch(page(Map.of("messenger", "true")), stored()).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId, FetchedPost::kind, FetchedPost::authorId,
                FetchedPost::conversationId, FetchedPost::text)
                .containsExactly(
                        tuple("m_Aa0", "DIRECT_MESSAGE", "7712345", "t_10161",
                                "My son was pushed in the playground again"),
                        tuple("m_Ab9", "DIRECT_MESSAGE", "7712345", "t_10161", "Hello, is anyone there?"),
                        tuple("m_Bb1", "DIRECT_MESSAGE", "7719999", "t_10162", ""),
                        tuple("m_Cc1", "DIRECT_MESSAGE", "7718888", "t_10163", "What time is the nativity?"));
        // the Page's own answer is not an inbound post; a message before the stored time ended the walk
        assertThat(batch.posts()).extracting(FetchedPost::platformPostId).doesNotContain("m_Aa1", "m_Ab8");
        graph.verify(0, getRequestedFor(urlPathEqualTo(ROOT + "t_10161/messages"))
                .withQueryParam("after", equalTo("QVFIUm2")));
        // a conversation last updated before the stored time is not opened, and the list is not walked further
        graph.verify(0, getRequestedFor(urlPathEqualTo(ROOT + "t_10100/messages")));
        graph.verify(0, getRequestedFor(urlPathEqualTo(CONVERSATIONS)).withQueryParam("after",
                equalTo("QVFIUmC2")));
        graph.verify(getRequestedFor(urlPathEqualTo(CONVERSATIONS)).withQueryParam("platform", equalTo("messenger"))
                .withQueryParam("fields", equalTo(PageConversations.FIELDS)));
        assertThat(batch.next().get("dm.since")).isEqualTo("2026-11-22T09:40:00Z");
    }

    @Test
    void aConversationWhoseMessagesCouldNotBeReadKeepsThePositionSoTheNextPollReadsItAgain() {
        stubConversations();
        graph.stubFor(get(urlPathEqualTo(ROOT + "t_10163/messages")).willReturn(aResponse().withStatus(503)));

        Batch batch = connector.fetch(page(Map.of("messenger", "true")), stored()).block();

        assertThat(batch.posts()).extracting(FetchedPost::platformPostId).contains("m_Aa0", "m_Bb1")
                .doesNotContain("m_Cc1");
        assertThat(batch.next().get("dm.since")).isEqualTo(STORED);
        assertThat(batch.warnings()).anyMatch(w -> w.contains("t_10163"));
    }

    @Test
    void nothingIsReadFromMessengerWhenTheSettingIsOff() {
        stubConversations();

        Batch off = connector.fetch(page(Map.of()), stored()).block();
        Batch saidOff = connector.fetch(page(Map.of("messenger", "false")), stored()).block();

        assertThat(off.posts()).isEmpty();
        assertThat(saidOff.posts()).isEmpty();
        graph.verify(0, getRequestedFor(urlPathEqualTo(CONVERSATIONS)));
        graph.verify(0, getRequestedFor(urlPathMatching(ROOT + "t_.*")));
        // turning it on later starts from then, not from a position kept while it was off
        assertThat(off.next().positions()).doesNotContainKey("dm.since");
    }

    @Test
    void aMessengerSettingThatIsNotTrueOrFalseIsMisconfiguredAndNothingIsCalled() {
        StepVerifier.create(connector.fetch(page(Map.of("messenger", "yes please")), stored()))
                .expectErrorSatisfies(failure -> {
                    assertThat(((ConnectorException) failure).kind()).isEqualTo(Kind.MISCONFIGURED);
                    assertThat(failure.getMessage()).contains("connection.messenger").contains("true or false");
                })
                .verify();
        assertThat(graph.getAllServeEvents()).isEmpty();
    }

    @Test
    void withMessengerOnTheTokenCheckAlsoAsksForPagesMessaging() {
        graph.stubFor(get(urlPathEqualTo(ROOT + "debug_token")).willReturn(aResponse().withStatus(200).withBody("""
                {"data": {"app_id": "1234", "type": "PAGE", "is_valid": true, "expires_at": 0,
                  "scopes": ["pages_read_engagement", "pages_read_user_content", "pages_manage_engagement"]}}
                """)));

        assertThat(connector.tokenStatus(page(Map.of())).block().missing()).isEmpty();
        assertThat(connector.tokenStatus(page(Map.of("messenger", "true"))).block().missing())
                .singleElement().asString().contains("pages_messaging");
    }
}
