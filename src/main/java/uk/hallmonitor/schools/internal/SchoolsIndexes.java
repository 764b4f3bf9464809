package uk.hallmonitor.schools.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.store.StoreIndexes;

/** Usernames are unique; tokens are found by hash; staff are listed per school, and by role across schools. */
@Component
class SchoolsIndexes implements StoreIndexes {

    @Override
    public Mono<Void> ensure(ReactiveMongoTemplate mongo) {
        var staff = mongo.indexOps(StaffDocument.class);
        return staff.createIndex(new Index("username", Sort.Direction.ASC).unique().named("username_unique"))
                .then(staff.createIndex(new Index("apiTokens.hash", Sort.Direction.ASC).sparse()))
                .then(staff.createIndex(new Index("schoolId", Sort.Direction.ASC).on("roles", Sort.Direction.ASC)))
                // the trust's admins (no school): "who holds this role", asked for alerts and on every page
                .then(staff.createIndex(new Index("roles", Sort.Direction.ASC).on("active", Sort.Direction.ASC)))
                .then();
    }
}
