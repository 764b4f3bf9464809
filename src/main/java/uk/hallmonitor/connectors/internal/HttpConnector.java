package uk.hallmonitor.connectors.internal;

import java.time.Clock;
import uk.hallmonitor.connectors.ConnectorProperties;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;

/**
 * What every connector that polls a platform's HTTP API is set up with: the shared transport, the vault opened for
 * one call at a time, the injected clock and the connector settings; and the harvest of one poll, with the source's
 * read budget.
 */
public abstract class HttpConnector implements PlatformConnector {

    protected final PlatformHttp http;
    protected final Secrets secrets;
    protected final Clock clock;
    protected final ConnectorProperties properties;

    protected HttpConnector(PlatformHttp http, Secrets secrets, Clock clock, ConnectorProperties properties) {
        this.http = http;
        this.secrets = secrets;
        this.clock = clock;
        this.properties = properties;
    }

    /** A new harvest for one poll of the source: its own read budget, else {@code default-max-reads}. */
    protected Harvest harvest(Source source) {
        int budget = source.maxReads() > 0 ? source.maxReads() : properties.defaultMaxReads();
        return new Harvest(clock, source.id(), budget, properties.maxWarnings());
    }
}
