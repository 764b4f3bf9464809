package uk.hallmonitor.schools.internal;

import jakarta.validation.Valid;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;

/** {@code /api/v1/schools} and {@code /api/v1/staff}. */
@RestController
@RequestMapping("/api/v1")
record SchoolsController(StaffRecords records, java.time.Clock clock) {

    @PostMapping("/schools")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffViews.School> createSchool(@Valid @RequestBody Requests.NewSchool request) {
        return Callers.current().flatMap(caller -> records.createSchool(caller, request)).map(StaffViews.School::of);
    }

    @GetMapping("/schools")
    Flux<StaffViews.School> schools() {
        return Callers.current().flatMapMany(records::schools).map(StaffViews.School::of);
    }

    @GetMapping("/schools/{id}")
    Mono<StaffViews.School> school(@PathVariable String id) {
        return Callers.current().flatMap(caller -> records.school(caller, id)).map(StaffViews.School::of);
    }

    @PostMapping("/staff")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffViews.Staff> createStaff(@Valid @RequestBody Requests.NewStaff request) {
        return Callers.current().flatMap(caller -> records.createStaff(caller, request)).flatMap(this::view);
    }

    @GetMapping("/staff")
    Mono<PageResponse<StaffViews.Staff>> staff(@RequestParam(required = false) String schoolId,
                                               @RequestParam(defaultValue = "0") int page,
                                               @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        return Callers.current().flatMap(caller -> records.list(caller, schoolId, paging))
                .flatMap(p -> Flux.fromIterable(p.items()).concatMap(this::view).collectList()
                        .map(items -> new PageResponse<>(items, p.page(), p.size(), p.total())));
    }

    @GetMapping("/staff/me")
    Mono<StaffViews.Staff> me() {
        return Callers.current().flatMap(caller -> records.staff(caller, caller.staffId()))
                .flatMap(staff -> view(staff, true));
    }

    @GetMapping("/staff/{id}")
    Mono<StaffViews.Staff> staffMember(@PathVariable String id) {
        return Callers.current().flatMap(caller -> records.staff(caller, id)).flatMap(this::view);
    }

    @PostMapping("/staff/{id}/acknowledgements")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffViews.Staff> acknowledge(@PathVariable String id,
                                       @Valid @RequestBody Requests.NewAcknowledgement request) {
        return Callers.current().flatMap(caller -> records.acknowledge(caller, id, request)).flatMap(this::view);
    }

    @PostMapping("/staff/{id}/training")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffViews.Staff> train(@PathVariable String id, @Valid @RequestBody Requests.NewTraining request) {
        return Callers.current().flatMap(caller -> records.train(caller, id, request)).flatMap(this::view);
    }

    @PostMapping("/staff/{id}/leave")
    Mono<StaffViews.Staff> leave(@PathVariable String id) {
        return Callers.current().flatMap(caller -> records.leave(caller, id)).flatMap(this::view);
    }

    @PostMapping("/staff/{id}/unlock")
    Mono<StaffRecords.Unlocked> unlock(@PathVariable String id) {
        return Callers.current().flatMap(caller -> records.unlock(caller, id));
    }

    @PostMapping("/staff/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<StaffRecords.IssuedToken> issueToken(@Valid @RequestBody Requests.NewToken request) {
        return Callers.current().flatMap(caller -> records.issueToken(caller, request));
    }

    @DeleteMapping("/staff/me/tokens/{tokenId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> revokeToken(@PathVariable String tokenId) {
        return Callers.current().flatMap(caller -> records.revokeToken(caller, tokenId));
    }

    private Mono<StaffViews.Staff> view(StaffDocument staff) {
        return view(staff, false);
    }

    private Mono<StaffViews.Staff> view(StaffDocument staff, boolean withTokens) {
        if (staff.schoolId() == null) {
            return Mono.just(StaffViews.of(staff, null, withTokens));
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Europe/London")));
        return records.requiredPolicyVersion(staff.schoolId()).map(version -> StaffViews.of(staff,
                new StaffViews.Current(Eligibility.acknowledged(staff, version, today, records.rules()),
                        Eligibility.trained(staff, today), Eligibility.gaps(staff, version, today, records.rules())),
                withTokens));
    }
}
