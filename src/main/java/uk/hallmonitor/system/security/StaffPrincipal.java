package uk.hallmonitor.system.security;

/** The authenticated principal the security filters place in the context; carries the {@link Caller}. */
public interface StaffPrincipal {

    Caller caller();
}
