package uk.hallmonitor.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.feeds.FeedConnector;
import uk.hallmonitor.connectors.mastodon.MastodonConnector;
import uk.hallmonitor.system.Platform;

class ConnectorsTests {

    private final ConnectorProperties properties = ConnectorFixtures.fastProperties();
    private final FeedConnector feeds = new FeedConnector(ConnectorFixtures.http(properties), ConnectorFixtures.CLOCK,
            properties);
    private final MastodonConnector mastodon = new MastodonConnector(ConnectorFixtures.http(properties),
            new ConnectorFixtures.TestVault().secrets(), ConnectorFixtures.CLOCK, properties);

    @Test
    void connectorsAreFoundByTheirPlatform() {
        Connectors connectors = new Connectors(List.of(feeds, mastodon));

        assertThat(connectors.get(Platform.RSS)).isSameAs(feeds);
        assertThat(connectors.find(Platform.MASTODON)).containsSame(mastodon);
        assertThat(connectors.platforms()).containsExactlyInAnyOrder(Platform.RSS, Platform.MASTODON);
    }

    @Test
    void aPlatformWithoutAConnectorIsUnsupported() {
        Connectors connectors = new Connectors(List.of(feeds));

        assertThat(connectors.find(Platform.FACEBOOK)).isEmpty();
        assertThatThrownBy(() -> connectors.get(Platform.FACEBOOK)).isInstanceOfSatisfying(ConnectorException.class,
                e -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSUPPORTED));
    }

    @Test
    void twoConnectorsForOnePlatformAreRefusedAtStart() {
        assertThatThrownBy(() -> new Connectors(List.of(feeds, feeds))).hasMessageContaining("two connectors for RSS");
    }

    @Test
    void hidingIsUnsupportedWhereAPlatformDoesNotOfferIt() {
        assertThat(feeds.capabilities()).doesNotContain(Capability.HIDE_REPLY);
        assertThat(feeds.hideReply(ConnectorFixtures.watch(Platform.RSS, List.of(), java.util.Map.of(), 1), "1")
                .onErrorResume(ConnectorException.class,
                        e -> Mono.fromRunnable(
                                () -> assertThat(e.kind()).isEqualTo(ConnectorException.Kind.UNSUPPORTED)))
                .then()
                .thenReturn(true).block()).isTrue();
        assertThat(mastodon.capabilities()).containsAll(Set.of(Capability.MENTIONS, Capability.SEARCH));
    }
}
