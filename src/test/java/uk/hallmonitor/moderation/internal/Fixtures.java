package uk.hallmonitor.moderation.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import uk.hallmonitor.classification.Category;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.schools.StaffView;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.security.Role;

/** Small builders shared by the moderation unit tests. */
final class Fixtures {

    static final Instant NOON = Instant.parse("2026-11-23T12:00:00Z");

    private Fixtures() {
    }

    static StaffView staff(String id, Role role) {
        return new StaffView(id, "school-1", "Person " + id, id + "@school.example", id, Set.of(role), true, true);
    }

    static FlaggedPost post(String accountId, Severity severity, boolean safeguarding, Category... categories) {
        List<CategoryScore> scores = java.util.Arrays.stream(categories).map(c -> new CategoryScore(c, 0.9)).toList();
        return new FlaggedPost("post-1", "school-1", accountId, accountId == null ? null : "ourschool", Platform.X,
                accountId == null ? PostKind.PUBLIC_MENTION : PostKind.COMMENT, scores, severity, safeguarding,
                false, NOON, "someone", "you are all idiots see http://bad.example", "https://x.com/p/1", null);
    }

    static ModerationProperties properties() {
        return new ModerationProperties("https://hm.example/queue/", Duration.ofSeconds(30), Duration.ofMinutes(10), 2,
                "seal.json", Duration.ZERO, Duration.ofMinutes(15), Duration.ofMinutes(60), Duration.ofSeconds(30),
                false);
    }
}
