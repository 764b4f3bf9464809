package uk.hallmonitor.moderation.internal;

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
import uk.hallmonitor.system.store.StoreProperties;

/** Wires what is more than a constructor (the seal key, the indexes) and runs triage and escalations as loops. */
@Configuration
@EnableConfigurationProperties(ModerationProperties.class)
class ModerationConfiguration {

    @Bean
    ContentSeal contentSeal(StoreProperties store, ModerationProperties properties) {
        // a small keyset of its own in the data directory; the vault's key encryption could wrap it later
        return ContentSeal.fromFile(store.dataDir().resolve(properties.sealKeyFile()));
    }

    @Bean
    StoreIndexes moderationIndexes() {
        return mongo -> Flux.concat(
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

    /** Before monitoring's announcer starts and after it stops, so triage hears every announcement. */
    @Bean
    SmartLifecycle moderationLoops(PostTriage triage, Escalations escalations, ModerationProperties properties) {
        return BackgroundLoops.of(properties.background(), SmartLifecycle.DEFAULT_PHASE - 100,
                new Loop(triage::start, triage::stop), new Loop(escalations::start, escalations::stop));
    }
}
