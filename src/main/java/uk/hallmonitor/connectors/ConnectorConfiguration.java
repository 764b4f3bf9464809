package uk.hallmonitor.connectors;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.connectors.bluesky.BlueskyConnector;
import uk.hallmonitor.connectors.feeds.FeedConnector;
import uk.hallmonitor.connectors.fileimport.ExportedComments;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.connectors.mastodon.MastodonConnector;
import uk.hallmonitor.connectors.x.XConnector;
import uk.hallmonitor.vault.SecretUse;

/**
 * Wires the platform connectors. The vault and the clock are looked up lazily so that this module starts on its own;
 * without a vault, polls fail as misconfigured instead of the application failing to start.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    PlatformHttp connectorHttp(ConnectorProperties properties) {
        return new PlatformHttp(properties);
    }

    @Bean
    XConnector xConnector(PlatformHttp http, ObjectProvider<SecretUse> vault, ObjectProvider<Clock> clock,
                          ConnectorProperties properties) {
        return new XConnector(http, new Secrets(vault::getIfAvailable), clock(clock), properties);
    }

    @Bean
    BlueskyConnector blueskyConnector(PlatformHttp http, ObjectProvider<SecretUse> vault,
                                      ObjectProvider<Clock> clock, ConnectorProperties properties) {
        return new BlueskyConnector(http, new Secrets(vault::getIfAvailable), clock(clock), properties);
    }

    @Bean
    MastodonConnector mastodonConnector(PlatformHttp http, ObjectProvider<SecretUse> vault,
                                        ObjectProvider<Clock> clock, ConnectorProperties properties) {
        return new MastodonConnector(http, new Secrets(vault::getIfAvailable), clock(clock), properties);
    }

    @Bean
    FeedConnector feedConnector(PlatformHttp http, ObjectProvider<Clock> clock, ConnectorProperties properties) {
        return new FeedConnector(http, clock(clock), properties);
    }

    @Bean
    CommentImport commentImport(ObjectProvider<Clock> clock) {
        return new ExportedComments(clock(clock));
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }
}
