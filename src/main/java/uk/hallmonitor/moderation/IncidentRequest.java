package uk.hallmonitor.moderation;

import java.util.List;

/**
 * What moderation asks the incident log to open.
 *
 * @param sourceKey what makes it the same request, e.g. {@code post:ID:escalated}
 * @param schoolId  the school
 * @param category  the category (a classifier category name or {@code SUSPECTED_ILLEGAL})
 * @param severity  the classifier severity name
 * @param postIds   the posts concerned
 * @param actor     who asked ({@code system} for automatic ones)
 * @param note      why, never the content of a suspected illegal post
 * @param owner     the staff id of who leads on it (the DSL for automatic safeguarding incidents), or {@code null}
 */
public record IncidentRequest(String sourceKey, String schoolId, String category, String severity,
                              List<String> postIds, String actor, String note, String owner) {

    public IncidentRequest {
        postIds = List.copyOf(postIds);
    }

    /** A request without an owner (a moderator's escalation: the DSL or SLT assign one). */
    public IncidentRequest(String sourceKey, String schoolId, String category, String severity, List<String> postIds,
                           String actor, String note) {
        this(sourceKey, schoolId, category, severity, postIds, actor, note, null);
    }
}
