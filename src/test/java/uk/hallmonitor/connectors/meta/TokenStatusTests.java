package uk.hallmonitor.connectors.meta;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.TokenStatus;
import uk.hallmonitor.system.Platform;

/** Meta's {@code debug_token}, as documented, read into an expiry, the granted scopes and plain words. */
class TokenStatusTests {

    private static final String PAGE = "104857321098765";
    private static final String DEBUG = "/v23.0/debug_token";
    private static final String TOKEN = "EAAGm0PX4ZCpsBAKZCZBfakePageToken";
    /** 14 January 2027 09:00 UTC. */
    private static final long EXPIRES = Instant.parse("2027-01-14T09:00:00Z").getEpochSecond();

    @RegisterExtension
    static WireMockExtension graph = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "pageAccessToken", TOKEN);

    private FacebookConnector facebook(TestVault vault) {
        return new FacebookConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()), vault.secrets(),
                ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties());
    }

    private Source page(Platform platform) {
        return ConnectorFixtures.account(platform, PAGE, graph.baseUrl(), 100);
    }

    private static String debug(boolean valid, long expiresAt, String scopes) {
        return """
                {"data": {"app_id": "138483919580948", "type": "PAGE", "application": "Hallmonitor",
                  "data_access_expires_at": %d, "expires_at": %d, "is_valid": %s, "issued_at": 1760000000,
                  "profile_id": "%s", "scopes": [%s], "user_id": "10160000000000000"}}
                """.formatted(expiresAt, expiresAt, valid, PAGE, scopes);
    }

    @Test
    void aTokenThatExpiresIsSaidInWordsWithTheDayAndWhatTheAdminMustDo() {
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody(debug(true, EXPIRES,
                "\"pages_read_engagement\", \"pages_read_user_content\", \"pages_manage_engagement\", \"pages_show_list\""))));

        TokenStatus status = facebook(vault).tokenStatus(page(Platform.FACEBOOK)).block();

        assertThat(status.valid()).isTrue();
        assertThat(status.expiresAt()).isEqualTo(Instant.ofEpochSecond(EXPIRES));
        assertThat(status.missing()).isEmpty();
        assertThat(status.scopes()).contains("pages_manage_engagement");
        assertThat(status.words()).isEqualTo("the Page token expires on 14 January 2027; an admin must reconnect the"
                + " Page before then");
        graph.verify(getRequestedFor(urlPathEqualTo(DEBUG)).withQueryParam("input_token", equalTo(TOKEN))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN)));
    }

    @Test
    void missingPermissionsAreNamedWithWhatTheyAreFor() {
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody(debug(true, 0,
                "\"pages_read_engagement\""))));

        TokenStatus status = facebook(vault).tokenStatus(page(Platform.FACEBOOK)).block();

        assertThat(status.expiresAt()).isNull();
        assertThat(status.missing()).containsExactly("pages_manage_engagement (hide, delete and reply to comments)",
                "pages_read_user_content (read visitors' comments and posts)");
        assertThat(status.words()).isEqualTo("the Page token does not expire. It lacks pages_manage_engagement (hide,"
                + " delete and reply to comments), pages_read_user_content (read visitors' comments and posts): an"
                + " admin must reconnect the Page and grant them");
    }

    @Test
    void anExpiredOrRevokedTokenIsSaidSo() {
        long past = ConnectorFixtures.NOW.minusSeconds(86_400 * 3).getEpochSecond();
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody(debug(false, past,
                "\"pages_read_engagement\", \"pages_read_user_content\", \"pages_manage_engagement\""))));

        TokenStatus status = facebook(vault).tokenStatus(page(Platform.FACEBOOK)).block();

        assertThat(status.valid()).isFalse();
        assertThat(status.words()).isEqualTo("the Page token is no longer accepted (it expired on 19 November 2026);"
                + " an admin must reconnect the Page");
    }

    @Test
    void theAppTokenAsksWhenTheVaultHoldsTheAppIdAndSecret() {
        TestVault withApp = new TestVault().put("acc-1", "pageAccessToken", TOKEN)
                .put("acc-1", "appId", "138483919580948").put("acc-1", "appSecret", "app-secret-value");
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody(debug(true, EXPIRES,
                "\"instagram_basic\", \"pages_read_engagement\""))));

        TokenStatus status = new InstagramConnector(ConnectorFixtures.http(ConnectorFixtures.fastProperties()),
                withApp.secrets(), ConnectorFixtures.CLOCK, ConnectorFixtures.fastProperties())
                .tokenStatus(page(Platform.INSTAGRAM)).block();

        assertThat(status.missing()).containsExactly("instagram_manage_comments (read, hide, delete and reply to"
                + " comments)");
        assertThat(status.words()).startsWith("the Instagram account's Page token expires on 14 January 2027");
        graph.verify(getRequestedFor(urlPathEqualTo(DEBUG)).withHeader("Authorization",
                equalTo("Bearer 138483919580948|app-secret-value")));
    }

    @Test
    void aBodyWithoutDataIsMalformedAndNoTokenIsMisconfigured() {
        graph.stubFor(get(urlPathEqualTo(DEBUG)).willReturn(aResponse().withStatus(200).withBody("{\"nothing\":1}")));

        StepVerifier.create(facebook(vault).tokenStatus(page(Platform.FACEBOOK)))
                .expectErrorMatches(e -> ((ConnectorException) e).kind() == Kind.MALFORMED).verify();
        StepVerifier.create(facebook(new TestVault()).tokenStatus(page(Platform.FACEBOOK)))
                .expectErrorMatches(e -> ((ConnectorException) e).kind() == Kind.MISCONFIGURED).verify();
    }
}
