package uk.hallmonitor.vault;

/**
 * The plaintext of one credential, handed out once by a reveal. Its {@code toString} never shows the secret, so a
 * stray log line or exception message cannot leak it.
 *
 * @param secret the plaintext
 */
public record RevealedSecret(String secret) {

    @Override
    public String toString() {
        return "RevealedSecret[secret=(redacted)]";
    }
}
