package uk.hallmonitor.accounts.internal;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import uk.hallmonitor.accounts.ConnectionStates;
import uk.hallmonitor.accounts.SchoolAccount;

/** {@link ConnectionStates} read from the register's {@code accounts} collection. */
@Component
record StoredConnectionStates(ReactiveMongoTemplate mongo) implements ConnectionStates {

    @Override
    public Flux<ConnectionState> ofSchool(String schoolId) {
        return mongo.find(query(where("schoolId").is(schoolId)).with(Sort.by("handle")), AccountDocument.class)
                .map(a -> new ConnectionState(new SchoolAccount(a.id(), a.schoolId(), a.platform(), a.handle(),
                        a.platformAccountId(), a.connection() == null ? java.util.Map.of() : a.connection(), a.status(),
                        a.runnerIds() == null ? java.util.List.of() : a.runnerIds(), a.lastActivityAt()),
                        a.health()));
    }
}
