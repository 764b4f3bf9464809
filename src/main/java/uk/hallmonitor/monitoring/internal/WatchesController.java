package uk.hallmonitor.monitoring.internal;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;

/** {@code /api/v1/watches}: searches for public mentions of a school (R8). */
@RestController
@RequestMapping("/api/v1/watches")
record WatchesController(WatchStore watches) {

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<WatchView> create(@RequestBody WatchRequest request) {
        return Callers.current().flatMap(caller -> watches.create(caller, request));
    }

    @GetMapping
    Mono<PageResponse<WatchView>> list(@RequestParam(required = false) String schoolId,
                                       @RequestParam(defaultValue = "0") int page,
                                       @RequestParam(defaultValue = "50") int size) {
        return Callers.current().flatMap(caller -> watches.list(caller, schoolId, page, size));
    }

    @GetMapping("/{id}")
    Mono<WatchView> get(@PathVariable String id) {
        return Callers.current().flatMap(caller -> watches.get(caller, id));
    }

    /** The new search terms of a watch. */
    record Terms(List<String> terms) {
    }

    @PutMapping("/{id}/terms")
    Mono<WatchView> changeTerms(@PathVariable String id, @RequestBody Terms terms) {
        return Callers.current().flatMap(caller -> watches.changeTerms(caller, id, terms.terms()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(@PathVariable String id) {
        return Callers.current().flatMap(caller -> watches.delete(caller, id));
    }
}
