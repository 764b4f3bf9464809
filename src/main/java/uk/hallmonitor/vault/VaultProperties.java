package uk.hallmonitor.vault;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * How the credential vault finds its master key and when it asks for credentials to be changed.
 *
 * @param masterKey                  the master key itself (a Tink JSON keyset, or that JSON in base64); when blank the
 *                                   {@code HALLMONITOR_MASTER_KEY} environment variable, then the key file, is used
 * @param masterKeyFile              the master key file; blank means {@code ${HALLMONITOR_DATA_DIR:./data}/master.key}
 * @param passwordMaxAge             age after which an ordinary password is due for a change
 * @param administratorPasswordMaxAge age after which an administrator-level password is due (policy 004: 30 days)
 * @param reminderSweep              how often stored credentials are checked for age and for leavers who knew them
 * @param runnersMayReveal           whether runners may reveal plaintext in a school that has not chosen for itself
 * @param maxSecretBytes             the largest secret accepted, in UTF-8 bytes
 * @param reencryptionBatch          how many records key rotation re-encrypts per round trip
 * @param rotationStallTimeout       how long one page of a key rotation may go without progress before the rotation
 *                                   is recorded FAILED (so that none stays RUNNING for ever)
 * @param breakGlassAfter            how long after an account is created or granted its role before it may use
 *                                   break-glass reveal (24 hours by default)
 */
@ConfigurationProperties("hallmonitor.vault")
public record VaultProperties(
        /** The master key itself; blank falls back to HALLMONITOR_MASTER_KEY, then the key file. */ String masterKey,
        /** The master key file; blank means ${HALLMONITOR_DATA_DIR:./data}/master.key. */ Path masterKeyFile,
        /** Age after which an ordinary password is due for a change. */ Duration passwordMaxAge,
        /** Age after which an administrator-level password is due for a change (policy 004: 30 days). */
        Duration administratorPasswordMaxAge,
        /** How often stored credentials are checked for age and for leavers who knew them. */ Duration reminderSweep,
        /** Whether runners may reveal plaintext in a school that has not chosen for itself. */ Boolean runnersMayReveal,
        /** The largest secret accepted, in UTF-8 bytes. */ Integer maxSecretBytes,
        /** How many records key rotation re-encrypts per round trip. */ Integer reencryptionBatch,
        /** How long one page of a key rotation may go without progress before the rotation fails. */
        Duration rotationStallTimeout,
        /** How long after an account is created or granted its role before it may use break-glass reveal. */
        Duration breakGlassAfter) {

    @ConstructorBinding
    public VaultProperties {
        passwordMaxAge = passwordMaxAge == null ? Duration.ofDays(200) : passwordMaxAge;
        administratorPasswordMaxAge = administratorPasswordMaxAge == null ? Duration.ofDays(30)
                : administratorPasswordMaxAge;
        reminderSweep = reminderSweep == null ? Duration.ofHours(1) : reminderSweep;
        runnersMayReveal = runnersMayReveal != null && runnersMayReveal;
        maxSecretBytes = maxSecretBytes == null ? 64 * 1024 : maxSecretBytes;
        reencryptionBatch = reencryptionBatch == null ? 500 : reencryptionBatch;
        rotationStallTimeout = rotationStallTimeout == null ? Duration.ofMinutes(5) : rotationStallTimeout;
        breakGlassAfter = breakGlassAfter == null ? Duration.ofHours(24) : breakGlassAfter;
    }

    /** The settings without a break-glass wait of their own (the default, 24 hours). */
    public VaultProperties(String masterKey, Path masterKeyFile, Duration passwordMaxAge,
                           Duration administratorPasswordMaxAge, Duration reminderSweep, Boolean runnersMayReveal,
                           Integer maxSecretBytes, Integer reencryptionBatch, Duration rotationStallTimeout) {
        this(masterKey, masterKeyFile, passwordMaxAge, administratorPasswordMaxAge, reminderSweep, runnersMayReveal,
                maxSecretBytes, reencryptionBatch, rotationStallTimeout, null);
    }

    /** Defaults for everything: what a test or an offline tool gets without configuration. */
    public static VaultProperties defaults() {
        return new VaultProperties(null, null, null, null, null, null, null, null, null, null);
    }
}
