package uk.hallmonitor.connectors.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.FetchedPost;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * A restart keeps nothing but the stored cursor: a new connector polling from it gets only what is new, so every
 * post arrives once (the store's upsert on platform and id covers the re-reads a cut-short poll makes).
 */
class MetaPollsAcrossRestartTests {

    private static final String PAGE = "104857321098765";
    private static final String USER = "17841400008460056";
    private static final String MEDIA = "17895695668004550";
    private static final String ROOT = "/v23.0/";

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", "EAAGfakePageToken");

    private FacebookConnector facebook() {
        return new FacebookConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(),
                ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());
    }

    private InstagramConnector instagram() {
        return new InstagramConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(),
                ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());
    }

    private void answer(String path, String body) {
        graph.stubFor(get(urlPathEqualTo(ROOT + path)).willReturn(aResponse().withStatus(200).withBody(body)));
    }

    private static List<String> ids(Batch batch) {
        return batch.posts().stream().map(FetchedPost::platformPostId).toList();
    }

    @Test
    void aFacebookPageRestartedOnItsStoredCursorGivesOnlyWhatIsNew() {
        Source page = ConnectorFixtures.account(Platform.FACEBOOK, PAGE, graph.baseUrl(), 100);
        answer(PAGE + "/posts", """
                {"data": [{"id": "%s_5552", "message": "Sports day on Friday", "created_time": "2026-11-22T08:15:00+0000",
                           "from": {"id": "%s", "name": "Oakfield"}}]}
                """.formatted(PAGE, PAGE));
        answer(PAGE + "/visitor_posts", "{\"data\":[]}");
        answer(PAGE + "/tagged", "{\"data\":[]}");
        answer(PAGE + "/feed", """
                {"data": [{"id": "%s_5552", "created_time": "2026-11-22T08:15:00+0000"}]}
                """.formatted(PAGE));
        String first = """
                {"id": "5552_9001", "message": "Is it on if it rains?", "created_time": "2026-11-22T09:00:00+0000",
                 "from": {"id": "7712345", "name": "Jo Parent"}}""";
        answer(PAGE + "_5552/comments", "{\"data\": [" + first + "]}");

        Batch before = facebook().fetch(page, Cursor.START).block();
        answer(PAGE + "_5552/comments", """
                {"data": [{"id": "5552_9002", "message": "What about wellies?", "created_time": "2026-11-22T09:30:00+0000",
                           "from": {"id": "7719999", "name": "Sam Carer"}}, %s]}
                """.formatted(first));
        Cursor stored = new Cursor(Map.copyOf(before.next().positions()));
        Batch after = facebook().fetch(page, stored).block();

        assertThat(ids(before)).containsExactly(PAGE + "_5552", "5552_9001");
        assertThat(ids(after)).containsExactly("5552_9002");
    }

    @Test
    void anInstagramAccountRestartedOnItsStoredCursorGivesOnlyWhatIsNew() {
        Source account = ConnectorFixtures.account(Platform.INSTAGRAM, USER, graph.baseUrl(), 100);
        answer(USER + "/media", """
                {"data": [{"id": "%s", "caption": "Harvest festival", "timestamp": "2026-11-22T08:00:00+0000",
                           "username": "oakfieldprimary"}]}
                """.formatted(MEDIA));
        answer(USER + "/tags", "{\"data\":[]}");
        String first = """
                {"id": "17858893269000001", "text": "Which day?", "timestamp": "2026-11-22T09:00:00+0000",
                 "username": "jo.parent"}""";
        answer(MEDIA + "/comments", "{\"data\": [" + first + "]}");

        Batch before = instagram().fetch(account, Cursor.START).block();
        answer(MEDIA + "/comments", """
                {"data": [{"id": "17858893269000002", "text": "Thursday!", "timestamp": "2026-11-22T09:30:00+0000",
                           "username": "sam.carer"}, %s]}
                """.formatted(first));
        Batch after = instagram().fetch(account, new Cursor(Map.copyOf(before.next().positions()))).block();

        assertThat(ids(before)).containsExactly(MEDIA, "17858893269000001");
        assertThat(ids(after)).containsExactly("17858893269000002");
    }
}
