package uk.hallmonitor.privacy.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** Retention settings, legal holds and the purge's run records. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "privacy", description = "R11: retention, legal holds, purges, subject access and erasure")
record PrivacyController(RetentionStore retention, IncidentRetentions holds, RetentionPurge purge,
                         SubjectRequests requests) {

    @PostMapping("/privacy/requests")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "A subject access (EXPORT) or erasure (ERASE) request about {platform, handle} or {staffId}"
            + " (SLT, DSL, ADMIN); 202 with the request, answered in the background")
    Mono<SubjectRequests.View> request(@RequestBody(required = false) SubjectRequests.Request request) {
        return Callers.current().flatMap(caller -> requests.create(caller, request));
    }

    @GetMapping("/privacy/requests/{id}")
    @Operation(summary = "A request's state (PENDING, RUNNING, DONE, FAILED), what was found or changed, what was"
            + " kept and why, and for an export the single-use download link while it is valid")
    Mono<SubjectRequests.View> requestState(@PathVariable String id) {
        return Callers.current().flatMap(caller -> requests.get(caller, id));
    }

    @GetMapping(value = "/privacy/exports/{token}", produces = "application/zip")
    @Operation(summary = "Downloads an export once (ZIP: data.json and index.html); 410 once used or expired")
    Mono<ResponseEntity<byte[]>> export(@PathVariable String token) {
        return Callers.current().flatMap(caller -> requests.download(caller, token))
                .map(zip -> ResponseEntity.ok()
                        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"subject-access.zip\"")
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .contentType(MediaType.parseMediaType("application/zip")).body(zip));
    }

    @GetMapping("/schools/{id}/retention")
    @Operation(summary = "A school's retention periods (ADMIN, SLT); defaults when never set")
    Mono<RetentionSettings> retention(@PathVariable String id) {
        return Callers.current().flatMap(caller -> retention.get(caller, id));
    }

    @PutMapping("/schools/{id}/retention")
    @Operation(summary = "Sets a school's retention periods (ADMIN, SLT): unflaggedPostDays, flaggedPostDays,"
            + " incidentYears, safeguarding (LIKE_OTHER_INCIDENTS | UNTIL_CHILD_IS_25); a field left out keeps its"
            + " default")
    Mono<RetentionSettings> setRetention(@PathVariable String id,
                                         @RequestBody(required = false) RetentionStore.Request request) {
        return Callers.current().flatMap(caller -> retention.put(caller, id, request));
    }

    @GetMapping("/privacy/incidents/{id}")
    @Operation(summary = "An incident's legal hold and keep-until date (DSL, SLT, ADMIN)")
    Mono<IncidentRetention> incident(@PathVariable String id) {
        return Callers.current().flatMap(caller -> holds.get(caller, id));
    }

    @PutMapping("/privacy/incidents/{id}")
    @Operation(summary = "Places or lifts a legal hold on an incident ({legalHold, reason}) and sets the date a"
            + " safeguarding record may go (keepUntil, yyyy-MM-dd) (DSL, SLT, ADMIN)")
    Mono<IncidentRetention> setIncident(@PathVariable String id,
                                        @RequestBody(required = false) IncidentRetentions.Request request) {
        return Callers.current().flatMap(caller -> holds.set(caller, id, request));
    }

    @GetMapping("/privacy/purges")
    @Operation(summary = "The retention purge's runs, newest first, with what each removed (ADMIN sees every"
            + " school's counts; SLT and the DSL their own school's)")
    Mono<PageResponse<PurgeView>> purges(@RequestParam(defaultValue = "0") int page,
                                         @RequestParam(defaultValue = "20") int size) {
        Paging paging = Paging.of(page, size);
        return Callers.current().flatMap(caller -> {
            if (!caller.isAdmin() && !caller.hasAnyIn(caller.schoolId(), Role.SLT, Role.DSL)) {
                return Mono.error(Problems.forbidden("purge records are for administrators, SLT and the DSL"));
            }
            return purge.recent(paging.page(), paging.size()).map(run -> PurgeView.of(run, caller)).collectList()
                    .zipWith(purge.count())
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @PostMapping("/privacy/purges")
    @Operation(summary = "Runs the retention purge now (ADMIN), finishing an interrupted run first; 409 while"
            + " another instance is running one")
    Mono<PurgeView> purgeNow() {
        return Callers.current().flatMap(caller -> caller.isAdmin()
                ? purge.run().map(run -> PurgeView.of(run, caller))
                        .switchIfEmpty(Mono.error(() -> Problems.conflict("a purge is running on another instance;"
                                + " look at GET /api/v1/privacy/purges and try again when it has finished")))
                : Mono.error(Problems.forbidden("running the purge is for administrators")));
    }

    /**
     * One purge run as shown: when, how far it got, what it removed.
     *
     * @param id            run id
     * @param state         RUNNING or DONE
     * @param phase         where it is (POSTS, INCIDENTS, EXPORTS, FINISHED)
     * @param startedAt     when it started
     * @param finishedAt    when it finished
     * @param removed       documents removed by collection (ADMIN only; others see their school's count)
     * @param bySchool      posts and incidents removed, by school
     * @param auditRedacted audit entries whose content was removed
     * @param auditKeptWhole older audit entries left whole
     * @param batches       batches carried out
     * @param resumed       times it was taken over after an interruption
     */
    record PurgeView(String id, String state, String phase, Instant startedAt, Instant finishedAt,
                     Map<String, Long> removed, Map<String, Long> bySchool, long auditRedacted, long auditKeptWhole,
                     long batches, int resumed) {

        static PurgeView of(PurgeRun run, Caller caller) {
            Map<String, Long> bySchool = caller.isAdmin() ? run.bySchool() : run.bySchool().entrySet().stream()
                    .filter(e -> e.getKey().equals(caller.schoolId()))
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            return new PurgeView(run.id(), run.state(), run.phase(), run.startedAt(), run.finishedAt(),
                    caller.isAdmin() ? run.removed() : Map.of(), bySchool, run.auditRedacted(),
                    run.auditKeptWhole(), run.batches(), run.resumed());
        }
    }
}
