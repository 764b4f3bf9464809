package uk.hallmonitor.vault;

import java.time.Instant;

/**
 * Why a credential is due to be changed.
 *
 * @param code   {@code AGE} (older than the policy allows) or {@code LEAVER} (someone who knew it left)
 * @param detail the reason in words, e.g. {@code "J. Smith, who had access, left on 2026-11-20"}
 * @param since  when the reason was found
 */
public record RotationReason(String code, String detail, Instant since) {
}
