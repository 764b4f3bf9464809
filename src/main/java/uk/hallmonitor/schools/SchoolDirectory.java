package uk.hallmonitor.schools;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Role;

/** Read access to schools and staff for the other modules. */
public interface SchoolDirectory {

    /** The school, or empty when there is none with that id. */
    Mono<SchoolView> school(String schoolId);

    /** Every school of the trust, in name order. */
    Flux<SchoolView> schools();

    /** The staff member, or empty. */
    Mono<StaffView> staff(String staffId);

    /** Active staff of the school holding the role (for ADMIN: every active trust-wide administrator). */
    Flux<StaffView> staffWithRole(String schoolId, Role role);
}
