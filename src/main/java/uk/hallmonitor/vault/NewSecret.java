package uk.hallmonitor.vault;

/**
 * A secret to store, as given by an administrator. Its {@code toString} never shows the secret.
 *
 * @param secret             the plaintext (required, at most 64 KB)
 * @param kind               what sort of secret it is; {@code null} guesses from the name
 * @param administratorLevel whether it opens an administrator-level login; {@code null} means yes for passwords,
 *                           since a school account's password is the owner's login
 */
public record NewSecret(String secret, SecretKind kind, Boolean administratorLevel) {

    @Override
    public String toString() {
        return "NewSecret[secret=(redacted), kind=" + kind + ", administratorLevel=" + administratorLevel + "]";
    }
}
