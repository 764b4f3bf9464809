package uk.hallmonitor.monitoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import uk.hallmonitor.system.Platform;

/**
 * An account's stored token expires soon, has expired, was revoked, or lacks permissions the connector needs, as the
 * platform said at the daily check. The alerts module tells the account's runners and the school's admins once per
 * account and expiry day ({@link #noticeKey()}).
 *
 * @param accountId  the school account
 * @param schoolId   the school
 * @param platform   the platform
 * @param runnerIds  the account's runners
 * @param expiresAt  when the token expires, or {@code null} when it does not
 * @param words      the state in plain words, with what an admin must do
 * @param missing    permissions the token lacks (may be empty)
 * @param checkedAt  when the platform was asked
 */
public record AccessTokenExpiring(String accountId, String schoolId, Platform platform, List<String> runnerIds,
                                  Instant expiresAt, String words, List<String> missing, Instant checkedAt) {

    public AccessTokenExpiring {
        runnerIds = runnerIds == null ? List.of() : List.copyOf(runnerIds);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /**
     * What makes it the same notice: the account and the expiry day (UTC), or what is missing when the token does
     * not expire, so a new expiry after a reconnect is told again and the same one never twice.
     */
    public String noticeKey() {
        String what = expiresAt != null ? LocalDate.ofInstant(expiresAt, java.time.ZoneOffset.UTC).toString()
                : "never:" + String.join(",", missing.stream().map(m -> m.split(" ")[0]).sorted().toList());
        return "token-expiry:" + accountId + ":" + what;
    }
}
