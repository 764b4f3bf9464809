package uk.hallmonitor.monitoring.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.web.Problems;
import uk.hallmonitor.system.web.Problems.FieldError;

/**
 * The body of {@code POST /api/v1/watches}. Platform is read as text so that an unknown one is a problem naming the
 * field, not a parse failure.
 *
 * @param schoolId   the school whose public mentions to watch
 * @param platform   where to search ({@code X}, {@code BLUESKY}, {@code MASTODON}, {@code RSS}, ...)
 * @param terms      1 to 50 search terms of 2 to 100 characters: school names, nicknames, head teacher, hashtags
 * @param connection optional connector settings without secrets, e.g. {@code url} of a news feed or {@code baseUrl}
 */
record WatchRequest(String schoolId, String platform, List<String> terms, Map<String, String> connection) {

    static final int MAX_TERMS = 50;
    static final int MIN_TERM = 2;
    static final int MAX_TERM = 100;
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|secret|token|apikey|passphrase).*");

    /** The checked watch, or a 400 listing every field that is wrong; URLs must pass the outbound policy. */
    Checked check(OutboundPolicy outbound) {
        List<FieldError> errors = new ArrayList<>();
        if (schoolId == null || schoolId.isBlank()) {
            errors.add(new FieldError("schoolId", "name the school to watch for"));
        }
        Platform chosen = null;
        if (platform == null || platform.isBlank()) {
            errors.add(new FieldError("platform", "name the platform to search, one of " + List.of(Platform.values())));
        } else {
            try {
                chosen = Platform.valueOf(platform.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                errors.add(new FieldError("platform", "unknown platform '" + cut(platform) + "'; use one of "
                        + List.of(Platform.values())));
            }
        }
        Set<String> kept = new LinkedHashSet<>();
        if (terms == null || terms.isEmpty()) {
            errors.add(new FieldError("terms", "give between 1 and " + MAX_TERMS + " search terms"));
        } else if (terms.size() > MAX_TERMS) {
            errors.add(new FieldError("terms", "give at most " + MAX_TERMS + " search terms, not " + terms.size()));
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < terms.size(); i++) {
                String term = terms.get(i) == null ? "" : terms.get(i).strip();
                if (term.isEmpty()) {
                    errors.add(new FieldError("terms[" + i + "]", "a term is empty"));
                } else if (term.length() < MIN_TERM || term.length() > MAX_TERM) {
                    errors.add(new FieldError("terms[" + i + "]",
                            "a term has " + MIN_TERM + " to " + MAX_TERM + " characters, not " + term.length()));
                } else if (term.chars().anyMatch(Character::isISOControl)) {
                    errors.add(new FieldError("terms[" + i + "]", "a term cannot hold control characters"));
                } else if (seen.add(term.toLowerCase(Locale.ROOT))) {
                    kept.add(term);
                }
            }
        }
        Map<String, String> settings = new LinkedHashMap<>();
        if (connection != null) {
            if (connection.size() > 10) {
                errors.add(new FieldError("connection", "at most 10 settings"));
            }
            connection.forEach((key, value) -> {
                String field = "connection." + cut(String.valueOf(key));
                if (key == null || !KEY.matcher(key).matches()) {
                    errors.add(new FieldError(field, "setting names are letters, digits and _"));
                } else if (SECRET_KEY.matcher(key).matches()) {
                    errors.add(new FieldError(field, "secrets belong in the vault, not in a watch"));
                } else if (value == null || value.isBlank() || value.length() > 2000) {
                    errors.add(new FieldError(field, "give a value of 1 to 2000 characters"));
                } else if (key.toLowerCase(Locale.ROOT).endsWith("url") && !value.startsWith("https://")
                        && !value.startsWith("http://")) {
                    errors.add(new FieldError(field, "give an http:// or https:// address"));
                } else if (key.toLowerCase(Locale.ROOT).endsWith("url") && outbound.refusal(value).isPresent()) {
                    errors.add(new FieldError(field, outbound.refusal(value).get()));
                } else {
                    settings.put(key, value.strip());
                }
            });
        }
        if (!errors.isEmpty()) {
            throw Problems.invalid(errors);
        }
        return new Checked(schoolId.strip(), chosen, List.copyOf(kept), Map.copyOf(settings));
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** A watch request that passed {@link #check()}. */
    record Checked(String schoolId, Platform platform, List<String> terms, Map<String, String> connection) {
    }
}
