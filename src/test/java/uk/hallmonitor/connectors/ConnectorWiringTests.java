package uk.hallmonitor.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.test.StepVerifier;
import uk.hallmonitor.AppTestSupport;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.vault.SecretUse;

/** The connectors as the application wires them: what the poller gets from the registry and the settings. */
class ConnectorWiringTests extends AppTestSupport {

    @Autowired
    Connectors connectors;

    @Autowired
    ConnectorProperties properties;

    @Autowired
    CommentImport commentImport;

    @Test
    void theRegistryOffersEveryPlatformWithAnApi() {
        assertThat(connectors.platforms()).containsExactlyInAnyOrder(Platform.X, Platform.BLUESKY, Platform.MASTODON,
                Platform.RSS, Platform.FACEBOOK, Platform.INSTAGRAM, Platform.YOUTUBE);
        assertThat(connectors.get(Platform.X).capabilities()).contains(Capability.HIDE_REPLY, Capability.OWN_POSTS);
    }

    @Test
    void settingsDefaultInCode() {
        assertThat(properties.maxResponseSize().toMegabytes()).isEqualTo(2);
        assertThat(properties.maxAttempts()).isEqualTo(3);
        assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.xBaseUrl()).isEqualTo("https://api.x.com/");
        assertThat(properties.graphBaseUrl()).isEqualTo("https://graph.facebook.com/");
        assertThat(properties.graphVersion()).isEqualTo("v23.0");
    }

    @Test
    void aPollUsesTheApplicationClockForFutureTimestamps() {
        byte[] file = "id,author,text,postedAt\nc1,Jo,hi,2099-01-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8);

        CommentImport.Imported imported = commentImport.read(CommentImport.Format.CSV, file);

        assertThat(imported.posts().get(0).postedAt()).isEqualTo(clock.instant());
    }

    @Autowired
    PlatformHttp http;

    @Test
    void withoutAVaultAPollIsMisconfiguredRatherThanTheApplicationFailingToStart() {
        // the application always has a vault: wire the X connector as the configuration would in a build without one
        ObjectProvider<SecretUse> noVault = new StaticListableBeanFactory().getBeanProvider(SecretUse.class);
        PlatformConnector withoutVault = new ConnectorConfiguration().xConnector(http, noVault, clock, properties);
        Source source = new Source("acc-1", "school-1", Platform.X, "1", "school", List.of(),
                Map.of("baseUrl", "http://127.0.0.1:9/"), 10);

        StepVerifier.create(withoutVault.fetch(source, Cursor.START))
                .expectErrorMatches(failure -> failure instanceof ConnectorException c
                        && c.kind() == ConnectorException.Kind.MISCONFIGURED
                        && c.getMessage().contains("vault"))
                .verify(Duration.ofSeconds(30));
    }
}
