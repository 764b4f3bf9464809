package uk.hallmonitor.system.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import uk.hallmonitor.MutableClock;

/** A provider that cannot be reached is shown as unavailable, stops nothing, and is tried again later. */
class OidcProvidersTests {

    private final TestOidcProvider provider = TestOidcProvider.started();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-16T10:00:00Z"));

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void anUnreachableProviderIsUnavailableUntilARetryAfterTheWaitFindsIt() {
        provider.reachable(false);
        OidcProviders providers = new OidcProviders(new OidcProperties(
                new OidcProperties.Microsoft(TestOidcProvider.TENANT, "ms-client", "secret",
                        provider.microsoftIssuer()),
                null, Map.of(), null, null, Duration.ofSeconds(30)), clock);

        assertThat(providers.statuses().block()).singleElement()
                .satisfies(status -> assertThat(status.available()).isFalse());
        StepVerifier.create(providers.findByRegistrationId("microsoft")).verifyComplete();

        provider.reachable(true);
        // within the wait the failure is remembered rather than asked again
        assertThat(providers.statuses().block()).extracting(OidcProviders.Status::available).containsExactly(false);
        clock.advance(Duration.ofSeconds(31));
        List<OidcProviders.Status> statuses = providers.statuses().block();
        assertThat(statuses).extracting(OidcProviders.Status::available).containsExactly(true);
        StepVerifier.create(providers.findByRegistrationId("microsoft"))
                .assertNext(registration -> {
                    assertThat(registration.getProviderDetails().getIssuerUri()).isEqualTo(provider.microsoftIssuer());
                    assertThat(registration.getProviderDetails().getAuthorizationUri())
                            .isEqualTo(provider.microsoftIssuer() + "/authorize");
                    assertThat(registration.getClientId()).isEqualTo("ms-client");
                })
                .verifyComplete();
        // a provider that is not configured does not exist
        StepVerifier.create(providers.findByRegistrationId("google")).verifyComplete();
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerIsRefused() {
        OidcProviders providers = new OidcProviders(new OidcProperties(
                new OidcProperties.Microsoft(TestOidcProvider.TENANT, "ms-client", "secret",
                        provider.microsoftIssuer() + "/"),
                null, Map.of(), null, null, null), clock);
        // a trailing slash is the same issuer
        assertThat(providers.statuses().block()).extracting(OidcProviders.Status::available).containsExactly(true);

        OidcProviders wrong = new OidcProviders(new OidcProperties(null,
                new OidcProperties.Google("g", "s", "school.test", provider.microsoftIssuer().replace("/ms", "/google")
                        .replace("127.0.0.1", "localhost")),
                Map.of(), null, null, null), clock);
        assertThat(wrong.statuses().block()).singleElement().satisfies(status -> {
            assertThat(status.available()).isFalse();
            assertThat(status.problem()).contains("names issuer");
        });
    }
}
