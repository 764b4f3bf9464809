package uk.hallmonitor.system.security;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Looks up logins for the security filters; implemented by the module that owns staff records. */
public interface StaffLogins {

    /** The login with this username, or empty. */
    Mono<StaffCredentials> byUsername(String username);

    /** The login owning the personal API token whose SHA-256 hash (hex) is given, or empty. */
    Mono<StaffCredentials> byApiTokenHash(String tokenHash);

    /** The login with this staff id, or empty (used to end sessions of leavers at once). */
    Mono<StaffCredentials> byStaffId(String staffId);

    /** Every login whose staff record has this email address (any case), active or not (OpenID Connect sign-in). */
    default Flux<StaffCredentials> byEmail(String email) {
        return Flux.empty();
    }
}
