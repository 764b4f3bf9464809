package uk.hallmonitor.audit;

import java.time.Instant;
import java.util.Set;
import reactor.core.publisher.Flux;

/** Reading back what the trail holds about one kind of record, for the pages that show "who did what and when". */
public interface AuditSearch {

    /**
     * One entry as read back.
     *
     * @param at        when it happened
     * @param actor     username of who did it
     * @param action    what was done, e.g. {@code credential.revealed}
     * @param subjectId the record's id
     * @param after     the state after, as the JSON text stored in the chain (never a secret)
     */
    record Entry(Instant at, String actor, String action, String subjectId, String after) {
    }

    /**
     * The newest entries of the school about records of {@code subjectType} whose id starts with
     * {@code subjectIdPrefix}, limited to the given actions, newest first.
     */
    Flux<Entry> recent(String schoolId, String subjectType, String subjectIdPrefix, Set<String> actions, int limit);
}
