package uk.hallmonitor.connectors.internal;

import java.net.URI;
import java.net.URISyntaxException;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.ConnectorException.Kind;
import uk.hallmonitor.connectors.Source;

/** Reads a source's connection settings that every connector shares. */
public final class Connections {

    private Connections() {
    }

    /** The API root: {@code connection.baseUrl}, else the fallback; always ending in a slash. */
    public static String baseUrl(Source source, String fallback) {
        String value = source.connection().get("baseUrl");
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new ConnectorException(Kind.MISCONFIGURED,
                        source.platform() + " source " + source.id() + " needs connection.baseUrl", null);
            }
            value = fallback;
        }
        return checked(value.endsWith("/") ? value : value + "/", "baseUrl", source);
    }

    /** An absolute http(s) URL from the connection, or {@link Kind#MISCONFIGURED}. */
    public static String checked(String value, String field, Source source) {
        try {
            URI uri = new URI(value);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new URISyntaxException(value, "not an absolute http(s) URL");
            }
            return value;
        } catch (URISyntaxException e) {
            throw new ConnectorException(Kind.MISCONFIGURED,
                    "connection." + field + " of source " + source.id() + " is not an http(s) URL", null);
        }
    }
}
