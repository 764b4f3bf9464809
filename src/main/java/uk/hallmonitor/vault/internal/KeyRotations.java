package uk.hallmonitor.vault.internal;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.vault.KeyRotationStatus;

/**
 * Key rotation: adds a new primary key to the keyset, re-encrypts every record under it in the background, then
 * removes the old keys that nothing uses any more.
 *
 * <p>The keyset record carries the id of the rotation that holds it, set by the same precondition-guarded write that
 * installs the new primary, so only one rotation runs at a time (a second gets 409) and a rotation cut short by a
 * restart is resumed from the store. Each record is re-encrypted with a precondition on its revision, so a secret
 * changed by an administrator meanwhile is never overwritten; a record that no longer decrypts is listed and keeps
 * its key, which is then not retired: nothing is lost.
 */
class KeyRotations {

    private static final Logger log = LoggerFactory.getLogger(KeyRotations.class);

    private final VaultKeys keys;
    private final CredentialRecords credentials;
    private final KeyRotationRecords rotations;
    private final Clock clock;
    private final int batch;
    private final Disposable.Composite running = Disposables.composite();

    KeyRotations(VaultKeys keys, CredentialRecords credentials, KeyRotationRecords rotations, Clock clock, int batch) {
        this.keys = keys;
        this.credentials = credentials;
        this.rotations = rotations;
        this.clock = clock;
        this.batch = batch;
    }

    /** Installs a new primary key and starts re-encrypting in the background; 409 while another rotation runs. */
    Mono<KeyRotationStatus> start(String requestedBy) {
        return begin(requestedBy).doOnNext(rotation -> launch(rotation.id())).map(KeyRotationDocument::status);
    }

    /** Runs a whole rotation and completes when it has ended (for the command line). */
    Mono<KeyRotationStatus> runToEnd(String requestedBy) {
        return begin(requestedBy).flatMap(rotation -> reencryptAll(rotation.id()));
    }

    Mono<KeyRotationStatus> find(String id) {
        return rotations.find(id).map(KeyRotationDocument::status);
    }

    /** Picks up a rotation that a stopped process left holding the keyset. */
    void resumeUnfinished() {
        keys.current()
                .filter(keyset -> keyset.rotationId() != null)
                .flatMap(keyset -> rotations.find(keyset.rotationId())
                        .switchIfEmpty(Mono.defer(() -> credentials.countNotUnderKey(keyset.primaryKeyId())
                                .flatMap(total -> rotations.insert(newRecord(keyset.rotationId(), "system",
                                        keyset.primaryKeyId(), total))))))
                .onErrorResume(error -> Mono.empty())
                .subscribe(rotation -> {
                    log.info("resuming key rotation {}", rotation.id());
                    launch(rotation.id());
                });
    }

    void stop() {
        running.dispose();
    }

    private Mono<KeyRotationDocument> begin(String requestedBy) {
        return keys.current().flatMap(keyset -> {
            if (keyset.rotationId() != null) {
                return Mono.error(alreadyRunning(keyset.rotationId()));
            }
            String id = UUID.randomUUID().toString();
            return Mono.fromCallable(() -> Keysets.withNewPrimary(keyset.handle()))
                    .flatMap(next -> keys.replace(keyset, next, id))
                    .switchIfEmpty(Mono.defer(() -> keys.current().flatMap(now -> Mono.error(
                            alreadyRunning(now.rotationId() == null ? "(just finished)" : now.rotationId())))))
                    .flatMap(rotated -> credentials.countNotUnderKey(rotated.primaryKeyId())
                            .flatMap(total -> rotations.insert(newRecord(id, requestedBy, rotated.primaryKeyId(),
                                    total))))
                    .doOnNext(rotation -> log.info("key rotation {} started by {}: new primary key {}, {} record(s)"
                            + " to re-encrypt", id, requestedBy, rotation.primaryKeyId(), rotation.total()));
        });
    }

    private KeyRotationDocument newRecord(String id, String requestedBy, int primaryKeyId, long total) {
        return new KeyRotationDocument(id, KeyRotationStatus.RUNNING, requestedBy, now(), null, primaryKeyId, total, 0,
                List.of(), List.of(), null);
    }

