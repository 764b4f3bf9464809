package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * One polled source in the {@code poll_cursors} collection: where its next poll resumes, when it is due, and its
 * health. Every change is a single-document update guarded by {@code version}.
 *
 * @param id                  {@code account:<id>} or {@code watch:<id>}
 * @param sourceId            the account or watch id
 * @param watch               whether the source is a watch
 * @param schoolId            the school
 * @param platform            the platform
 * @param positions           the cursor, as a list because cursor keys may hold characters Mongo keys cannot
 * @param nextPollAt          when the source is due
 * @param lastPolledAt        when it was last polled, or {@code null}
 * @param healthReportedAt    when its health was last pushed to the account register, or {@code null}
 * @param version             bumped by every change
 * @param health              the connection's health
 */
@Document("poll_cursors")
record SourceState(@Id String id, String sourceId, boolean watch, String schoolId, Platform platform,
                   List<Position> positions, Instant nextPollAt, Instant lastPolledAt, Instant healthReportedAt,
                   long version, HealthRecord health) {

    /** One key of a cursor. */
    record Position(String key, String value) {
    }

    SourceState {
        positions = positions == null ? List.of() : List.copyOf(positions);
        health = health == null ? HealthRecord.fresh() : health;
    }

    static String key(Source source) {
        return (source.isWatch() ? "watch:" : "account:") + source.id();
    }

    Cursor cursor() {
        if (positions.isEmpty()) {
            return Cursor.START;
        }
        Map<String, String> map = new HashMap<>();
        positions.forEach(p -> map.put(p.key(), p.value()));
        return new Cursor(map);
    }

    static List<Position> positionsOf(Cursor cursor) {
        if (cursor == null) {
            return null;
        }
        return cursor.positions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Position(e.getKey(), e.getValue())).toList();
    }
}
