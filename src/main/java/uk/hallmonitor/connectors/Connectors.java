package uk.hallmonitor.connectors;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import uk.hallmonitor.system.Platform;

/** The connectors this instance has, looked up by platform; the poller's only way in to platform code. */
@Component
public class Connectors {

    private final Map<Platform, PlatformConnector> byPlatform = new EnumMap<>(Platform.class);

    public Connectors(List<PlatformConnector> connectors) {
        for (PlatformConnector connector : connectors) {
            PlatformConnector clash = byPlatform.putIfAbsent(connector.platform(), connector);
            if (clash != null) {
                throw new IllegalStateException("two connectors for " + connector.platform() + ": "
                        + clash.getClass().getSimpleName() + " and " + connector.getClass().getSimpleName());
            }
        }
    }

    /** The connector for a platform, or empty where the platform has no usable API (use {@link CommentImport}). */
    public Optional<PlatformConnector> find(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    /** The connector for a platform; {@link ConnectorException.Kind#UNSUPPORTED} when there is none. */
    public PlatformConnector get(Platform platform) {
        return find(platform).orElseThrow(() -> new ConnectorException(ConnectorException.Kind.UNSUPPORTED,
                "no connector polls " + platform + "; import its exported comments instead", null));
    }

    /** Platforms that can be polled. */
    public Set<Platform> platforms() {
        return byPlatform.isEmpty() ? Set.of() : Set.copyOf(byPlatform.keySet());
    }
}
