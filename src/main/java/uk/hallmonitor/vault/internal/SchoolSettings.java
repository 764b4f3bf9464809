package uk.hallmonitor.vault.internal;

import java.time.Instant;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/** Each school's vault settings, falling back to the configured default for schools that have not chosen. */
record SchoolSettings(ReactiveMongoTemplate mongo, boolean runnersMayRevealByDefault) {

    Mono<SchoolVaultSettings> of(String schoolId) {
        return mongo.findById(schoolId, SchoolVaultSettings.class)
                .defaultIfEmpty(new SchoolVaultSettings(schoolId, runnersMayRevealByDefault, null, null, false));
    }

    /** Saves the runners' choice, with multi-factor for reveals off. */
    Mono<SchoolVaultSettings> save(String schoolId, boolean runnersMayReveal, Instant at, String by) {
        return save(schoolId, runnersMayReveal, false, at, by);
    }

    Mono<SchoolVaultSettings> save(String schoolId, boolean runnersMayReveal, boolean mfaForReveal, Instant at,
                                   String by) {
        return mongo.save(new SchoolVaultSettings(schoolId, runnersMayReveal, at, by, mfaForReveal));
    }
}
