package uk.hallmonitor.system.security;

import org.springframework.stereotype.Component;

/** Whether a login is locked after too many failed attempts, and the administrator's way to lift the lock. */
@Component
public class LoginLocks {

    private final LoginThrottle throttle;

    LoginLocks(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    public boolean locked(String username) {
        return throttle.locked(username);
    }

    /** Forgets the failed attempts, so the person can log in again at once. */
    public void unlock(String username) {
        throttle.succeeded(username);
    }
}
