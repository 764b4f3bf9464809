package uk.hallmonitor.ownposts.internal;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.alerts.Notices;
import uk.hallmonitor.audit.AuditTrail;
import uk.hallmonitor.monitoring.PostReceived;
import uk.hallmonitor.monitoring.Posts;
import uk.hallmonitor.ownposts.OwnPostsProperties;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.BackgroundLoops;
import uk.hallmonitor.system.BackgroundLoops.Loop;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.store.StoreIndexes;
import uk.hallmonitor.vault.DataSeal;

/** Wires the own-post checks. */
@Configuration(proxyBeanMethods = false)
class OwnPostsConfiguration {

    @Bean
    RosterRecords rosterRecords(ReactiveMongoTemplate mongo) {
        return new RosterRecords(mongo);
    }

    @Bean
    FindingRecords ownPostFindingRecords(ReactiveMongoTemplate mongo) {
        return new FindingRecords(mongo);
    }

    @Bean
    OwnPostAccess ownPostAccess(AccountRegister accounts) {
        return new OwnPostAccess(accounts);
    }

    @Bean
    RosterBook rosterBook(RosterRecords records, DataSeal seal, OwnPostAccess access, SchoolDirectory schools,
                          AuditTrail audit, Clock clock) {
        return new RosterBook(records, seal, access, schools, audit, clock);
    }

    @Bean
    OwnPostChecker ownPostChecker(RosterBook rosters, OwnPostAccess access) {
        return new OwnPostChecker(rosters, access);
    }

    @Bean
    OwnPostWatch ownPostWatch(ObjectProvider<Posts> posts, OwnPostChecker checker, FindingRecords records,
                              AccountRegister accounts, OwnPostAccess access, Notices notices, AuditTrail audit,
                              OwnPostsProperties properties, Clock clock) {
        return new OwnPostWatch(posts.getObject(), checker, records, accounts, access, notices, audit, properties,
                clock);
    }

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
