package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import uk.hallmonitor.system.BackgroundLoops;
import uk.hallmonitor.system.BackgroundLoops.Loop;
import uk.hallmonitor.system.store.StoreIndexes;

/** Wires the outbox dispatcher and its channels, the outbox's indexes, and runs the dispatcher and the digest. */
@Configuration
@EnableConfigurationProperties(AlertsProperties.class)
class AlertsConfiguration {

    @Bean
    AlertDispatcher alertDispatcher(AlertStore store, MailChannel mail, FeedChannel feed, WebhookChannels webhooks,
                                    Clock clock, AlertsProperties properties) {
        List<AlertChannel> channels = new ArrayList<>(List.of(mail, feed));
        channels.addAll(webhooks.channels());
        return new AlertDispatcher(store, channels, clock, properties);
    }

    @Bean
    StoreIndexes alertIndexes() {
        return mongo -> Flux.concat(
                mongo.indexOps(Alert.class).createIndex(new Index("dedupKey", Sort.Direction.ASC).unique()),
                // redundant on MongoDB (the id is unique already), but the embedded server answers a query
                // by index only when a unique index has exactly its keys: without it every settle of an
                // alert read the whole outbox (a burst's cost grew with the square of its size)
                mongo.indexOps(Alert.class).createIndex(new Index("_id", Sort.Direction.ASC)
                        .on("leaseOwner", Sort.Direction.ASC).unique().named("guarded_settle")),
                mongo.indexOps(Alert.class).createIndex(new Index("state", Sort.Direction.ASC)
                        .on("nextAttemptAt", Sort.Direction.ASC)),
                mongo.indexOps(Alert.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                mongo.indexOps(Alert.class).createIndex(new Index("channel", Sort.Direction.ASC)
                        .on("feedSeq", Sort.Direction.ASC)),
                // the in-app notification centre: a person's alerts, newest first, and the unread count
                // shown on every page
                mongo.indexOps(Alert.class).createIndex(new Index("recipientStaffId", Sort.Direction.ASC)
                        .on("createdAt", Sort.Direction.DESC)),
                // the unread safeguarding count on the DSL's home page, counted from the index alone
                mongo.indexOps(Alert.class).createIndex(new Index("recipientStaffId", Sort.Direction.ASC)
                        .on("reason", Sort.Direction.ASC)),
                // whether a safeguarding alert reached anyone outside the app (the banner on every page,
                // the safeguarding lists): without it each asking read the whole outbox
                mongo.indexOps(Alert.class).createIndex(new Index("sourceKey", Sort.Direction.ASC)
                        .on("state", Sort.Direction.ASC)),
                // the person's read alerts: the unread count on every page
                mongo.indexOps(AlertRead.class).createIndex(new Index("staffId", Sort.Direction.ASC)
                        .on("reason", Sort.Direction.ASC)))
                .then();
    }

    /** With moderation's loops: before monitoring's announcer starts and after it stops. */
    @Bean
    SmartLifecycle alertLoops(AlertDispatcher dispatcher, DigestJob digests, AlertsProperties properties) {
        return BackgroundLoops.of(properties.background(), SmartLifecycle.DEFAULT_PHASE - 100,
                new Loop(dispatcher::start, dispatcher::stop), new Loop(digests::start, digests::stop));
    }
}
