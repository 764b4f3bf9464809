package uk.hallmonitor.vault;

/**
 * Whether a stored password met the password policy (policy 004: 8 or more characters with a number) when it was
 * set; secrets other than passwords are {@code NOT_APPLICABLE}.
 *
 * @param result  {@code PASSED}, {@code FAILED} or {@code NOT_APPLICABLE}
 * @param message what is wrong, or {@code null}
 */
public record PolicyCheck(String result, String message) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";
    public static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    /** Checks a secret of the given kind against the policy without keeping it. */
    public static PolicyCheck of(SecretKind kind, String secret) {
        if (kind != SecretKind.PASSWORD) {
            return new PolicyCheck(NOT_APPLICABLE, null);
        }
        if (secret.codePointCount(0, secret.length()) < 8) {
            return new PolicyCheck(FAILED, "shorter than 8 characters; policy 004 asks for 8 or more with a number");
        }
        if (secret.chars().noneMatch(Character::isDigit)) {
            return new PolicyCheck(FAILED,
                    "contains no number; policy 004 asks for 8 or more characters with a number");
        }
        return new PolicyCheck(PASSED, null);
    }
}
