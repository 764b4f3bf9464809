package uk.hallmonitor.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the audit chain keeps its key and anchor, both outside the database.
 *
 * @param keyFile     the chain's HMAC key, sealed by the master key; blank means {@code <data dir>/audit.key}
 * @param anchorFile  the latest anchored sequence number and MAC; blank means {@code <data dir>/audit.anchor}
 * @param anchorEvery how often the whole chain is checked and its verified head anchored, besides after appends
 */
@ConfigurationProperties("hallmonitor.audit")
public record AuditProperties(
        /** The chain's HMAC key, sealed by the master key; blank means <data dir>/audit.key. */ Path keyFile,
        /** The latest anchored sequence number and MAC; blank means <data dir>/audit.anchor. */ Path anchorFile,
        /** How often the whole chain is checked and its verified head anchored. */ Duration anchorEvery) {

    public AuditProperties {
        anchorEvery = anchorEvery == null ? Duration.ofMinutes(15) : anchorEvery;
    }
}
