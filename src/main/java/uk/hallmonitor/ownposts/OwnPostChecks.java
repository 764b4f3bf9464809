package uk.hallmonitor.ownposts;

import java.util.List;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;

/**
 * Checks a draft of a school post before it is published: pupils' names against the school's roster, and personal
 * data. For the school's ADMIN, SLT, DSL, head teacher and moderators, and anyone who runs one of its accounts.
 */
public interface OwnPostChecks {

    /** The findings in the text, in order; a pupil's name is given only to readers of the roster. */
    Mono<List<Finding>> check(Caller caller, String schoolId, String text);

    /** Whether the caller may read the school's roster, and so see pupils' names in findings. */
    static boolean maySeeNames(Caller caller, String schoolId) {
        return caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL);
    }
}
