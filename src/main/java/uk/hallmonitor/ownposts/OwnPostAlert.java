package uk.hallmonitor.ownposts;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.system.Platform;

/**
 * What was found in one of the school accounts' own posts, and what was done about it.
 *
 * @param id         the finding record's id
 * @param schoolId   the school
 * @param accountId  the school account that posted
 * @param postId     Hallmonitor's id of the collected post
 * @param platform   where it was posted
 * @param url        the post on the platform, or {@code null}
 * @param postText   the post's text as collected
 * @param severity   HIGH when a no-publish pupil is named, else MEDIUM
 * @param findings   what was found (names only for readers of the roster)
 * @param checkedAt  when it was checked
 * @param resolution what was done, or {@code null} while open
 * @param resolvedBy who recorded it (username), or {@code null}
 * @param resolvedAt when, or {@code null}
 */
public record OwnPostAlert(String id, String schoolId, String accountId, String postId, Platform platform, String url,
                           String postText, String severity, List<Finding> findings, Instant checkedAt,
                           Resolution resolution, String resolvedBy, Instant resolvedAt) {

    public boolean open() {
        return resolution == null;
    }
}
