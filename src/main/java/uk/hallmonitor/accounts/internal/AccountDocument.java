package uk.hallmonitor.accounts.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.system.Platform;

/** A school account as stored, with its lifecycle history. */
@Document("accounts")
public record AccountDocument(@Id String id, String schoolId, String applicationId, Platform platform, String handle,
                       String visibility, String platformAccountId, Map<String, String> connection,
                       AccountStatus status, List<String> runnerIds, Instant createdAt, Instant activatedAt,
                       Instant lastActivityAt, Instant closedAt, String closeReason, ConnectorHealth health,
                       List<Change> history, long revision) {

    /** One change of the account: who, when, what, why. */
    public record Change(String action, String by, Instant at, String note, AccountStatus status) {
    }
}
