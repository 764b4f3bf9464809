package uk.hallmonitor.system.security;

/** The login throttle as the staff module sees it: an administrator lifts the locks of a username. */
public interface LoginLocks {

    /** Clears the failed-login counts and locks of the username from every address; returns how many were cleared. */
    int unlock(String username);

    /** Whether the username is locked out from any address now. */
    boolean locked(String username);
}
