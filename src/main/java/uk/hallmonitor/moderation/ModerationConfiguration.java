package uk.hallmonitor.moderation;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.index.Index;
import reactor.core.publisher.Flux;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.system.events.DomainEvents;
import uk.hallmonitor.system.store.StoreIndexes;
import uk.hallmonitor.system.store.StoreProperties;

/** Wires the outbox dispatcher, the triage of posts, the seal key and the indexes, and runs the background loops. */
@Configuration
@EnableConfigurationProperties(ModerationProperties.class)
class ModerationConfiguration {

    @Bean
    AlertDispatcher alertDispatcher(AlertStore store, MailChannel mail, FeedChannel feed, WebhookChannels webhooks,
                                    Clock clock, ModerationProperties properties) {
        List<AlertChannel> channels = new ArrayList<>(List.of(mail, feed));
        channels.addAll(webhooks.channels());
        return new AlertDispatcher(store, channels, clock, properties);
    }

    @Bean
    Escalations escalations(SafeguardingStore store, Alerting alerting, uk.hallmonitor.schools.SchoolDirectory directory,
                            ModerationProperties properties, Clock clock) {
        return new Escalations(store, alerting, directory, properties, clock);
    }

    @Bean
    ContentSeal contentSeal(StoreProperties store, ModerationProperties properties) {
        // a small keyset of its own in the data directory; the vault's key encryption could wrap it later
        return ContentSeal.fromFile(store.dataDir().resolve(properties.sealKeyFile()));
    }

    @Bean
    PostTriage postTriage(ObjectProvider<Posts> posts, VerdictStore verdicts, Alerting alerting,
                          uk.hallmonitor.moderation.IncidentDesk incidents, AuditTrail audit, ContentSeal seal,
                          DomainEvents events, ModerationProperties properties, Clock clock) {
        return new PostTriage(posts, verdicts, alerting, incidents, audit, seal, events, properties,
                clock);
    }

    @Bean
    StoreIndexes moderationIndexes() {
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
                                .on("reason", Sort.Direction.ASC)),
                        mongo.indexOps(SafeguardingAlert.class).createIndex(new Index("acknowledgedAt",
                                Sort.Direction.ASC).on("nextEscalationAt", Sort.Direction.ASC)),
                        mongo.indexOps(SafeguardingAlert.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                                .on("raisedAt", Sort.Direction.DESC)),
                        mongo.indexOps(PostVerdict.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                                .on("flagged", Sort.Direction.ASC).on("collectedAt", Sort.Direction.DESC)),
                        // the moderation inbox: a school's flagged posts in one queue state, newest first; and
                        // how many wait (home page, inbox), counted from the index's entries alone
                        mongo.indexOps(PostVerdict.class).createIndex(new Index("schoolId", Sort.Direction.ASC)
                                .on("flagged", Sort.Direction.ASC).on("status", Sort.Direction.ASC)
                                .on("collectedAt", Sort.Direction.DESC)),
                        mongo.indexOps(PostVerdict.class).createIndex(new Index("flagged", Sort.Direction.ASC)
                                .on("routedAt", Sort.Direction.ASC).on("classifiedAt", Sort.Direction.ASC)))
                .then();
    }

    @Bean
    SmartLifecycle moderationLoops(AlertDispatcher dispatcher, PostTriage triage, DigestJob digests,
                                   Escalations escalations, ModerationProperties properties) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (properties.background()) {
                    dispatcher.start();
                    triage.start();
                    digests.start();
                    escalations.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                dispatcher.stop();
                triage.stop();
                digests.stop();
                escalations.stop();
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            /** Before monitoring's announcer starts and after it stops, so triage hears every announcement. */
            @Override
            public int getPhase() {
                return SmartLifecycle.DEFAULT_PHASE - 100;
            }
        };
    }
}
