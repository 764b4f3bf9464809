package uk.hallmonitor.moderation;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.system.Platform;

/**
 * A post was classified as needing a person and entered the moderation queue; published after the verdict is stored.
 *
 * @param postId           the post
 * @param schoolId         its school
 * @param accountId        the school account, or {@code null} for a public mention
 * @param platform         where it was posted
 * @param categories       category names flagged, highest first
 * @param severity         classifier severity name
 * @param safeguarding     whether the DSL was told at once
 * @param suspectedIllegal whether the post is sealed under R7
 * @param flaggedAt        when
 */
public record PostFlagged(String postId, String schoolId, String accountId, Platform platform,
                          List<String> categories, String severity, boolean safeguarding, boolean suspectedIllegal,
                          Instant flaggedAt) {
}
