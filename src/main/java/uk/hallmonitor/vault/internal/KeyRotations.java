package uk.hallmonitor.vault.internal;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.ErrorResponseException;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.vault.KeyRotationStatus;
import uk.hallmonitor.vault.SealedDataHolder;

/**
 * Key rotation: adds a new primary key to the keyset, re-encrypts every record under it in the background, then
 * removes the old keys that nothing uses any more.
 *
 * <p>The keyset record carries the id of the rotation that holds it, set by the same precondition-guarded write that
 * installs the new primary, so only one rotation runs at a time (a second gets 409) and a rotation cut short by a
 * stop or a crash is resumed from the store when the vault starts again. Each record is re-encrypted with a
 * precondition on its revision, so a secret changed by an administrator meanwhile is never overwritten; a record that
 * no longer decrypts is listed and keeps its key, which is then not retired: nothing is lost. A rotation always ends:
 * COMPLETED, or FAILED with the reason (a page that makes no progress within {@code stallAfter} fails it), after
 * which the keyset is released and an administrator can start a new one.
 */
class KeyRotations {

    private static final Logger log = LoggerFactory.getLogger(KeyRotations.class);

    private final VaultKeys keys;
    private final CredentialRecords credentials;
    private final KeyRotationRecords rotations;
    private final Clock clock;
    private final int batch;
    private final Duration stallAfter;
    /** Rotations this process runs now, by id; a stop empties it and a later start fills it again. */
    private final Map<String, Disposable.Swap> running = new ConcurrentHashMap<>();

    /** Other modules' data sealed with {@link uk.hallmonitor.vault.DataSeal}: a key they still use is not retired. */
    private final List<SealedDataHolder> holders;

    KeyRotations(VaultKeys keys, CredentialRecords credentials, KeyRotationRecords rotations, Clock clock, int batch,
                 Duration stallAfter) {
        this(keys, credentials, rotations, clock, batch, stallAfter, List.of());
    }

    KeyRotations(VaultKeys keys, CredentialRecords credentials, KeyRotationRecords rotations, Clock clock, int batch,
                 Duration stallAfter, List<SealedDataHolder> holders) {
        this.holders = List.copyOf(holders);
        this.keys = keys;
        this.credentials = credentials;
        this.rotations = rotations;
        this.clock = clock;
        this.batch = batch;
        this.stallAfter = stallAfter;
    }

    /** Installs a new primary key and starts re-encrypting in the background; 409 while another rotation runs. */
    Mono<KeyRotationStatus> start(String requestedBy) {
        return begin(requestedBy).doOnNext(rotation -> launch(rotation.id())).map(KeyRotationDocument::status);
    }

    /** Runs a whole rotation and completes when it has ended (for the command line). */
    Mono<KeyRotationStatus> runToEnd(String requestedBy) {
        return begin(requestedBy).flatMap(rotation -> reencryptAll(rotation.id()));
    }

    Flux<KeyRotationStatus> latest(int limit) {
        return rotations.latest(limit).map(KeyRotationDocument::status);
    }

    Mono<KeyRotationStatus> find(String id) {
        return rotations.find(id).map(KeyRotationDocument::status);
    }

    /**
     * Picks up where a stopped or crashed process left off: the rotation that holds the keyset runs on (or, if it
     * had already recorded its end, releases the keyset), and a RUNNING record that no longer holds the keyset is
     * marked FAILED so that nobody waits for it.
     */
    void resumeUnfinished() {
        keys.current()
                .flatMap(keyset -> failOrphans(keyset.rotationId())
                        .then(keyset.rotationId() == null ? Mono.<Void>empty() : resume(keyset)))
                .onErrorResume(error -> {
                    log.warn("could not check for an unfinished key rotation: {}", error.toString());
                    return Mono.empty();
                })
                .subscribe();
    }

    private Mono<Void> resume(VaultKeyset keyset) {
        String id = keyset.rotationId();
        return rotations.find(id)
                .switchIfEmpty(Mono.defer(() -> credentials.countNotUnderKey(keyset.primaryKeyId())
                        .flatMap(total -> rotations.insert(newRecord(id, "system", keyset.primaryKeyId(), total)))))
                .flatMap(rotation -> {
                    if (KeyRotationStatus.RUNNING.equals(rotation.state())) {
                        log.info("resuming key rotation {}", id);
                        launch(id);
                        return Mono.empty();
                    }
                    // it recorded its end but stopped before it released the keyset: finish that step
                    log.info("key rotation {} ended {} without releasing the keyset; releasing it", id,
                            rotation.state());
                    List<Integer> recorded = KeyRotationStatus.COMPLETED.equals(rotation.state())
                            && rotation.retiredKeyIds() != null ? rotation.retiredKeyIds() : List.of();
                    // counted again: a key is dropped only while no record uses it
                    return Flux.fromIterable(recorded)
                            .filter(keyId -> keyId != keyset.primaryKeyId())
                            .filterWhen(keyId -> credentials.countUnderKey(keyId).map(count -> count == 0))
                            .collect(TreeSet<Integer>::new, Set::add)
                            .flatMap(retired -> release(keyset, retired))
                            .then();
                });
    }

