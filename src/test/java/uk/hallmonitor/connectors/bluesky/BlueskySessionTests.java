package uk.hallmonitor.connectors.bluesky;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;
import uk.hallmonitor.connectors.ConnectorFixtures.TestVault;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.vault.HeldSession;

/**
 * The Bluesky session is kept in the vault and renewed with {@code refreshSession}; {@code createSession} only when
 * there is none or the refresh is refused; a session another instance kept meanwhile is used, not overwritten.
 */
class BlueskySessionTests {

    private static final String DID = "did:plc:oakfieldschool00000000000";
    private static final String CREATE = "/xrpc/com.atproto.server.createSession";
    private static final String REFRESH = "/xrpc/com.atproto.server.refreshSession";
    private static final String NOTIFICATIONS = "/xrpc/app.bsky.notification.listNotifications";
    private static final String FEED = "/xrpc/app.bsky.feed.getAuthorFeed";
    private static final String KEPT = "acc-1/" + BlueskyConnector.SESSION_NAME;
    private static final Instant NOW = ConnectorFixtures.NOW;

    @RegisterExtension
    static WireMockExtension pds = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final TestVault vault = new TestVault().put("acc-1", "identifier", "oakfieldprimary.bsky.social")
            .put("acc-1", "appPassword", "abcd-efgh-ijkl-mnop");
    /** Fast backoffs, and a response timeout long enough that a loaded machine never turns one call into two. */
    private static final ConnectorProperties PATIENT = new ConnectorProperties(Duration.ofSeconds(5),
            Duration.ofSeconds(60), DataSize.ofMegabytes(2), 3, Duration.ofMillis(10), Duration.ofMillis(40), 5, 100,
            50, null, null, 10, 50, null, null, null, null, null, null);
    private final BlueskyConnector connector = new BlueskyConnector(ConnectorFixtures.http(PATIENT), vault.secrets(),
            ConnectorFixtures.CLOCK, PATIENT);

