package uk.hallmonitor.vault;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;

/**
 * The credential vault for people: store, list, reveal with a reason, and rotate keys. Every method checks the
 * caller's right on the account (an account in another school is reported as unknown) and audits what it did.
 */
public interface CredentialVault {

    /** Stores or replaces a secret of the account (ADMIN only); a replacement counts as a credential rotation. */
    Mono<CredentialMetadata> put(Caller caller, String accountId, String name, NewSecret secret);

    /** Metadata of every credential of the account (ADMIN, the school's head teacher, the account's runners). */
    Flux<CredentialMetadata> list(Caller caller, String accountId);

    /**
     * The plaintext, once, for a written reason (ADMIN; the school's head teacher as break-glass, which notifies
     * SLT and the DSL; a runner when the school allows it). Audited.
     */
    Mono<RevealedSecret> reveal(Caller caller, String accountId, String name, String reason);

    /** Starts a key rotation in the background (ADMIN); a second one while the first runs is refused with 409. */
    Mono<KeyRotationStatus> rotateKeys(Caller caller);

    /** Progress of a key rotation (ADMIN). */
    Mono<KeyRotationStatus> keyRotation(Caller caller, String rotationId);

    /** The latest key rotations, newest first, at most {@code limit} (ADMIN). */
    reactor.core.publisher.Flux<KeyRotationStatus> keyRotations(Caller caller, int limit);
}
