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
class IncidentsController {

    private final IncidentLog log;

    IncidentsController(IncidentLog log) {
        this.log = log;
    }

    @GetMapping
    Mono<PageResponse<Incident>> list(@RequestParam(required = false) String schoolId,
                                      @RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> log.page(caller, schoolId, status, page, size));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Incident> create(@RequestBody IncidentRequests.Create request) {
        return Callers.current().flatMap(caller -> log.create(caller, request));
    }

    @GetMapping("/{id}")
    Mono<Incident> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> log.one(caller, id));
    }

    @PostMapping("/{id}/transitions")
    Mono<Incident> transition(@PathVariable String id, @RequestBody IncidentRequests.Transition request) {
        return Callers.current().flatMap(caller -> log.transition(caller, id, request));
    }

    @PostMapping("/{id}/notes")
    Mono<Incident> note(@PathVariable String id, @RequestBody IncidentRequests.NewNote request) {
        return Callers.current().flatMap(caller -> log.note(caller, id, request));
    }
}
