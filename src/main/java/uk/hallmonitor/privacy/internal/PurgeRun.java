package uk.hallmonitor.privacy.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One run of the retention purge ({@code privacy_purge_runs}) and the position it has reached, so that a run cut
 * short (a crash, {@code kill -9}, a lost lease) is finished by the next one without removing anything twice.
 * Before a batch is touched its whole plan (which documents of which collections go) is saved in {@code batch} with
 * the position after it, in one write; the removals are by id (a second attempt finds nothing and changes nothing);
 * then the plan's counts are added to {@code removed} and the plan is cleared, again in one write. Every write is a
 * compare-and-set on {@code version} by the instance holding the lease.
 *
 * @param id            run id
 * @param state         {@code RUNNING} or {@code DONE}
 * @param startedAt     when it started
 * @param finishedAt    when it finished, or {@code null}
 * @param phase         {@code POSTS} (posts past their retention), then {@code INCIDENTS}, then {@code EXPORTS}
 *                      (expired export files)
 * @param after         the last id examined in the phase, or {@code null} at its start
 * @param batch         the plan being carried out, empty between batches
 * @param removed       documents removed so far, by collection
 * @param bySchool      posts and incidents removed so far, by school
 * @param auditRedacted audit entries whose content was removed
 * @param auditKeptWhole audit entries about purged records written before redaction was possible, left whole
 * @param batches       batches carried out
 * @param resumed       how many times the run was taken over after its holder stopped
 * @param leaseOwner    the instance working on it
 * @param leaseUntil    until when its claim holds
 * @param version       bumped by every write
 */
@Document("privacy_purge_runs")
record PurgeRun(@Id String id, String state, Instant startedAt, Instant finishedAt, String phase, String after,
                List<Planned> batch, Map<String, Long> removed, Map<String, Long> bySchool, long auditRedacted,
                long auditKeptWhole, long batches, int resumed, String leaseOwner, Instant leaseUntil,
                long version) {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final List<String> PHASES = List.of("POSTS", "INCIDENTS", "EXPORTS");

    PurgeRun {
        batch = batch == null ? List.of() : List.copyOf(batch);
        removed = removed == null ? Map.of() : Map.copyOf(removed);
        bySchool = bySchool == null ? Map.of() : Map.copyOf(bySchool);
    }

    /**
     * One post or incident that is due, with every document that goes with it.
     *
     * @param kind     {@code post}, {@code incident} or {@code export}
     * @param id       its id
     * @param schoolId its school
     * @param docs     collection to the ids of its documents there (existing when planned)
     * @param redact   audit records whose content goes: {@code type|id}
     */
    record Planned(String kind, String id, String schoolId, Map<String, List<Object>> docs, List<String> redact) {

        Planned {
            docs = docs == null ? Map.of() : Map.copyOf(docs);
            redact = redact == null ? List.of() : List.copyOf(redact);
        }
    }
}
