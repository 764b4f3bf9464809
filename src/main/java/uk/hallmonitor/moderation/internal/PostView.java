package uk.hallmonitor.moderation.internal;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.sla.PostClock;
import uk.hallmonitor.system.Platform;

/**
 * A post as the moderation screens show it: the post, its verdict, its place in the queue and what was done. A
 * sealed post (suspected illegal content) shows no text, no author and no link to anyone.
 */
public record PostView(String id, String schoolId, String accountId, String watchId, Platform platform,
                       PostKind kind, String platformPostId, String authorHandle, String text, String url,
                       boolean sealed, boolean availableOnPlatform, Instant postedAt, Instant collectedAt,
                       boolean flagged, QueueStatus status, long version, VerdictView verdict,
                       List<ActionRecord> actions, String incidentNumber, PostClock clock) {

    /**
     * The classifier's verdict.
     *
     * @param offensive        whether offensive
     * @param score            probability of being offensive
     * @param categories       {@code [{name, score}]}, highest first
     * @param severity         how urgent
     * @param safeguarding     whether the DSL was told
     * @param suspectedIllegal whether sealed under R7
     * @param modelVersion     which models
     * @param explanation      what drove it (empty for sealed posts: the terms would repeat the content)
     * @param classifiedAt     when
     */
    public record VerdictView(boolean offensive, double score, List<CategoryScore> categories, Severity severity,
                              boolean safeguarding, boolean suspectedIllegal, String modelVersion,
                              List<String> explanation, Instant classifiedAt) {
    }

    static PostView of(PostVerdict verdict, CollectedPost post, PostClock clock) {
        boolean sealed = verdict.suspectedIllegal();
        boolean shown = !sealed && post != null;
        return new PostView(verdict.postId(), verdict.schoolId(), verdict.accountId(), verdict.watchId(),
                verdict.platform(), verdict.kind(), verdict.platformPostId(), shown ? post.authorHandle() : null,
                shown ? post.text() : null, shown ? post.url() : null, sealed, post != null, verdict.postedAt(),
                verdict.collectedAt(), verdict.flagged(), verdict.status(), verdict.version(),
                new VerdictView(verdict.offensive(), verdict.score(), verdict.categories(), verdict.severity(),
                        verdict.safeguarding(), verdict.suspectedIllegal(), verdict.modelVersion(),
                        verdict.explanation(), verdict.classifiedAt()),
                verdict.actions(), verdict.incidentNumber(), clock);
    }
}
