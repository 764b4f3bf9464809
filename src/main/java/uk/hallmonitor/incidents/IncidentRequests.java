package uk.hallmonitor.incidents;

import java.util.List;

/** Request bodies of the incident log's endpoints. */
final class IncidentRequests {

    private IncidentRequests() {
    }

    /** {@code POST /api/v1/incidents}. */
    record Create(String schoolId, String category, String severity, String status, String owner,
                  List<String> postIds, String notes) {
    }

    /** {@code POST /api/v1/incidents/{id}/transitions}. */
    record Transition(String to, String note, String outcome, String owner) {
    }

    /** {@code POST /api/v1/incidents/{id}/notes}. */
    record NewNote(String text) {
    }
}
