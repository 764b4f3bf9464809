package uk.hallmonitor.audit.web;

import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import reactor.core.publisher.Mono;
import uk.hallmonitor.audit.internal.AuditEntry;
import uk.hallmonitor.audit.internal.ChainCheck;
import uk.hallmonitor.audit.internal.HashChainedAuditTrail;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.Problems;

/** The audit trail page ({@code /ui/audit}, administrators and SLT) and the chain check it offers. */
@PageController
record AuditPages(HashChainedAuditTrail trail) {

    private static final int PAGE_SIZE = 50;

    /** An entry as the page shows it: the action in words. */
    public record Shown(AuditEntry entry, String what) {
    }

    @GetMapping("/ui/audit")
    Mono<Rendering> trail(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page,
                          @RequestParam(defaultValue = "false") boolean check) {
        int wanted = Math.max(0, Math.min(page, 10_000));
        return Callers.current().flatMap(caller -> allowed(caller).then(Mono.defer(() -> {
            String school = caller.isAdmin() ? null : caller.schoolId();
            Mono<Object> chain = check ? trail.verify().cast(Object.class) : Mono.just(Boolean.FALSE);
            return Mono.zip(trail.search(school, q, wanted, PAGE_SIZE)
                    .map(e -> new Shown(e, words(e.action()))).collectList(),
                    trail.countSearch(school, q), chain)
                    .map(t -> Rendering.view("audit/trail")
                            .modelAttribute("entries", t.getT1())
                            .modelAttribute("total", t.getT2())
                            .modelAttribute("q", q == null ? "" : q)
                            .modelAttribute("page", wanted)
                            .modelAttribute("pages", Math.max(1, (t.getT2() + PAGE_SIZE - 1) / PAGE_SIZE))
                            .modelAttribute("chain", t.getT3() instanceof ChainCheck c ? c : null)
                            .modelAttribute("trustWide", caller.isAdmin())
                            .build());
        })));
    }

    /** The chain's state alone, for htmx to put into the page without reloading it. */
    @GetMapping("/ui/audit/chain")
    Mono<Rendering> chain() {
        return Callers.current().flatMap(caller -> allowed(caller).then(trail.verify()))
                .map(check -> Rendering.view("audit/trail :: chain").modelAttribute("chain", check).build());
    }

    private static Mono<Void> allowed(Caller caller) {
        return caller.isAdmin() || (caller.schoolId() != null && caller.hasAnyIn(caller.schoolId(), Role.SLT))
                ? Mono.empty() : Mono.error(Problems.forbidden("the audit trail page is for administrators and SLT"));
    }

    /** {@code application.approved} → "Application approved". */
    static String words(String action) {
        if (action == null || action.isEmpty()) {
            return "";
        }
        String text = action.replace('.', ' ').replace('-', ' ').replace('_', ' ').toLowerCase(Locale.UK);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
