package uk.hallmonitor.incidents;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;

/** The incident log over HTTP, for the DSL and SLT of the school. */
@RestController
@RequestMapping("/api/v1/incidents")
record IncidentsController(IncidentLog log) {

    @GetMapping
    Mono<PageResponse<IncidentView>> list(@RequestParam(required = false) String schoolId,
                                          @RequestParam(required = false) String status,
                                          @RequestParam(defaultValue = "0") int page,
                                          @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> log.page(caller, schoolId, status, page, size))
                .flatMap(found -> reactor.core.publisher.Flux.fromIterable(found.items()).flatMapSequential(log::view)
                        .collectList()
                        .map(found::withItems));
    }

    /** Staff who may own an incident of the school (DSL, deputy DSL, head teacher, SLT), by name. */
    @GetMapping("/owners")
    Mono<java.util.List<EligibleOwner>> owners(@RequestParam(required = false) String schoolId) {
        return Callers.current().flatMap(caller -> log.eligibleOwners(caller, schoolId));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<IncidentView> create(@RequestBody IncidentRequests.Create request) {
        return Callers.current().flatMap(caller -> log.create(caller, request)).flatMap(log::view);
    }

    @GetMapping("/{id}")
    Mono<IncidentView> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> log.one(caller, id)).flatMap(log::view);
    }

    @PostMapping("/{id}/transitions")
    Mono<IncidentView> transition(@PathVariable String id, @RequestBody IncidentRequests.Transition request) {
        return Callers.current().flatMap(caller -> log.transition(caller, id, request)).flatMap(log::view);
    }

    @PostMapping("/{id}/notes")
    Mono<IncidentView> note(@PathVariable String id, @RequestBody IncidentRequests.NewNote request) {
        return Callers.current().flatMap(caller -> log.note(caller, id, request)).flatMap(log::view);
    }
}
