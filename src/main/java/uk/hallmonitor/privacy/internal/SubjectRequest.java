package uk.hallmonitor.privacy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;
import uk.hallmonitor.privacy.Subject;
import uk.hallmonitor.privacy.SubjectData;

/**
 * A subject access (EXPORT) or erasure (ERASE) request ({@code privacy_requests}). It names the person asked about
 * (the school must show it answered them) but never holds their data; the export file is kept apart
 * ({@code privacy_exports}) until it is downloaded or expires.
 *
 * @param id          request id
 * @param schoolId    the school
 * @param kind        EXPORT or ERASE
 * @param subject     who it is about
 * @param state       PENDING, RUNNING, DONE or FAILED
 * @param requestedBy username of who asked
 * @param requestedAt when
 * @param startedAt   when work on it last started (a request left RUNNING by a crash is taken up again)
 * @param finishedAt  when it finished
 * @param found       documents found (export) or changed (erasure), by collection
 * @param kept        records an erasure left as they were, with the reason
 * @param failure     why it failed, or {@code null}
 * @param version     bumped by every change
 */
@Document("privacy_requests")
record SubjectRequest(@Id String id, String schoolId, String kind, Subject subject, String state,
                      String requestedBy, Instant requestedAt, Instant startedAt, Instant finishedAt,
                      Map<String, Long> found, List<SubjectData.Kept> kept, String failure, long version) {

    static final String EXPORT = "EXPORT";
    static final String ERASE = "ERASE";

    SubjectRequest {
        found = found == null ? Map.of() : Map.copyOf(found);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }
}
