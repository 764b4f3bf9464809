package uk.hallmonitor.applications.internal;

import jakarta.validation.Valid;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.schools.StaffNames;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** {@code /api/v1/applications}: the business-case workflow. */
@RestController
@RequestMapping("/api/v1/applications")
record ApplicationsController(AccountApplications applications, StaffNames names, SchoolDirectory directory) {

    /** The application with its runners by name: one look-up of the school's staff, then any runner not in it. */
    private Mono<ApplicationView> named(AccountApplication application) {
        return namesOf(application.schoolId(), List.of(application))
                .map(found -> ApplicationView.of(application, found));
    }

    private Mono<Map<String, String>> namesOf(String schoolId, List<AccountApplication> applications) {
        return names.ofSchool(schoolId).flatMap(found -> Flux.fromIterable(applications)
                .flatMapIterable(a -> a.runnerIds() == null ? List.<String>of() : a.runnerIds())
                .distinct()
                .filter(id -> !found.containsKey(id))
                .flatMap(id -> directory.staff(id).map(staff -> Map.entry(id, staff.name())))
                .collectList()
                .map(more -> {
                    Map<String, String> all = new HashMap<>(found);
                    more.forEach(entry -> all.put(entry.getKey(), entry.getValue()));
                    return all;
                }));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ApplicationView> draft(@Valid @RequestBody ApplicationForm form) {
        return Callers.current().flatMap(caller -> applications.draft(caller, form)).flatMap(this::named);
    }

    @PutMapping("/{id}")
    Mono<ApplicationView> amend(@PathVariable String id, @Valid @RequestBody ApplicationForm form) {
        return Callers.current().flatMap(caller -> applications.amend(caller, id, form)).flatMap(this::named);
    }

    @PostMapping("/{id}/submit")
    Mono<ApplicationView> submit(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.submit(caller, id)).flatMap(this::named);
    }

    @PostMapping("/{id}/approve")
    Mono<ApplicationView> approve(@PathVariable String id, @Valid @RequestBody(required = false) Decision decision) {
        return Callers.current().flatMap(caller -> applications.approve(caller, id,
                decision == null ? null : decision.note())).flatMap(this::named);
    }

    @PostMapping("/{id}/reject")
    Mono<ApplicationView> reject(@PathVariable String id, @Valid @RequestBody(required = false) Decision decision) {
        return Callers.current().flatMap(caller -> applications.reject(caller, id,
                decision == null ? null : decision.reason())).flatMap(this::named);
    }

    @PostMapping("/{id}/withdraw")
    Mono<ApplicationView> withdraw(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.withdraw(caller, id)).flatMap(this::named);
    }

    @GetMapping
    Mono<PageResponse<ApplicationView>> list(@RequestParam(required = false) String schoolId,
                                             @RequestParam(required = false) String status,
                                             @RequestParam(defaultValue = "0") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        ApplicationStatus wanted = Problems.choice("status", status, ApplicationStatus.class);
        return Callers.current().flatMap(caller -> applications.list(caller, schoolId, wanted, paging))
                .flatMap(found -> Flux.fromIterable(found.items().stream().map(AccountApplication::schoolId)
                        .distinct().toList())
                        .concatMap(school -> namesOf(school, found.items().stream()
                                .filter(a -> java.util.Objects.equals(a.schoolId(), school)).toList()))
                        .collect(HashMap<String, String>::new, Map::putAll)
                        .map(all -> new PageResponse<>(found.items().stream()
                                .map(a -> ApplicationView.of(a, all)).toList(), found.page(), found.size(),
                                found.total())));
    }

    @GetMapping("/{id}")
    Mono<ApplicationView> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.visible(caller, id)).flatMap(this::named);
    }
}
