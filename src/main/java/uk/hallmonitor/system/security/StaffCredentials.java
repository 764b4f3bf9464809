package uk.hallmonitor.system.security;

/**
 * What the security filters need to know of a login: who it is, the stored password hash, and whether they may
 * still log in.
 */
public record StaffCredentials(Caller caller, String passwordHash, boolean active) {
}
