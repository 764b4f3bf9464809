package uk.hallmonitor.applications;

import java.time.Instant;
import java.util.List;
import uk.hallmonitor.system.Platform;

/** SLT approved an application: the account it describes is to be opened for the administrators to create. */
public record ApplicationApproved(String applicationId, String schoolId, Platform platform, String handle,
                                  String visibility, List<String> runnerIds, String approvedBy, Instant approvedAt) {
}
