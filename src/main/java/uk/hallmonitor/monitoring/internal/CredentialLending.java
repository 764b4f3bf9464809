package uk.hallmonitor.monitoring.internal;

import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.system.Platform;

/**
 * Whether a watch may borrow the credentials of the account its connection names ({@code credentialsAccountId}):
 * only an ACTIVE account of the watch's own school on the same platform lends. Checked when the watch is saved and
 * again before every poll, so an account that closes, is suspended or moves school stops lending at once.
 */
final class CredentialLending {

    /** The connection setting naming the lending account (the connectors read the same key). */
    static final String KEY = "credentialsAccountId";
    /** The field a refusal names. */
    static final String FIELD = "connection." + KEY;

    private CredentialLending() {
    }

    /** The lending account's id, or {@code null} when the connection borrows nothing. */
    static String lender(Map<String, String> connection) {
        return connection == null ? null : connection.get(KEY);
    }

    /** Why the account may not lend to a watch of the school on the platform, or empty when it may. */
    static Mono<Optional<String>> refusal(AccountRegister register, String schoolId, Platform platform,
                                          String lenderId) {
        String rule = "a watch may borrow the credentials only of an ACTIVE account of its own school (" + schoolId
                + ") on " + platform;
        // an account of another school gets the same answer as a missing one: ids of other schools reveal nothing
        return register.account(lenderId)
                .map(account -> {
                    if (!schoolId.equals(account.schoolId())) {
                        return Optional.of(rule + "; there is no such account " + lenderId);
                    }
                    if (account.platform() != platform) {
                        return Optional.of(rule + "; account " + lenderId + " is on " + account.platform());
                    }
                    if (account.status() != AccountStatus.ACTIVE) {
                        return Optional.of(rule + "; account " + lenderId + " is " + account.status());
                    }
                    return Optional.<String>empty();
                })
                .defaultIfEmpty(Optional.of(rule + "; there is no such account " + lenderId));
    }
}
