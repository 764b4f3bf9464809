package uk.hallmonitor.applications.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.system.Platform;

/** A business case for a new account, with its whole history. */
@Document("applications")
public record AccountApplication(@Id String id, String schoolId, String applicantId, String applicantName, Platform platform,
                          String handle, String aim, String audience, String promotion, List<String> runnerIds,
                          String visibility, ApplicationStatus status, List<Step> history, Instant createdAt,
                          Instant updatedAt, long revision) {

    /** One step: who did what, when, with what note, and the status after it. */
    public record Step(String action, String by, String byName, Instant at, String note, ApplicationStatus status) {
    }
}
