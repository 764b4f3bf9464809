package uk.hallmonitor.vault;

/**
 * A session a connector keeps between calls (a Bluesky access and refresh token pair, say), as read from the vault.
 * The revision guards the next write: a session is replaced only by someone who read the one it replaces.
 *
 * @param value    the session, or {@code null} when none is kept or it no longer opens (a retired key, an altered
 *                 record): the connector then starts a new session and writes it at this revision
 * @param revision the revision read; {@code 0} when no record exists
 */
public record HeldSession(String value, long revision) {

    /** Nothing kept yet. */
    public static final HeldSession NONE = new HeldSession(null, 0);

    @Override
    public String toString() {
        return "HeldSession[revision=" + revision + (value == null ? ", empty]" : ", (redacted)]");
    }
}
