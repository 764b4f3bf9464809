package uk.hallmonitor.system.security;

import java.util.Optional;

/** The passwords policy 004 asks for: at least 8 characters including a number (and at most 128). */
public final class PasswordPolicy {

    private PasswordPolicy() {
    }

    /** What is wrong with the password, or empty when it meets the policy. */
    public static Optional<String> problem(String password) {
        if (password == null || password.length() < 8) {
            return Optional.of("must be at least 8 characters long");
        }
        if (password.length() > 128) {
            return Optional.of("must be at most 128 characters long");
        }
        if (password.chars().noneMatch(Character::isDigit)) {
            return Optional.of("must contain at least one number");
        }
        return Optional.empty();
    }
}