    private static RuntimeException alreadyRunning(String rotationId) {
        return Problems.conflict("another key rotation holds the keyset: " + rotationId,
                List.of("wait for it to finish (GET /api/v1/vault/key-rotations/" + rotationId + ") and try again"));
    }

    private void launch(String rotationId) {
        // the pass is non-blocking (reactive store, in-memory crypto): it needs no thread of the shared elastic pool,
        // which other modules' blocking work (mail, hashing) can fill
        running.add(reencryptAll(rotationId).subscribe(
                status -> log.info("key rotation {} {}: {} re-encrypted, {} failed, keys retired {}", status.id(),
                        status.state(), status.reencrypted(), status.failedCredentialIds().size(),
                        status.retiredKeyIds()),
                error -> log.error("key rotation {} failed: {}", rotationId, error.toString())));
    }

    private Mono<KeyRotationStatus> reencryptAll(String rotationId) {
        return keys.current()
                .flatMap(keyset -> rotationId.equals(keyset.rotationId())
                        ? pass(rotationId, keyset, null).then(retireUnused(rotationId))
                        : Mono.error(new IllegalStateException("the keyset is not held by rotation " + rotationId)))
                .onErrorResume(error -> fail(rotationId, error));
    }

    /** One page of records not under the primary key, then the next, until none is left. */
    private Mono<Void> pass(String rotationId, VaultKeyset keyset, String afterId) {
        return credentials.notUnderKey(keyset.primaryKeyId(), afterId, batch).collectList().flatMap(page -> {
            if (page.isEmpty()) {
                return Mono.<Void>empty();
            }
            List<String> failed = new ArrayList<>();
            return Flux.fromIterable(page)
                    .concatMap(record -> reencryptOne(keyset, record).doOnNext(ok -> {
                        if (!ok) {
                            failed.add(record.id());
                        }
                    }))
                    .filter(ok -> ok)
                    .count()
                    .flatMap(done -> rotations.progress(rotationId, done, failed))
                    .then(Mono.defer(() -> pass(rotationId, keyset, page.get(page.size() - 1).id())));
        });
    }

    /** True when the record is now under the primary key (or was changed meanwhile); false if it does not decrypt. */
    private Mono<Boolean> reencryptOne(VaultKeyset keyset, CredentialDocument record) {
        byte[] ciphertext;
        try {
            ciphertext = keyset.seal(record.owner(), keyset.open(record.owner(), record.ciphertext()));
        } catch (GeneralSecurityException e) {
            log.warn("key rotation: credential {} does not decrypt and keeps its key {}", record.id(), record.keyId());
            return Mono.just(false);
        }
        // not modified means an administrator stored a new secret meanwhile, already under the new primary key
        return credentials.reencrypt(record, ciphertext, keyset.primaryKeyId()).thenReturn(true);
    }

    private Mono<KeyRotationStatus> retireUnused(String rotationId) {
        return keys.current().flatMap(keyset -> Flux.fromIterable(keyset.keyIds())
                .filter(id -> id != keyset.primaryKeyId())
                .filterWhen(id -> credentials.countUnderKey(id).map(count -> count == 0))
                .collect(TreeSet<Integer>::new, Set::add)
                .flatMap(retired -> Mono.fromCallable(() -> Keysets.without(keyset.handle(), retired))
                        .flatMap(next -> keys.replace(keyset, next, null))
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                                "the keyset changed under rotation " + rotationId)))
                        .then(rotations.finish(rotationId, KeyRotationStatus.COMPLETED, now(),
                                List.copyOf(retired), null))))
                .map(KeyRotationDocument::status);
    }

    /** Records the failure and releases the keyset; the new primary stays, the old keys stay until a next rotation. */
    private Mono<KeyRotationStatus> fail(String rotationId, Throwable error) {
        log.error("key rotation {} stopped: {}", rotationId, error.toString());
        return keys.current()
                .filter(keyset -> rotationId.equals(keyset.rotationId()))
                .flatMap(keyset -> keys.replace(keyset, keyset.handle(), null))
                .onErrorResume(ignored -> Mono.empty())
                .then(rotations.finish(rotationId, KeyRotationStatus.FAILED, now(), List.of(),
                        "stopped before the end: " + error.getClass().getSimpleName()
                                + "; start a new rotation to finish re-encrypting"))
                .map(KeyRotationDocument::status);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
