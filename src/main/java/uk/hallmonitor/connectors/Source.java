package uk.hallmonitor.connectors;

import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.Platform;

/**
 * What to poll: a school account (its comments, mentions, own posts), or a watch of public mentions (its terms).
 *
 * @param id                the account id or watch id in Hallmonitor (secrets are looked up by account id)
 * @param schoolId          the school
 * @param platform          the platform
 * @param platformAccountId the platform's id of the school account; {@code null} for a watch
 * @param handle            the account's handle; {@code null} for a watch
 * @param terms             watch terms; empty for an account
 * @param connection        connector settings without secrets ({@code baseUrl}, feed {@code url}, ...)
 * @param maxReads          the most posts one poll may read (X charges per post read)
 */
public record Source(String id, String schoolId, Platform platform, String platformAccountId, String handle,
                     List<String> terms, Map<String, String> connection, int maxReads) {

    public Source {
        terms = List.copyOf(terms);
        connection = Map.copyOf(connection);
    }

    public boolean isWatch() {
        return platformAccountId == null;
    }
}
