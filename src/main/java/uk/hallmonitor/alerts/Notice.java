package uk.hallmonitor.alerts;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import uk.hallmonitor.system.security.Role;

/**
 * Something to tell named staff or everyone holding some roles in a school.
 *
 * @param schoolId  the school whose staff are told (and whose webhooks are used)
 * @param roles     roles whose active holders in the school are told, may be empty
 * @param staffIds  staff told by id, may be empty
 * @param subject   a short subject line, no secrets and no post content
 * @param body      plain text
 * @param dedupKey  what makes it the same notice, e.g. {@code sla-reminder:CLOCK:PT4H}; a second notice with the
 *                  same key reaches nobody twice
 * @param urgent    also post to the school's Teams and Slack webhooks
 */
public record Notice(String schoolId, Set<Role> roles, List<String> staffIds, String subject, String body,
                     String dedupKey, boolean urgent) {

    public Notice {
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(dedupKey, "dedupKey");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        staffIds = staffIds == null ? List.of() : List.copyOf(staffIds);
    }

    /** A notice to everyone holding one of the roles in the school. */
    public static Notice toRoles(String schoolId, Set<Role> roles, String subject, String body, String dedupKey) {
        return new Notice(schoolId, roles, List.of(), subject, body, dedupKey, false);
    }

    /** A notice to named staff. */
    public static Notice toStaff(String schoolId, List<String> staffIds, String subject, String body,
                                 String dedupKey) {
        return new Notice(schoolId, Set.of(), staffIds, subject, body, dedupKey, false);
    }
}
