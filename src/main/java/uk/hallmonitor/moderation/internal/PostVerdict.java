package uk.hallmonitor.moderation.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.classification.Verdict;
import uk.hallmonitor.monitoring.CollectedPost;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;

/**
 * The stored verdict on one post (collection {@code verdicts}, keyed by post id) and, when flagged, its place in
 * the moderation queue. {@code version} guards moderator actions; {@code routedAt} is set once every alert of the
 * post is in the outbox, so a crash between classifying and routing is finished by the sweep.
 */
@Document("verdicts")
public record PostVerdict(@Id String postId, String schoolId, String accountId, String watchId, Platform platform,
                   PostKind kind, String platformPostId, Instant postedAt, Instant collectedAt, Instant classifiedAt,
                   boolean offensive, double score, List<CategoryScore> categories, Severity severity,
                   boolean safeguarding, boolean suspectedIllegal, String modelVersion, List<String> explanation,
                   boolean flagged, QueueStatus status, long version, List<ActionRecord> actions,
                   String incidentNumber, String sealed, Instant loggedAt, Instant routedAt) {

    public PostVerdict {
        categories = categories == null ? List.of() : List.copyOf(categories);
        explanation = explanation == null ? List.of() : List.copyOf(explanation);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** Whether the classifier's verdict puts the post in front of a person. */
    static boolean flags(Verdict verdict) {
        return verdict.offensive() || verdict.safeguarding() || verdict.suspectedIllegal();
    }

    static PostVerdict of(CollectedPost post, Verdict verdict, Instant now, String sealed) {
        boolean flagged = flags(verdict);
        return new PostVerdict(post.id(), post.schoolId(), post.accountId(), post.watchId(), post.platform(),
                post.kind(), post.platformPostId(), post.postedAt(), post.collectedAt(), now, verdict.offensive(),
                verdict.score(), verdict.categories(), verdict.severity(), verdict.safeguarding(),
                verdict.suspectedIllegal(), verdict.modelVersion(),
                verdict.suspectedIllegal() ? List.of() : verdict.explanation(), flagged,
                flagged ? QueueStatus.OPEN : null, 0, List.of(), null, sealed, null, flagged ? null : now);
    }

    /** The same verdict with every alert recorded at {@code at}: stored so, the sweep does not route it again. */
    PostVerdict routed(Instant at) {
        return new PostVerdict(postId, schoolId, accountId, watchId, platform, kind, platformPostId, postedAt,
                collectedAt, classifiedAt, offensive, score, categories, severity, safeguarding, suspectedIllegal,
                modelVersion, explanation, flagged, status, version, actions, incidentNumber, sealed, loggedAt, at);
    }

    /** The same verdict with the incident opened for it. */
    PostVerdict withIncident(String number) {
        return new PostVerdict(postId, schoolId, accountId, watchId, platform, kind, platformPostId, postedAt,
                collectedAt, classifiedAt, offensive, score, categories, severity, safeguarding, suspectedIllegal,
                modelVersion, explanation, flagged, status, version, actions, number, sealed, loggedAt, routedAt);
    }

    public List<String> categoryNames() {
        return categories.stream().map(c -> c.name().name()).toList();
    }
}
