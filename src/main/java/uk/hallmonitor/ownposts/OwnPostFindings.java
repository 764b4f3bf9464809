package uk.hallmonitor.ownposts;

import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.web.PageResponse;

/**
 * The findings in the school accounts' own posts as they arrived, and their resolution ("deleted on the platform",
 * "consent confirmed", "not a pupil"). For the school's ADMIN, SLT, DSL, head teacher and moderators, and the
 * runners of the account that posted.
 */
public interface OwnPostFindings {

    /** The school's findings, newest first; {@code open} only those not resolved yet. */
    Mono<PageResponse<OwnPostAlert>> list(Caller caller, String schoolId, boolean open, int page, int size);

    /** One finding. */
    Mono<OwnPostAlert> one(Caller caller, String id);

    /** Records what was done; 409 when it was already resolved. */
    Mono<OwnPostAlert> resolve(Caller caller, String id, Resolution resolution);
}
