package uk.hallmonitor.ownposts.internal;

import io.swagger.v3.oas.annotations.Operation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.ownposts.Finding;
import uk.hallmonitor.ownposts.OwnPostAlert;
import uk.hallmonitor.ownposts.OwnPostChecks;
import uk.hallmonitor.ownposts.OwnPostFindings;
import uk.hallmonitor.ownposts.Resolution;
import uk.hallmonitor.ownposts.RosterPreview;
import uk.hallmonitor.ownposts.RosterSummary;
import uk.hallmonitor.ownposts.Rosters;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Problems;

/** Rosters, draft checks and own-post findings over HTTP. */
@RestController
record OwnPostsController(Rosters rosters, OwnPostChecks checks, OwnPostFindings findings) {

    record CheckRequest(String schoolId, String text) {
    }

    record CheckResponse(List<Finding> findings) {
    }

    record SettingsRequest(Boolean reportFirstNames) {
    }

    record ResolutionRequest(Resolution resolution) {
    }

    @Operation(summary = "Replace the school's pupil roster with a CSV export (ADMIN, SLT, DSL)", description = """
            Body: the CSV (text/csv), header row mapped by name: first_name, preferred_name, surname, year, group,
            no_publish, or the SIMS/Arbor/Bromcom spellings (Legal Forename, Preferred Forename, Legal Surname, Year
            Group, Reg Group, Photo Consent / Media Consent: N or blank puts the pupil on the no-publish list).
            map=field:Header (repeatable) maps a column explicitly. Any bad row: 400 listing every row by line, and
            nothing changes. The new roster replaces the old one atomically.""")
    @PutMapping("/api/v1/schools/{id}/roster")
    Mono<RosterSummary> replace(@PathVariable String id, @RequestParam(name = "map", required = false) List<String> map,
                                @RequestBody(required = false) String csv) {
        return mapping(map).flatMap(mapping -> Callers.current()
                .flatMap(caller -> rosters.replace(caller, id, csv, mapping)));
    }

    @Operation(summary = "What a roster CSV would give, with every bad row, changing nothing (ADMIN, SLT, DSL)")
    @PostMapping("/api/v1/schools/{id}/roster/preview")
    Mono<RosterPreview> preview(@PathVariable String id, @RequestParam(name = "map", required = false) List<String> map,
                                @RequestBody(required = false) String csv) {
        return mapping(map).flatMap(mapping -> Callers.current()
                .flatMap(caller -> rosters.preview(caller, id, csv, mapping)));
    }

    @Operation(summary = "The school's roster: names for ADMIN, SLT and DSL, counts for moderators and runners")
    @GetMapping("/api/v1/schools/{id}/roster")
    Mono<RosterSummary> roster(@PathVariable String id) {
        return Callers.current().flatMap(caller -> rosters.current(caller, id));
    }

    @Operation(summary = "Whether a first name alone is reported for every pupil (always for no-publish pupils)")
    @PutMapping("/api/v1/schools/{id}/roster/settings")
    Mono<RosterSummary> settings(@PathVariable String id, @RequestBody(required = false) SettingsRequest request) {
        if (request == null || request.reportFirstNames() == null) {
            return Mono.error(Problems.badRequest("reportFirstNames", "say true or false"));
        }
        return Callers.current().flatMap(caller -> rosters.reportFirstNames(caller, id, request.reportFirstNames()));
    }

    @Operation(summary = "Check a draft post for pupils' names and personal data", description = """
            Answers findings [{kind: PUPIL_NAME | NO_PUBLISH_PUPIL | PERSONAL_DATA, text, start, end, form}];
            text of a pupil's name is null unless the caller may read the roster (ADMIN, SLT, DSL).""")
    @PostMapping("/api/v1/own-posts/check")
    Mono<CheckResponse> check(@RequestBody(required = false) CheckRequest request) {
        if (request == null) {
            return Mono.error(Problems.badRequest("body", "send {\"schoolId\": ..., \"text\": ...}"));
        }
        return Callers.current().flatMap(caller -> checks.check(caller, request.schoolId(), request.text()))
                .map(CheckResponse::new);
    }

    @Operation(summary = "Findings in the school accounts' own posts, newest first")
    @GetMapping("/api/v1/own-posts/findings")
    Mono<PageResponse<OwnPostAlert>> list(@RequestParam(required = false) String schoolId,
                                          @RequestParam(defaultValue = "false") boolean open,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> findings.list(caller,
                schoolId == null ? caller.schoolId() : schoolId, open, page, size));
    }

    @GetMapping("/api/v1/own-posts/findings/{id}")
    Mono<OwnPostAlert> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> findings.one(caller, id));
    }

    @Operation(summary = "Record what was done: DELETED_ON_PLATFORM, CONSENT_CONFIRMED or NOT_A_PUPIL")
    @PostMapping("/api/v1/own-posts/findings/{id}/resolution")
    Mono<OwnPostAlert> resolve(@PathVariable String id, @RequestBody(required = false) ResolutionRequest request) {
        return Callers.current().flatMap(caller -> findings.resolve(caller, id,
                request == null ? null : request.resolution()));
    }

    /** {@code map=first_name:Legal Forename} pairs as field to header. */
    private static Mono<Map<String, String>> mapping(List<String> pairs) {
        Map<String, String> mapping = new LinkedHashMap<>();
        for (String pair : pairs == null ? List.<String>of() : pairs) {
            int colon = pair.indexOf(':');
            if (colon <= 0 || colon == pair.length() - 1) {
                return Mono.error(Problems.badRequest("map", "write each mapping as field:Header, e.g."
                        + " map=first_name:Legal Forename; got '" + pair + "'"));
            }
            mapping.put(pair.substring(0, colon).strip(), pair.substring(colon + 1).strip());
        }
        return Mono.just(mapping);
    }
}
