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
import uk.hallmonitor.connectors.meta.FacebookConnector;
import uk.hallmonitor.connectors.meta.InstagramConnector;
import uk.hallmonitor.connectors.meta.MetaWebhooks;
import uk.hallmonitor.connectors.x.XConnector;
import uk.hallmonitor.connectors.youtube.YouTubeConnector;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.vault.SecretUse;

/**
 * Wires the platform connectors. The vault is looked up lazily, at each poll, so that the application starts before a
 * vault is configured; polls then fail as misconfigured instead of the application failing to start.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorConfiguration {

    @Bean
    PlatformHttp connectorHttp(ConnectorProperties properties, OutboundPolicy outbound) {
        return new PlatformHttp(properties, outbound);
    }

    @Bean
    XConnector xConnector(PlatformHttp http, ObjectProvider<SecretUse> vault, Clock clock,
                          ConnectorProperties properties) {
        return new XConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    BlueskyConnector blueskyConnector(PlatformHttp http, ObjectProvider<SecretUse> vault,
                                      Clock clock, ConnectorProperties properties) {
        return new BlueskyConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    MastodonConnector mastodonConnector(PlatformHttp http, ObjectProvider<SecretUse> vault,
                                        Clock clock, ConnectorProperties properties) {
        return new MastodonConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    FacebookConnector facebookConnector(PlatformHttp http, ObjectProvider<SecretUse> vault, Clock clock,
                                        ConnectorProperties properties) {
        return new FacebookConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    InstagramConnector instagramConnector(PlatformHttp http, ObjectProvider<SecretUse> vault, Clock clock,
                                          ConnectorProperties properties) {
        return new InstagramConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    PlatformWebhooks metaWebhooks(ObjectProvider<SecretUse> vault) {
        return new MetaWebhooks(new Secrets(vault::getIfAvailable));
    }

    @Bean
    YouTubeConnector youTubeConnector(PlatformHttp http, ObjectProvider<SecretUse> vault, Clock clock,
                                      ConnectorProperties properties) {
        return new YouTubeConnector(http, new Secrets(vault::getIfAvailable), clock, properties);
    }

    @Bean
    FeedConnector feedConnector(PlatformHttp http, Clock clock, ConnectorProperties properties) {
        return new FeedConnector(http, clock, properties);
    }

    @Bean
    CommentImport commentImport(Clock clock) {
        return new ExportedComments(clock);
    }
}
