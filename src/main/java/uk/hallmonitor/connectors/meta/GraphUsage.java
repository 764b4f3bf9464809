package uk.hallmonitor.connectors.meta;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How close the Graph API says we are to its rate limits, read from {@code X-App-Usage} (percentages of the app's
 * hourly calls, CPU and time) and {@code X-Business-Use-Case-Usage} (the same per Page or Instagram account, with an
 * {@code estimated_time_to_regain_access} in minutes once a limit is hit).
 *
 * @param percent       the highest share of any limit used, 0 when the headers are absent or unreadable
 * @param regainAccess  how long Meta says calls stay refused, or {@code null}
 */
record GraphUsage(int percent, Duration regainAccess) {

    static final GraphUsage NONE = new GraphUsage(0, null);
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String[] PERCENT_FIELDS = {"call_count", "total_cputime", "total_time"};

    static GraphUsage of(HttpHeaders headers) {
        int percent = 0;
        long regainMinutes = 0;
        JsonNode app = read(headers.getFirst("X-App-Usage"));
        if (app != null && app.isObject()) {
            percent = Math.max(percent, highest(app));
        }
        JsonNode business = read(headers.getFirst("X-Business-Use-Case-Usage"));
        if (business != null && business.isObject()) {
            for (Map.Entry<String, JsonNode> perObject : business.properties()) {
                if (!perObject.getValue().isArray()) {
                    continue;
                }
                for (JsonNode useCase : perObject.getValue()) {
                    percent = Math.max(percent, highest(useCase));
                    JsonNode regain = useCase.get("estimated_time_to_regain_access");
                    if (regain != null && regain.isNumber()) {
                        regainMinutes = Math.max(regainMinutes, regain.asLong());
                    }
                }
            }
        }
        return new GraphUsage(percent, regainMinutes > 0 ? Duration.ofMinutes(regainMinutes) : null);
    }

    /**
     * How long the next poll should wait: what Meta said once a limit is hit, otherwise nothing below the slow-down
     * threshold and up to an hour (the window Meta counts over) as usage climbs from the threshold to the limit.
     */
    Duration pause(int slowDownPercent) {
        if (regainAccess != null) {
            return regainAccess;
        }
        if (percent < slowDownPercent) {
            return null;
        }
        if (percent >= 100) {
            return Duration.ofHours(1);
        }
        long span = Math.max(1, 100 - slowDownPercent);
        long minutes = Math.max(1, 60 * (percent - slowDownPercent) / span);
        return Duration.ofMinutes(minutes);
    }

    private static int highest(JsonNode usage) {
        int highest = 0;
        for (String field : PERCENT_FIELDS) {
            JsonNode value = usage.get(field);
            if (value != null && value.isNumber()) {
                highest = Math.max(highest, value.asInt());
            }
        }
        return highest;
    }

    private static JsonNode read(String header) {
        if (header == null || header.isBlank() || header.length() > 8_192) {
            return null;
        }
        try {
            return MAPPER.readTree(header);
        } catch (JacksonException e) {
            return null;
        }
    }
}
