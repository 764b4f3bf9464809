package uk.hallmonitor.vault.internal;

import java.nio.file.Path;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import uk.hallmonitor.audit.ChainKeySealer;
import uk.hallmonitor.schools.StaffLeft;
import uk.hallmonitor.system.events.DomainEventListener;
import uk.hallmonitor.system.store.StoreIndexes;
import uk.hallmonitor.vault.MasterKeySource;
import uk.hallmonitor.vault.SealedDataHolder;
import uk.hallmonitor.vault.VaultProperties;

/** Wires the vault; a {@link MasterKeySource} bean declared elsewhere (a KMS) replaces the local key file. */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    @Bean
    VaultKeys vaultKeys(ReactiveMongoTemplate mongo, ObjectProvider<MasterKeySource> custom,
                        VaultProperties properties, Environment environment, Clock clock) {
        MasterKeySource source = custom.getIfAvailable(() -> localMasterKey(properties, environment));
        return new VaultKeys(mongo, source, clock);
    }

    /** The key from the setting or HALLMONITOR_MASTER_KEY, else the key file beside the embedded store's data. */
    static LocalMasterKey localMasterKey(VaultProperties properties, Environment environment) {
        String text = properties.masterKey() != null && !properties.masterKey().isBlank() ? properties.masterKey()
                : environment.getProperty("HALLMONITOR_MASTER_KEY", "");
        Path file = properties.masterKeyFile();
        if (file == null) {
            String dataDir = environment.getProperty("hallmonitor.store.data-dir",
                    environment.getProperty("HALLMONITOR_DATA_DIR", "./data"));
            file = Path.of(dataDir).resolve("master.key");
        }
        return new LocalMasterKey(text, file);
    }

    /** The master key also seals the audit chain's HMAC key (kept outside the database, like the keyset's seal). */
    @Bean
    ChainKeySealer auditChainKeySealer(VaultKeys keys) {
        return keys::masterKey;
    }

    @Bean
    SchoolSettings schoolSettings(ReactiveMongoTemplate mongo, VaultProperties properties) {
        return new SchoolSettings(mongo, properties.runnersMayReveal());
    }

    @Bean
    KeyRotations keyRotations(VaultKeys keys, CredentialRecords credentials, KeyRotationRecords rotations,
                              VaultProperties properties, Clock clock, ObjectProvider<SealedDataHolder> holders) {
        return new KeyRotations(keys, credentials, rotations, clock, properties.reencryptionBatch(),
                properties.rotationStallTimeout(), holders.orderedStream().toList());
    }

    @Bean
    VaultStartup vaultStartup(VaultKeys keys, KeyRotations rotations, RotationReminders reminders,
                              VaultProperties properties) {
        return new VaultStartup(keys, rotations, reminders, properties.reminderSweep());
    }

    @Bean
    StoreIndexes vaultIndexes(CredentialRecords credentials, ConnectorSessionRecords sessions) {
        return mongo -> credentials.ensureIndexes().then(sessions.ensureIndexes());
    }

    /** A leaver's access has ended: everything they knew is due for a change (the sweep catches a missed event). */
    @Bean
    DomainEventListener<StaffLeft> rotateWhatLeaversKnew(RotationReminders reminders) {
        return event -> reminders.staffLeft(event.staffId(), event.schoolId(), event.name(), event.leftAt());
    }
}
