package uk.hallmonitor.monitoring;

import uk.hallmonitor.system.Platform;

/**
 * What the announcements of one post ({@link PostReceived}, {@link PostEdited}) have in common: the post as stored,
 * and the facts about it that listeners route by.
 */
public interface PostAnnouncement {

    /** The post as stored when it was announced. */
    CollectedPost post();

    default String postId() {
        return post().id();
    }

    default String schoolId() {
        return post().schoolId();
    }

    /** The school account it was collected for, or {@code null} for a public mention found by a watch. */
    default String accountId() {
        return post().accountId();
    }

    default Platform platform() {
        return post().platform();
    }

    default PostKind kind() {
        return post().kind();
    }
}
