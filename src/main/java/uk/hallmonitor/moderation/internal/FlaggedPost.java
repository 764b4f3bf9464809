package uk.hallmonitor.moderation.internal;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;

/**
 * A post the classifier flagged, with what routing and the alert text need. {@code text} and {@code url} are
 * {@code null} for a sealed (suspected illegal) post, which is routed by its incident number alone.
 */
record FlaggedPost(String postId, String schoolId, String accountId, String accountHandle, Platform platform,
                   PostKind kind, List<CategoryScore> categories, Severity severity, boolean safeguarding,
                   boolean suspectedIllegal, Instant postedAt, String authorHandle, String text, String url,
                   String incidentNumber) {

    FlaggedPost {
        categories = List.copyOf(categories);
    }

    boolean onSchoolAccount() {
        return accountId != null;
    }
}
