package uk.hallmonitor.connectors.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;
import reactor.test.StepVerifier;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.ConnectorFixtures;

class PlatformHttpTests {

    @RegisterExtension
    static WireMockExtension platform = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    private final PlatformHttp http = ConnectorFixtures.http(ConnectorFixtures.fastProperties());

    private URI uri(String path) {
        return URI.create(platform.baseUrl() + path);
    }

    private static boolean kind(Throwable failure, Kind kind) {
        return failure instanceof ConnectorException c && c.kind() == kind;
    }

    @Test
    void tooManyRequestsBecomesRateLimitedWithTheWaitFromRetryAfter() {
        platform.stubFor(get("/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        StepVerifier.create(http.get(uri("/limited"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorSatisfies(failure -> {
                    assertThat(kind(failure, Kind.RATE_LIMITED)).isTrue();
                    assertThat(((ConnectorException) failure).retryAfter()).isEqualTo(Duration.ofMinutes(2));
                })
                .verify();
        platform.verify(1, getRequestedFor(urlEqualTo("/limited")));
    }

    @Test
    void tooManyRequestsWithAnXResetWaitsUntilTheReset() {
        long reset = ConnectorFixtures.NOW.getEpochSecond() + 900;
        platform.stubFor(get("/limited").willReturn(aResponse().withStatus(429)
                .withHeader("x-rate-limit-limit", "450").withHeader("x-rate-limit-remaining", "0")
                .withHeader("x-rate-limit-reset", Long.toString(reset))));

        StepVerifier.create(http.get(uri("/limited"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorSatisfies(failure -> assertThat(((ConnectorException) failure).retryAfter())
                        .isEqualTo(Duration.ofMinutes(15)))
                .verify();
    }

    @Test
    void anExhaustedWindowOnASuccessfulAnswerSaysHowLongToWait() {
        long reset = ConnectorFixtures.NOW.getEpochSecond() + 60;
        platform.stubFor(get("/last").willReturn(aResponse().withStatus(200).withBody("{}")
                .withHeader("x-rate-limit-remaining", "0").withHeader("x-rate-limit-reset", Long.toString(reset))));

        StepVerifier.create(http.get(uri("/last"), Map.of(), ConnectorFixtures.CLOCK))
                .assertNext(reply -> assertThat(reply.exhaustedWindow(ConnectorFixtures.CLOCK))
                        .isEqualTo(Duration.ofMinutes(1)))
                .verifyComplete();
    }

    @Test
    void serverErrorsAreRetriedWithinOnePollUntilTheyPass() {
        platform.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        platform.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("third"));
        platform.stubFor(get("/flaky").inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(aResponse().withStatus(200).withBody("{\"ok\":true}")));

        StepVerifier.create(http.get(uri("/flaky"), Map.of(), ConnectorFixtures.CLOCK))
                .assertNext(reply -> assertThat(new String(reply.body())).isEqualTo("{\"ok\":true}"))
                .verifyComplete();
        platform.verify(3, getRequestedFor(urlEqualTo("/flaky")));
    }

    @Test
    void serverErrorsThatPersistEndAsTransientAfterTheBoundedAttempts() {
        platform.stubFor(get("/down").willReturn(aResponse().withStatus(500)));

        StepVerifier.create(http.get(uri("/down"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, Kind.TRANSIENT))
                .verify();
        platform.verify(3, getRequestedFor(urlEqualTo("/down")));
    }

    @Test
    void aPlatformThatDoesNotAnswerInTimeIsTransient() {
        platform.stubFor(get("/slow").willReturn(aResponse().withStatus(200).withBody("{}").withFixedDelay(6000)));
        PlatformHttp impatient = ConnectorFixtures.http(ConnectorFixtures.impatientProperties());

        StepVerifier.create(impatient.get(uri("/slow"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, Kind.TRANSIENT)
                        && failure.getMessage().contains("/slow"))
                .verify(Duration.ofSeconds(20));
        platform.verify(2, getRequestedFor(urlEqualTo("/slow")));
    }

    @Test
    void aRefusedConnectionIsTransient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        StepVerifier.create(http.get(URI.create("http://127.0.0.1:" + closed + "/x"), Map.of(),
                ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, Kind.TRANSIENT))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            401, UNAUTHORIZED
            403, UNAUTHORIZED
            400, MISCONFIGURED
            404, MISCONFIGURED
            """)
    void statusesMapToKindsThePollerActsOn(int status, Kind expected) {
        platform.stubFor(get("/status").willReturn(aResponse().withStatus(status).withBody("{\"title\":\"no\"}")));

        StepVerifier.create(http.get(uri("/status"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, expected))
                .verify();
        platform.verify(1, getRequestedFor(urlEqualTo("/status")));
    }

    @Test
    void aDeclaredTenMegabyteBodyIsRefusedAsMalformed() {
        platform.stubFor(get("/huge").willReturn(aResponse().withStatus(200).withBody(new byte[10 * 1024 * 1024])));

        StepVerifier.create(http.get(uri("/huge"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, Kind.MALFORMED)
                        && failure.getMessage().contains("more than 2097152 bytes"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aStreamedBodyIsCutOffOnceItPassesTheCap() {
        PlatformHttp small = ConnectorFixtures.http(ConnectorFixtures.properties(DataSize.ofKilobytes(64)));
        platform.stubFor(get("/stream").willReturn(aResponse().withStatus(200)
                .withHeader("Transfer-Encoding", "chunked").withBody(new byte[1024 * 1024])));

        StepVerifier.create(small.get(uri("/stream"), Map.of(), ConnectorFixtures.CLOCK))
                .expectErrorMatches(failure -> kind(failure, Kind.MALFORMED))
                .verify(Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            Retry-After,        30,                            PT30S
            Retry-After,        'Sun, 22 Nov 2026 10:05:00 GMT', PT5M
            x-rate-limit-reset, 1795342200,                    PT10M
            ratelimit-reset,    1795341000,                    PT0S
            x-ratelimit-reset,  2026-11-22T10:02:00.000Z,      PT2M
            """)
    void waitsAreReadFromEveryPlatformsHeaders(String header, String value, Duration expected) {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        headers.set(header, value);

        assertThat(PlatformHttp.untilReset(headers, ConnectorFixtures.CLOCK)).isEqualTo(expected);
    }
}
