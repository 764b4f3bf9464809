package uk.hallmonitor.connectors.internal;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.Capability;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.Cursor;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.system.Platform;

/**
 * What every connector that polls a platform's HTTP API is set up with: its platform and what it can do there, the
 * shared transport, the vault opened for one call at a time, the injected clock and the connector settings; the
 * harvest of one poll, with the source's read budget; and the end of a poll, when the read streams become a batch.
 */
public abstract class HttpConnector implements PlatformConnector {

    protected final PlatformHttp http;
    protected final Secrets secrets;
    protected final Clock clock;
    protected final ConnectorProperties properties;
    private final Platform platform;
    private final Set<Capability> capabilities;

    protected HttpConnector(Platform platform, Set<Capability> capabilities, PlatformHttp http, Secrets secrets,
                            Clock clock, ConnectorProperties properties) {
        this.platform = platform;
        this.capabilities = Set.copyOf(capabilities);
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public final Platform platform() {
        return platform;
    }

    @Override
    public final Set<Capability> capabilities() {
        return capabilities;
    }

    /**
     * Reads a poll's streams, each moving its own position from the cursor, then gives what they gathered with the
     * positions reached as the batch.
     */
    protected static Mono<Batch> gather(Harvest harvest, Cursor since,
                                        Function<Map<String, String>, Mono<Void>> streams) {
        Map<String, String> positions = new HashMap<>(since.positions());
        return streams.apply(positions).then(Mono.fromSupplier(() -> harvest.toBatch(new Cursor(positions))));
    }

    /** A new harvest for one poll of the source: its own read budget, else {@code default-max-reads}. */
    protected Harvest harvest(Source source) {
        int budget = source.maxReads() > 0 ? source.maxReads() : properties.defaultMaxReads();
        return new Harvest(clock, source.id(), budget, properties.maxWarnings());
    }
}
