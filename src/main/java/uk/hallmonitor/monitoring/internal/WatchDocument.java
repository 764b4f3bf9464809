package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/** A public-mention watch in the {@code watches} collection (R8). */
@Document("watches")
record WatchDocument(@Id String id, String schoolId, Platform platform, List<String> terms,
                     Map<String, String> connection, String createdBy, Instant createdAt) {

    Source source(int maxReads) {
        return new Source(id, schoolId, platform, null, null, terms, connection == null ? Map.of() : connection,
                maxReads);
    }
}
