package uk.hallmonitor.vault;

import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The narrow door through which connectors use an account's secrets: just in time, for the length of one call,
 * never kept in long-lived objects, never logged.
 */
public interface SecretUse {

    /**
     * Decrypts the named secrets of the account, hands them to {@code use}, and forgets them when its Mono ends.
     * Missing names are absent from the map; the caller decides whether it can work without them.
     */
    <T> Mono<T> withSecrets(String accountId, java.util.Set<String> names,
                            java.util.function.Function<Map<String, String>, Mono<T>> use);

    /**
     * The session the connector keeps for the account under {@code name} (e.g. {@code bluesky.session}), sealed like
     * every other secret and bound to school, account and name. Sessions are a connector's own state: the credentials
     * API neither lists nor reveals them. Emits {@link HeldSession#NONE} when none is kept.
     */
    Mono<HeldSession> heldSession(String accountId, String name);

    /**
     * Keeps a new session if the stored one is still at {@code expectedRevision} ({@code 0}: none stored); a single
     * compare-and-set write, audited. Emits {@code false}, changing nothing, when another caller (another instance
     * refreshing the same session) wrote first: the caller then reads the newer session instead of overwriting it.
     */
    Mono<Boolean> keepSession(String accountId, String name, long expectedRevision, String value);
}