    private Mono<Void> failOrphans(String holder) {
        return rotations.running()
                .filter(rotation -> !rotation.id().equals(holder))
                // read the keyset again: a rotation begun elsewhere since the first read holds it before its record
                // is written, so seeing the record and then the keyset not held by it means it really was left behind
                .filterWhen(rotation -> keys.current().map(now -> !rotation.id().equals(now.rotationId())))
                .concatMap(rotation -> rotations.finish(rotation.id(), KeyRotationStatus.FAILED, clock.instant(),
                        List.of(),
                        "interrupted: it no longer holds the keyset (the process running it stopped); start a new"
                                + " rotation to finish re-encrypting"))
                .doOnNext(rotation -> log.warn("key rotation {} was left RUNNING without the keyset; marked FAILED",
                        rotation.id()))
                .then();
    }

    /**
     * Stops the rotations this process runs (the service is stopping or pausing): they stay RUNNING in the store,
     * holding the keyset, and {@link #resumeUnfinished} carries them on at the next start, here or elsewhere.
     */
    void stop() {
        running.forEach((id, task) -> {
            if (running.remove(id, task)) {
                log.info("key rotation {} paused: it resumes when the vault starts again", id);
                task.dispose();
            }
        });
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
        return new KeyRotationDocument(id, KeyRotationStatus.RUNNING, requestedBy, clock.instant(), null, primaryKeyId,
                total, 0,
                List.of(), List.of(), null);
    }

    private static RuntimeException alreadyRunning(String rotationId) {
        return Problems.conflict("another key rotation holds the keyset: " + rotationId,
                List.of("wait for it to finish (GET /api/v1/vault/key-rotations/" + rotationId + ") and try again"));
    }

    private void launch(String rotationId) {
        Disposable.Swap task = Disposables.swap();
        if (running.putIfAbsent(rotationId, task) != null) {
            return; // already running in this process
        }
        // The subscription is kept by id, not in a Disposable.Composite: a composite, once disposed by stop(),
        // disposes everything added to it afterwards at once, which left every rotation launched after a
        // stop-and-start (Spring's test context cache pauses and resumes contexts this way) RUNNING for ever.
        task.update(reencryptAll(rotationId)
                .doFinally(signal -> running.remove(rotationId, task))
                .subscribe(
                        status -> log.info("key rotation {} {}: {} re-encrypted, {} failed, keys retired {}",
                                status.id(), status.state(), status.reencrypted(),
                                status.failedCredentialIds().size(), status.retiredKeyIds()),
                        error -> log.error("key rotation {} failed: {}", rotationId, error.toString())));
    }

    private Mono<KeyRotationStatus> reencryptAll(String rotationId) {
        return keys.current()
                .flatMap(keyset -> rotationId.equals(keyset.rotationId())
                        ? pass(rotationId, keyset).then(retireUnused(rotationId))
                        : Mono.error(new IllegalStateException("the keyset is not held by rotation " + rotationId)))
                .onErrorResume(error -> fail(rotationId, error));
    }

    /**
     * Every record under each older key, page by page, then one last sweep for anything else not under the primary
     * (a key the keyset does not know: listed as failed). Paging by key equality needs no sort and no scan (the
     * {@code key} index answers it, on the embedded store too), and a record written meanwhile under an old key by a
     * request that read the keyset just before the rotation began is picked up by the next page.
     */
    private Mono<Void> pass(String rotationId, VaultKeyset keyset) {
        Set<String> failed = ConcurrentHashMap.newKeySet();
        return Flux.fromIterable(keyset.keyIds())
                .filter(keyId -> keyId != keyset.primaryKeyId())
                .concatMap(keyId -> drain(rotationId, keyset, keyId, failed))
                .then(Mono.defer(() -> sweep(rotationId, keyset, null, failed)));
    }

    /** Pages through the records under {@code oldKey} until only those that do not decrypt are left. */
    private Mono<Void> drain(String rotationId, VaultKeyset keyset, int oldKey, Set<String> failed) {
        // the records that failed stay under the old key: ask for that many more, so a page still has work in it
        return credentials.underKey(oldKey, batch + failed.size()).collectList()
                .timeout(stallAfter)
                .flatMap(page -> {
                    List<CredentialDocument> todo = page.stream().filter(r -> !failed.contains(r.id())).toList();
                    return todo.isEmpty() ? Mono.<Void>empty()
                            : reencryptPage(rotationId, keyset, todo, failed)
                                    .then(Mono.defer(() -> drain(rotationId, keyset, oldKey, failed)));
                });
    }

