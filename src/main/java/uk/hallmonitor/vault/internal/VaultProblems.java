package uk.hallmonitor.vault.internal;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.Problems.FieldError;

/** The vault's own RFC 9457 problems; none of them ever carries a secret, a key or a ciphertext. */
final class VaultProblems {

    private VaultProblems() {
    }

    /** 503: the keyset could not be opened at start, so no secret can be stored or read until that is fixed. */
    static ErrorResponseException locked(String detail) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "Vault locked", detail, Map.of());
    }

    /** 500: a stored ciphertext does not decrypt under this record's owner and the current keyset. */
    static ErrorResponseException undecryptable(String accountId, String name) {
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Credential cannot be decrypted",
                "the stored ciphertext of credential '" + name + "' of account " + accountId + " does not decrypt"
                        + " with the vault's keys: it was altered, copied from another record, or encrypted under a"
                        + " key that is no longer in the keyset. Store the secret again to replace it.",
                Map.of("accountId", accountId, "name", name));
    }

    /** 500: data sealed for another module does not decrypt; the detail names what, never the data. */
    static ErrorResponseException unreadable(String detail) {
        return Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "Sealed data cannot be decrypted", detail
                + ". Import it again to replace it.", Map.of());
    }

    /** 413 naming the field. */
    static ErrorResponseException tooLarge(String field, int limit) {
        return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "Secret too large",
                field + ": must be at most " + limit + " bytes (UTF-8)",
                Map.of("errors", List.of(new FieldError(field, "must be at most " + limit + " bytes (UTF-8)"))));
    }
}
