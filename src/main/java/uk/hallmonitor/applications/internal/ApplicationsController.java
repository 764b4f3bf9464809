package uk.hallmonitor.applications.internal;

import jakarta.validation.Valid;
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
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** {@code /api/v1/applications}: the business-case workflow. */
@RestController
@RequestMapping("/api/v1/applications")
class ApplicationsController {

    private final AccountApplications applications;

    ApplicationsController(AccountApplications applications) {
        this.applications = applications;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AccountApplication> draft(@Valid @RequestBody ApplicationForm form) {
        return Callers.current().flatMap(caller -> applications.draft(caller, form));
    }

    @PutMapping("/{id}")
    Mono<AccountApplication> amend(@PathVariable String id, @Valid @RequestBody ApplicationForm form) {
        return Callers.current().flatMap(caller -> applications.amend(caller, id, form));
    }

    @PostMapping("/{id}/submit")
    Mono<AccountApplication> submit(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.submit(caller, id));
    }

    @PostMapping("/{id}/approve")
    Mono<AccountApplication> approve(@PathVariable String id, @Valid @RequestBody(required = false) Decision decision) {
        return Callers.current().flatMap(caller -> applications.approve(caller, id,
                decision == null ? null : decision.note()));
    }

    @PostMapping("/{id}/reject")
    Mono<AccountApplication> reject(@PathVariable String id, @Valid @RequestBody(required = false) Decision decision) {
        return Callers.current().flatMap(caller -> applications.reject(caller, id,
                decision == null ? null : decision.reason()));
    }

    @PostMapping("/{id}/withdraw")
    Mono<AccountApplication> withdraw(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.withdraw(caller, id));
    }

    @GetMapping
    Mono<PageResponse<AccountApplication>> list(@RequestParam(required = false) String schoolId,
                                                @RequestParam(required = false) String status,
                                                @RequestParam(defaultValue = "0") int page,
                                                @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        ApplicationStatus wanted = parse(status);
        return Callers.current().flatMap(caller -> applications.list(caller, schoolId, wanted, paging));
    }

    @GetMapping("/{id}")
    Mono<AccountApplication> one(@PathVariable String id) {
        return Callers.current().flatMap(caller -> applications.visible(caller, id));
    }

    private static ApplicationStatus parse(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return ApplicationStatus.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw Problems.badRequest("status", "one of DRAFT, SUBMITTED, APPROVED, REJECTED, WITHDRAWN");
        }
    }
}