    /** A JWT shaped like the PDS's, with the claims that matter here. */
    private static String jwt(String id, Instant expires) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String header = b64.encodeToString("{\"typ\":\"at+jwt\",\"alg\":\"ES256K\"}".getBytes(StandardCharsets.UTF_8));
        String claims = b64.encodeToString(("{\"scope\":\"com.atproto.appPass\",\"sub\":\"" + DID + "\",\"jti\":\""
                + id + "\",\"exp\":" + expires.getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".sig";
    }

    private static String sessionBody(String access, String refresh) {
        return "{\"did\":\"" + DID + "\",\"handle\":\"oakfieldprimary.bsky.social\",\"accessJwt\":\"" + access
                + "\",\"refreshJwt\":\"" + refresh + "\",\"active\":true}";
    }

    private static String kept(String access, String refresh) {
        return "{\"accessJwt\":\"" + access + "\",\"refreshJwt\":\"" + refresh + "\",\"did\":\"" + DID + "\"}";
    }

    private Source account() {
        return ConnectorFixtures.account(Platform.BLUESKY, DID, pds.baseUrl(), 100);
    }

    @BeforeEach
    void emptyTimelines() {
        pds.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(200).withBody("{\"feed\":[]}")));
        pds.stubFor(get(urlPathEqualTo(NOTIFICATIONS))
                .willReturn(aResponse().withStatus(200).withBody("{\"notifications\":[]}")));
    }

    @Test
    void pollsWhileTheAccessTokenIsValidReuseTheKeptSessionAndCreateOnlyOne() {
        String access = jwt("access-1", NOW.plus(Duration.ofHours(2)));
        pds.stubFor(post(CREATE).willReturn(aResponse().withStatus(200).withBody(sessionBody(access,
                jwt("refresh-1", NOW.plus(Duration.ofDays(60)))))));

        for (int poll = 0; poll < 5; poll++) {
            connector.fetch(account(), Cursor.START).block();
        }

        pds.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        pds.verify(0, postRequestedFor(urlPathEqualTo(REFRESH)));
        pds.verify(5, getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withHeader("Authorization",
                equalTo("Bearer " + access)));
        assertThat(vault.sessions.get(KEPT).revision()).isEqualTo(1);
        assertThat(vault.sessions.get(KEPT).value()).contains(access);
    }

    @Test
    void anAccessTokenAboutToExpireIsRefreshedWithTheRefreshTokenAndTheNewPairKept() {
        String oldRefresh = jwt("refresh-1", NOW.plus(Duration.ofDays(60)));
        vault.sessions.put(KEPT, new HeldSession(kept(jwt("access-1", NOW.plusSeconds(30)), oldRefresh), 4));
        String newAccess = jwt("access-2", NOW.plus(Duration.ofHours(2)));
        String newRefresh = jwt("refresh-2", NOW.plus(Duration.ofDays(60)));
        pds.stubFor(post(REFRESH).willReturn(aResponse().withStatus(200).withBody(sessionBody(newAccess, newRefresh))));

        connector.fetch(account(), Cursor.START).block();

        pds.verify(postRequestedFor(urlPathEqualTo(REFRESH)).withHeader("Authorization",
                equalTo("Bearer " + oldRefresh)));
        pds.verify(0, postRequestedFor(urlPathEqualTo(CREATE)));
        pds.verify(getRequestedFor(urlPathEqualTo(FEED)).withHeader("Authorization", equalTo("Bearer " + newAccess)));
        HeldSession now = vault.sessions.get(KEPT);
        assertThat(now.revision()).isEqualTo(5);
        assertThat(now.value()).contains(newAccess).contains(newRefresh);
    }

    @Test
    void aRefusedRefreshFallsBackToANewSessionWithTheAppPassword() {
        vault.sessions.put(KEPT, new HeldSession(kept(jwt("access-1", NOW.minusSeconds(10)),
                jwt("refresh-1", NOW.minusSeconds(5))), 2));
        pds.stubFor(post(REFRESH).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"ExpiredToken\",\"message\":\"Token has expired\"}")));
        String created = jwt("access-3", NOW.plus(Duration.ofHours(2)));
        pds.stubFor(post(CREATE).willReturn(aResponse().withStatus(200).withBody(sessionBody(created,
                jwt("refresh-3", NOW.plus(Duration.ofDays(60)))))));

        connector.fetch(account(), Cursor.START).block();

        pds.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        pds.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        assertThat(vault.sessions.get(KEPT).value()).contains(created);
        assertThat(vault.sessions.get(KEPT).revision()).isEqualTo(3);
    }

    @Test
    void aKeptSessionThePdsRefusesIsRenewedOnceAndThePollReadWithTheNewToken() {
        String revoked = jwt("access-1", NOW.plus(Duration.ofHours(1)));
        String refresh = jwt("refresh-1", NOW.plus(Duration.ofDays(60)));
        vault.sessions.put(KEPT, new HeldSession(kept(revoked, refresh), 1));
        pds.stubFor(get(urlPathEqualTo(FEED)).withHeader("Authorization", equalTo("Bearer " + revoked))
                .willReturn(
                        aResponse().withStatus(400).withBody("{\"error\":\"InvalidToken\",\"message\":\"revoked\"}")));
        String renewed = jwt("access-2", NOW.plus(Duration.ofHours(2)));
        pds.stubFor(post(REFRESH).willReturn(aResponse().withStatus(200).withBody(sessionBody(renewed,
                jwt("refresh-2", NOW.plus(Duration.ofDays(60)))))));

        connector.fetch(account(), Cursor.START).block();

        pds.verify(1, postRequestedFor(urlPathEqualTo(REFRESH)));
        pds.verify(getRequestedFor(urlPathEqualTo(FEED)).withHeader("Authorization", equalTo("Bearer " + renewed)));
        pds.verify(getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withHeader("Authorization",
                equalTo("Bearer " + renewed)));
        assertThat(vault.sessions.get(KEPT).value()).contains(renewed);
    }

    @Test
    void aSessionRefusedEvenWhenNewIsUnauthorizedWithoutLooping() {
        pds.stubFor(post(CREATE).willReturn(aResponse().withStatus(200).withBody(sessionBody(
                jwt("access-1", NOW.plus(Duration.ofHours(2))), jwt("refresh-1", NOW.plus(Duration.ofDays(60)))))));
        pds.stubFor(get(urlPathEqualTo(FEED)).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"AuthenticationRequired\"}")));

        StepVerifier.create(connector.fetch(account(), Cursor.START))
                .expectErrorMatches(failure -> ((ConnectorException) failure).kind() == Kind.UNAUTHORIZED)
                .verify();
        pds.verify(1, postRequestedFor(urlPathEqualTo(CREATE)));
        pds.verify(0, postRequestedFor(urlPathEqualTo(REFRESH)));
        pds.verify(1, getRequestedFor(urlPathEqualTo(FEED)));
    }

    @Test
    void whenAnotherInstanceKeptANewerSessionFirstItIsUsedAndNotOverwritten() {
        String refresh = jwt("refresh-1", NOW.plus(Duration.ofDays(60)));
        vault.sessions.put(KEPT, new HeldSession(kept(jwt("access-1", NOW.minusSeconds(1)), refresh), 7));
        String theirs = jwt("access-theirs", NOW.plus(Duration.ofHours(2)));
        // the other instance refreshes and keeps its session between our read and our write
        vault.afterNextSessionRead = () -> vault.sessions.put(KEPT,
                new HeldSession(kept(theirs, jwt("refresh-theirs", NOW.plus(Duration.ofDays(60)))), 8));
        String ours = jwt("access-ours", NOW.plus(Duration.ofHours(2)));
        pds.stubFor(post(REFRESH).willReturn(aResponse().withStatus(200).withBody(sessionBody(ours,
                jwt("refresh-ours", NOW.plus(Duration.ofDays(60)))))));

        connector.fetch(account(), Cursor.START).block();

        assertThat(vault.lostSessionWrites.get()).isEqualTo(1);
        HeldSession stored = vault.sessions.get(KEPT);
        assertThat(stored.revision()).isEqualTo(8);
        assertThat(stored.value()).contains(theirs).doesNotContain(ours);
        pds.verify(getRequestedFor(urlPathEqualTo(NOTIFICATIONS)).withHeader("Authorization",
                equalTo("Bearer " + theirs)));
    }

    @Test
    void aKeptSessionThatCannotBeReadIsReplacedByANewOneAtItsRevision() {
        vault.sessions.put(KEPT, new HeldSession(null, 3));
        String created = jwt("access-1", NOW.plus(Duration.ofHours(2)));
        pds.stubFor(post(CREATE).willReturn(aResponse().withStatus(200).withBody(sessionBody(created,
                jwt("refresh-1", NOW.plus(Duration.ofDays(60)))))));

        connector.fetch(account(), Cursor.START).block();

        assertThat(vault.sessions.get(KEPT).revision()).isEqualTo(4);
        assertThat(vault.sessions.get(KEPT).value()).contains(created);
    }
}
