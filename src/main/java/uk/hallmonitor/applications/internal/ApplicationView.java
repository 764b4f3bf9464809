package uk.hallmonitor.applications.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import uk.hallmonitor.system.Platform;

/**
 * An application as {@code /api/v1/applications} answers it: every field of the stored {@link AccountApplication},
 * unchanged, and beside {@code runnerIds} the runners by name ({@code runners: [{id, name}]}, in the same order), so
 * that a client need not look each one up.
 */
public record ApplicationView(String id, String schoolId, String applicantId, String applicantName, Platform platform,
                              String handle, String aim, String audience, String promotion, List<String> runnerIds,
                              List<Runner> runners, String visibility, ApplicationStatus status,
                              List<AccountApplication.Step> history, Instant createdAt, Instant updatedAt,
                              long revision) {

    /** A runner: the member of staff's id and name ({@code null} name when the school no longer lists them). */
    public record Runner(String id, String name) {
    }

    static ApplicationView of(AccountApplication application, Map<String, String> names) {
        List<String> ids = application.runnerIds() == null ? List.of() : application.runnerIds();
        return new ApplicationView(application.id(), application.schoolId(), application.applicantId(),
                application.applicantName(), application.platform(), application.handle(), application.aim(),
                application.audience(), application.promotion(), application.runnerIds(),
                ids.stream().map(id -> new Runner(id, names.get(id))).toList(), application.visibility(),
                application.status(), application.history(), application.createdAt(), application.updatedAt(),
                application.revision());
    }
}
