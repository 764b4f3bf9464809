package uk.hallmonitor.connectors;

import java.util.Map;

/**
 * Where a poll resumes: opaque to everyone but the connector that made it (a since-id, a timestamp, a feed's last
 * entry id). {@link #START} means "from now on" for a new connection.
 */
public record Cursor(Map<String, String> positions) {

    public static final Cursor START = new Cursor(Map.of());

    public Cursor {
        positions = Map.copyOf(positions);
    }

    public String get(String key) {
        return positions.get(key);
    }
}
