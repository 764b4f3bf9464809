package uk.hallmonitor.accounts;

import java.time.Instant;
import java.util.List;

/**
 * What the platform said, at the last daily check, about the account's stored token (Facebook and Instagram:
 * Meta's {@code debug_token}); part of the account's {@link ConnectorHealth}.
 *
 * @param checkedAt when the platform was asked
 * @param valid     whether the platform still accepts the token
 * @param expiresAt when it expires; {@code null} when it does not
 * @param scopes    the permissions granted
 * @param missing   permissions the connector needs that are not granted, each with what it is for
 * @param words     the state in plain words, e.g. "the Page token expires on 14 January 2027; an admin must reconnect
 *                  the Page before then"
 */
public record TokenHealth(Instant checkedAt, boolean valid, Instant expiresAt, List<String> scopes,
                          List<String> missing, String words) {

    public TokenHealth {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
