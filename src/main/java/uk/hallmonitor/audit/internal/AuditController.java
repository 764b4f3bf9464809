package uk.hallmonitor.audit.internal;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.DataAccessLog;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageResponse;
import uk.hallmonitor.system.web.Paging;
import uk.hallmonitor.system.web.Problems;

/** Reading the trail (governors, leadership, administrators) and checking the chain (administrators). */
@RestController
@RequestMapping("/api/v1/audit")
record AuditController(HashChainedAuditTrail trail) {

    @GetMapping
    Mono<PageResponse<AuditEntry>> entries(@RequestParam(required = false) String schoolId,
                                           @RequestParam(required = false) String subjectId,
                                           @RequestParam(required = false) String subject,
                                           @RequestParam(defaultValue = "0") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        Paging paging = Paging.of(page, size);
        String person = subject == null || subject.isBlank() ? null : DataAccessLog.parse(subject);
        if (subject != null && !subject.isBlank() && person == null) {
            return Mono.error(Problems.badRequest("subject", "name the person as PLATFORM:@handle (e.g. X:@someone)"
                    + " or staff:ID"));
        }
        return Callers.current().flatMap(caller -> {
            String school = caller.isAdmin() ? schoolId : caller.schoolId();
            if (!caller.isAdmin()
                    && !caller.hasAnyIn(caller.schoolId(), Role.GOVERNOR, Role.SLT, Role.HEADTEACHER, Role.DSL)) {
                return Mono.error(Problems.forbidden("the audit trail is for governors, leadership and the DSL"));
            }
            if (!caller.isAdmin() && schoolId != null && !schoolId.equals(caller.schoolId())) {
                return Mono.error(Problems.notFound("school", schoolId));
            }
            return trail.entries(school, subjectId, person, paging.page(), paging.size()).collectList()
                    .zipWith(trail.count(school, subjectId, person))
                    .map(t -> new PageResponse<>(t.getT1(), paging.page(), paging.size(), t.getT2()));
        });
    }

    @GetMapping("/verify")
    Mono<ChainCheck> verify() {
        return Callers.current().flatMap(caller -> caller.isAdmin() || caller.hasAny(Role.GOVERNOR)
                ? trail.verify()
                : Mono.error(Problems.forbidden("checking the chain is for administrators and governors")));
    }
}
