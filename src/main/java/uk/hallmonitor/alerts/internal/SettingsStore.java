package uk.hallmonitor.alerts.internal;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertSettings;

/** The per-school settings documents ({@code moderation_settings}, keyed by school id). */
@Component
record SettingsStore(ReactiveMongoTemplate mongo) {

    static final String COLLECTION = "moderation_settings";

    /** The school's settings, or the defaults. */
    Mono<AlertSettings> of(String schoolId) {
        return mongo.findById(schoolId, StoredSettings.class, COLLECTION)
                .map(StoredSettings::settings)
                .defaultIfEmpty(AlertSettings.defaults(schoolId));
    }

    Mono<AlertSettings> save(AlertSettings settings) {
        return mongo.save(new StoredSettings(settings.schoolId(), settings), COLLECTION).map(StoredSettings::settings);
    }

    /** The document as stored: keyed by school. */
    record StoredSettings(@org.springframework.data.annotation.Id String id, AlertSettings settings) {
    }
}