    /** One page of whatever is still not under the primary key, in id order, skipping what already failed. */
    private Mono<Void> sweep(String rotationId, VaultKeyset keyset, String afterId, Set<String> failed) {
        return credentials.notUnderKey(keyset.primaryKeyId(), afterId, batch).collectList()
                .timeout(stallAfter)
                .flatMap(page -> {
                    if (page.isEmpty()) {
                        return Mono.<Void>empty();
                    }
                    List<CredentialDocument> todo = page.stream().filter(r -> !failed.contains(r.id())).toList();
                    return reencryptPage(rotationId, keyset, todo, failed)
                            .then(Mono.defer(() -> sweep(rotationId, keyset, page.get(page.size() - 1).id(), failed)));
                });
    }

    /**
     * Re-encrypts a page in memory (microseconds a record) and writes it back in one bulk round trip of guarded
     * single-record updates, then records the progress.
     */
    private Mono<Void> reencryptPage(String rotationId, VaultKeyset keyset, List<CredentialDocument> page,
                                     Set<String> failed) {
        if (page.isEmpty()) {
            return Mono.empty();
        }
        List<CredentialRecords.Reencrypted> changes = new ArrayList<>(page.size());
        List<String> failedHere = new ArrayList<>();
        for (CredentialDocument record : page) {
            try {
                changes.add(new CredentialRecords.Reencrypted(record, keyset.seal(record.owner(),
                        keyset.open(record.owner(), record.ciphertext())), keyset.primaryKeyId()));
            } catch (GeneralSecurityException e) {
                log.warn("key rotation: credential {} does not decrypt and keeps its key {}", record.id(),
                        record.keyId());
                failedHere.add(record.id());
            }
        }
        failed.addAll(failedHere);
        // a record not written was changed meanwhile by an administrator: under the new key already if the change
        // came after the rotation began, and otherwise picked up again by the next page of its old key
        return credentials.reencryptAll(changes)
                .flatMap(written -> rotations.progress(rotationId, written, failedHere))
                .timeout(stallAfter);
    }

    /**
     * Records the end first and then releases the keyset (retiring the unused keys in the same write): a process
     * that stops in between leaves the keyset held by an ended rotation, which {@link #resume} releases.
     */
    private Mono<KeyRotationStatus> retireUnused(String rotationId) {
        return keys.current().flatMap(keyset -> Flux.fromIterable(keyset.keyIds())
                .filter(id -> id != keyset.primaryKeyId())
                .filterWhen(id -> credentials.countUnderKey(id).map(count -> count == 0))
                .filterWhen(id -> Flux.fromIterable(holders).flatMap(holder -> holder.countUnderKey(id))
                        .reduce(0L, Long::sum).map(count -> count == 0))
                .collect(TreeSet<Integer>::new, Set::add)
                .flatMap(retired -> rotations.finish(rotationId, KeyRotationStatus.COMPLETED, clock.instant(),
                        List.copyOf(retired), null)
                        .flatMap(done -> release(keyset, retired).thenReturn(done))
                        // another process running the same resumed rotation recorded the end first
                        .switchIfEmpty(Mono.defer(() -> rotations.find(rotationId)))))
                .map(KeyRotationDocument::status);
    }

    /** Releases the keyset if this rotation still holds it, without the retired keys; empty if it does not. */
    private Mono<VaultKeyset> release(VaultKeyset held, Set<Integer> retired) {
        return Mono.fromCallable(() -> Keysets.without(held.handle(), retired))
                .flatMap(next -> keys.replace(held, next, null));
    }

    /** Records the failure and releases the keyset; the new primary stays, the old keys stay until a next rotation. */
    private Mono<KeyRotationStatus> fail(String rotationId, Throwable error) {
        log.error("key rotation {} stopped: {}", rotationId, error.toString());
        return rotations.finish(rotationId, KeyRotationStatus.FAILED, clock.instant(), List.of(),
                "stopped before the end: " + reason(error) + "; every record already re-encrypted stays so,"
                        + " nothing is lost; start a new rotation (POST /api/v1/vault/key-rotations) to finish")
                .flatMap(failed -> keys.current()
                        .filter(keyset -> rotationId.equals(keyset.rotationId()))
                        .flatMap(keyset -> release(keyset, Set.of()))
                        .onErrorResume(ignored -> Mono.empty())
                        .thenReturn(failed))
                .switchIfEmpty(Mono.defer(() -> rotations.find(rotationId)))
                .map(KeyRotationDocument::status);
    }

    /** What went wrong, in words fit for an administrator (never an exception message that could quote data). */
    private String reason(Throwable error) {
        if (error instanceof TimeoutException) {
            return "no progress for " + stallAfter.toSeconds() + " s (the database did not answer)";
        }
        if (error instanceof ErrorResponseException problem && problem.getBody().getDetail() != null) {
            return problem.getBody().getDetail();
        }
        if (error instanceof IllegalStateException) {
            return error.getMessage();
        }
        return error.getClass().getSimpleName();
    }
}
