package uk.hallmonitor.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** How purges run and how long an export stays downloadable. */
@ConfigurationProperties("hallmonitor.privacy")
public record PrivacyProperties(
        /** How often the retention purge runs (default daily). */ Duration purgeEvery,
        /** Posts or incidents examined per batch; each batch's plan is saved before anything is removed. */ Integer purgeBatch,
        /** How long a purge run is claimed by one instance before another may resume it after a crash. */ Duration purgeLease,
        /** How long an export's download link works (default 24 hours). */ Duration exportValidFor,
        /** How often requests left unfinished by a restart are looked for (default 5 minutes). */ Duration requestSweepEvery,
        /** Whether the purge is scheduled at all (tests run it by hand). */ Boolean purge) {

    public PrivacyProperties {
        purgeEvery = purgeEvery == null ? Duration.ofDays(1) : purgeEvery;
        purgeBatch = purgeBatch == null || purgeBatch < 1 ? 200 : purgeBatch;
        purgeLease = purgeLease == null ? Duration.ofMinutes(15) : purgeLease;
        exportValidFor = exportValidFor == null ? Duration.ofHours(24) : exportValidFor;
        requestSweepEvery = requestSweepEvery == null ? Duration.ofMinutes(5) : requestSweepEvery;
        purge = purge == null || purge;
    }
}
