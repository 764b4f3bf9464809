package uk.hallmonitor.schools;

import java.time.Instant;
import java.util.Set;
import uk.hallmonitor.system.security.Role;

/**
 * What other modules need to know of a staff member.
 *
 * @param id       staff id
 * @param schoolId their school ({@code null} for a trust-wide administrator)
 * @param name     full name
 * @param email    where alerts go; may be {@code null}
 * @param username login name
 * @param roles    roles held
 * @param active   {@code false} once they have left
 * @param current  whether they hold a current policy acknowledgement and current training (may run accounts)
 * @param rolesGrantedAt when they were given the roles they hold (their record's creation: roles are set then);
 *                 {@code null} when unknown
 */
public record StaffView(String id, String schoolId, String name, String email, String username, Set<Role> roles,
                        boolean active, boolean current, Instant rolesGrantedAt) {

    /** A staff member whose role grant time is not known. */
    public StaffView(String id, String schoolId, String name, String email, String username, Set<Role> roles,
                     boolean active, boolean current) {
        this(id, schoolId, name, email, username, roles, active, current, null);
    }
}
