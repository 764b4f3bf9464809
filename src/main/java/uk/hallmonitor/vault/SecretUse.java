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
}
