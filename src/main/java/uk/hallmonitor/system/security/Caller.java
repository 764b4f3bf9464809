package uk.hallmonitor.system.security;

import java.util.Arrays;
import java.util.Set;

/**
 * Who is making the current request: a staff member of one school, or a trust-wide administrator.
 *
 * @param staffId   the staff record of the caller
 * @param username  the login name
 * @param schoolId  the caller's school; {@code null} for a trust-wide administrator without a school
 * @param roles     the roles held ({@link Role#ADMIN} is trust-wide, the others apply in {@code schoolId})
 */
public record Caller(String staffId, String username, String schoolId, Set<Role> roles) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    /** Whether the caller may see records of the given school at all (trust-wide roles see every school). */
    public boolean canSee(String school) {
        return isAdmin() || (schoolId != null && schoolId.equals(school));
    }

    /** Whether the caller holds any of the roles in the given school; ADMIN counts only when listed. */
    public boolean hasAnyIn(String school, Role... wanted) {
        for (Role role : wanted) {
            if (role == Role.ADMIN && isAdmin()) {
                return true;
            }
            if (role != Role.ADMIN && roles.contains(role) && schoolId != null && schoolId.equals(school)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the caller holds any of the roles, in whatever school they belong to. */
    public boolean hasAny(Role... wanted) {
        return Arrays.stream(wanted).anyMatch(roles::contains);
    }
}
