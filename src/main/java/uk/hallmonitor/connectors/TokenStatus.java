package uk.hallmonitor.connectors;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * What a platform says about an account's stored token (Meta's {@code debug_token}): whether it still works, when it
 * expires, which permissions it carries and which the connector needs but it lacks, and all of that in words.
 *
 * @param valid     whether the platform still accepts the token
 * @param expiresAt when the token expires; {@code null} when it does not
 * @param scopes    the permissions granted
 * @param missing   permissions the connector needs that were not granted, each with what it is for
 * @param words     the state in plain words, e.g. "the Page token expires on 14 January 2027; an admin must reconnect
 *                  the Page before then"
 */
public record TokenStatus(boolean valid, Instant expiresAt, List<String> scopes, List<String> missing,
                          String words) {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    public TokenStatus {
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /**
     * The status in words.
     *
     * @param token     what the token is, e.g. "the Page token"
     * @param reconnect what an admin must do, e.g. "reconnect the Page"
     */
    public static TokenStatus of(boolean valid, Instant expiresAt, List<String> scopes, List<String> missing,
                                 String token, String reconnect, Instant now) {
        StringBuilder words = new StringBuilder();
        if (!valid) {
            words.append(token).append(" is no longer accepted");
            if (expiresAt != null && !expiresAt.isAfter(now)) {
                words.append(" (it expired on ").append(day(expiresAt)).append(')');
            }
            words.append("; an admin must ").append(reconnect);
        } else if (expiresAt == null) {
            words.append(token).append(" does not expire");
        } else if (!expiresAt.isAfter(now)) {
            words.append(token).append(" expired on ").append(day(expiresAt)).append("; an admin must ")
                    .append(reconnect);
        } else {
            words.append(token).append(" expires on ").append(day(expiresAt)).append("; an admin must ")
                    .append(reconnect).append(" before then");
        }
        if (!missing.isEmpty()) {
            words.append(". It lacks ").append(String.join(", ", missing)).append(": an admin must ").append(reconnect)
                    .append(" and grant ").append(missing.size() == 1 ? "it" : "them");
        }
        return new TokenStatus(valid, expiresAt, scopes, missing, words.toString());
    }

    /** A day as people in the school read it, e.g. "14 January 2027" (UK time). */
    public static String day(Instant at) {
        return DAY.format(at);
    }
}
