package uk.hallmonitor.ownposts.internal;

import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.system.BackgroundLoops;
import uk.hallmonitor.system.BackgroundLoops.Loop;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.store.StoreIndexes;

/** Wires what the own-post classes cannot declare themselves: their indexes, the listener and the sweep. */
@Configuration(proxyBeanMethods = false)
class OwnPostsConfiguration {

    @Bean
    StoreIndexes ownPostIndexes(RosterRecords rosters, FindingRecords findings) {
        return mongo -> rosters.ensureIndexes().then(findings.ensureIndexes());
    }

    /** The school's own post is checked as soon as it is stored. */
    @Bean
    DomainEventListener<PostReceived> ownPostReceived(OwnPostWatch watch) {
        return event -> watch.received(event.post());
    }

    @Bean
    SmartLifecycle ownPostSweep(OwnPostWatch watch) {
        return BackgroundLoops.of(true, SmartLifecycle.DEFAULT_PHASE, new Loop(watch::start, watch::stop));
    }
}
