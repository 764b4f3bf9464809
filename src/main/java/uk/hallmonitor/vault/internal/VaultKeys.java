package uk.hallmonitor.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import reactor.core.publisher.Mono;
import uk.hallmonitor.vault.MasterKeySource;

/**
 * Holds the vault's data keyset: opens it with the master key at start (creating both on a first run), hands out
 * the current version to every operation, and writes new versions with a precondition on the one it replaces.
 *
 * <p>A master key that does not open the stored keyset does not stop the service: the vault stays locked and every
 * vault operation answers with a problem that says so, while the rest of Hallmonitor works.
 */
class VaultKeys {

    private static final Logger log = LoggerFactory.getLogger(VaultKeys.class);

    private final ReactiveMongoTemplate mongo;
    private final MasterKeySource masterKeys;
    private final Clock clock;

    private volatile Aead masterKey;
    private volatile VaultKeyset cached;
    private volatile String lockedBecause = "the vault has not been opened yet";

    VaultKeys(ReactiveMongoTemplate mongo, MasterKeySource masterKeys, Clock clock) {
        this.mongo = mongo;
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    private boolean openAttempted;

    /**
     * Opens (or on a first run creates) the keyset; blocks, so it is called while the service starts. Only the first
     * call does the work: the audit trail may ask for the master key before the vault's own start-up does.
     */
    synchronized void open() {
        if (openAttempted) {
            return;
        }
        openAttempted = true;
        KeysetDocument stored = mongo.findById(KeysetDocument.ID, KeysetDocument.class).block(Duration.ofMinutes(1));
        try {
            Optional<Aead> found = masterKeys.find();
            if (found.isEmpty() && stored != null) {
                lock("no master key was found, but the database holds a keyset sealed by one: restore the master key from its backup and restart; a new key cannot open it");
                return;
            }
            Aead master = found.isPresent() ? found.get() : masterKeys.create();
            if (stored == null) {
                stored = createKeyset(master);
            }
            KeysetHandle handle = Keysets.open(stored.sealedKeyset(), master);
            masterKey = master;
            cached = new VaultKeyset(handle, Keysets.aead(handle), stored.version(), stored.rotationId());
            lockedBecause = null;
            log.info("vault open: {} key(s), primary key {}, master key from {}", handle.size(),
                    cached.primaryKeyId(), masterKeys.describe());
        } catch (GeneralSecurityException e) {
            if (stored != null && e.getMessage() != null && e.getMessage().startsWith("the master key in")) {
                lock(e.getMessage());
            } else if (stored != null) {
                lock("the master key does not match the keyset stored in the database: it was sealed by a different master key. Start with the master key that was in"
                        + " use when the vault was created (restore it from backup)");
            } else {
                lock("the vault could not be created: " + e.getMessage());
            }
        }
    }

    private KeysetDocument createKeyset(Aead master) throws GeneralSecurityException {
        KeysetDocument fresh = new KeysetDocument(KeysetDocument.ID, Keysets.seal(Keysets.generate(), master), 1, null,
                clock.instant());
        try {
            mongo.insert(fresh).block(Duration.ofMinutes(1));
            log.info("created the vault's data keyset");
            return fresh;
        } catch (DuplicateKeyException raced) {
            // another instance created it first: use theirs
            return mongo.findById(KeysetDocument.ID, KeysetDocument.class).block(Duration.ofMinutes(1));
        }
    }

    private void lock(String reason) {
        lockedBecause = reason;
        log.error("vault locked: {} (master key from {}). Everything else keeps working; stored secrets cannot be"
                + " read or written until this is fixed and the service restarted.", reason, masterKeys.describe());
    }

    /** The master key, opening the vault first if need be; empty while the vault is locked. Blocks. */
    Optional<Aead> masterKey() {
        open();
        return Optional.ofNullable(masterKey);
    }

    /** Why the vault is locked, or empty when it is open. */
    Optional<String> lockedBecause() {
        return Optional.ofNullable(lockedBecause);
    }

    /** The keyset as now stored (another instance may have rotated it); fails with 503 while the vault is locked. */
    Mono<VaultKeyset> current() {
        String reason = lockedBecause;
        if (reason != null) {
            return Mono.error(VaultProblems.locked(reason));
        }
        return mongo.findById(KeysetDocument.ID, KeysetDocument.class)
                .switchIfEmpty(Mono.error(() -> VaultProblems.locked("the vault's keyset is missing from the database;"
                        + " restore the vault_keysets collection from backup")))
                .flatMap(this::fromStored);
    }

    private Mono<VaultKeyset> fromStored(KeysetDocument stored) {
        VaultKeyset known = cached;
        if (known != null && known.version() == stored.version()) {
            return Mono.just(known);
        }
        try {
            KeysetHandle handle = Keysets.open(stored.sealedKeyset(), masterKey);
            VaultKeyset fresh = new VaultKeyset(handle, Keysets.aead(handle), stored.version(), stored.rotationId());
            cached = fresh;
            return Mono.just(fresh);
        } catch (GeneralSecurityException e) {
            return Mono.error(VaultProblems.locked("the keyset stored in the database no longer matches the master key;"
                    + " restore the keyset or the master key from backup"));
        }
    }

    /**
     * Replaces the keyset if it is still at {@code expected}'s version and rotation, setting the rotation that now
     * holds it ({@code null} to release); empty when someone else changed it first.
     */
    Mono<VaultKeyset> replace(VaultKeyset expected, KeysetHandle next, String rotationId) {
        byte[] sealed;
        try {
            sealed = Keysets.seal(next, masterKey);
        } catch (GeneralSecurityException e) {
            return Mono.error(e);
        }
        Query unchanged = Query.query(Criteria.where("_id").is(KeysetDocument.ID)
                .and("version").is(expected.version()).and("rotationId").is(expected.rotationId()));
        Update update = new Update().set("sealedKeyset", sealed).set("version", expected.version() + 1)
                .set("updatedAt", clock.instant());
        if (rotationId == null) {
            update.unset("rotationId");
        } else {
            update.set("rotationId", rotationId);
        }
        return mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
                KeysetDocument.class)
                .flatMap(stored -> Mono.fromCallable(() -> {
                    VaultKeyset fresh =
                            new VaultKeyset(next, Keysets.aead(next), stored.version(), stored.rotationId());
                    cached = fresh;
                    return fresh;
                }));
    }
}
