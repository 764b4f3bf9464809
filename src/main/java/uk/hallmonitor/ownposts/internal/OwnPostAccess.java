package uk.hallmonitor.ownposts.internal;

import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Problems;

/** Who may do what with own-post checks: roster readers, the school's moderators and head teacher, and runners. */
@Component
record OwnPostAccess(AccountRegister accounts) {

    /** Fails with 404 for a school the caller cannot see, 403 for one they see but may not read the roster of. */
    static Mono<Void> rosterReader(Caller caller, String schoolId) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        if (!OwnPostChecks.maySeeNames(caller, schoolId)) {
            return Mono.error(Problems.forbidden("only the school's SLT, the DSL or an administrator can import or"
                    + " read the pupil roster"));
        }
        return Mono.empty();
    }

    /** ADMIN, the school's SLT, DSL, deputy DSL, head teacher or moderators, or a runner of one of its accounts. */
    Mono<Void> schoolWorker(Caller caller, String schoolId) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        if (caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER,
                Role.MODERATOR)) {
            return Mono.empty();
        }
        return accounts.ofSchool(schoolId).any(account -> account.runnerIds().contains(caller.staffId()))
                .flatMap(runner -> runner ? Mono.<Void>empty() : Mono.error(Problems.forbidden(
                        "only those who run one of the school's accounts, its moderators, SLT, the DSL or an"
                                + " administrator can check the school's posts")));
    }

    /** As {@link #schoolWorker}, but a runner only of the account that posted. */
    Mono<Void> findingReader(Caller caller, String schoolId, String accountId) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("own-post finding", "of school " + schoolId));
        }
        if (caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT, Role.DSL, Role.DEPUTY_DSL, Role.HEADTEACHER,
                Role.MODERATOR)) {
            return Mono.empty();
        }
        return accounts.account(accountId).map(account -> account.runnerIds().contains(caller.staffId()))
                .defaultIfEmpty(false)
                .flatMap(runner -> runner ? Mono.<Void>empty() : Mono.error(Problems.forbidden(
                        "only the account's runners, the school's moderators, SLT, the DSL or an administrator can"
                                + " see and resolve own-post findings")));
    }
}
