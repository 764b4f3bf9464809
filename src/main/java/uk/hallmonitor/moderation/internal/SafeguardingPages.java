package uk.hallmonitor.moderation.internal;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;

/**
 * The page of unacknowledged safeguarding alerts ({@code /ui/safeguarding-alerts}), and the button (also in every
 * page's banner) that acknowledges one. It reads and acknowledges through {@link SafeguardingController}, the same
 * code and rules as the API; a refusal shows the error page in the layout. It stays in this package because the
 * controller it calls is the module's own.
 */
@PageController
record SafeguardingPages(SafeguardingController api) {

    private static final int LISTED = 200;

    @GetMapping("/ui/safeguarding-alerts")
    Mono<String> page(Model model) {
        return Callers.current().flatMap(caller -> api.list(null, "UNACKNOWLEDGED", 0, LISTED).map(found -> {
            model.addAttribute("alerts", found.items());
            model.addAttribute("total", found.total());
            // the button only for those the acknowledgement allows (a moderator reads the list)
            model.addAttribute("canAcknowledge", caller.hasAny(SafeguardingController.ACKNOWLEDGERS));
            return "alerts/safeguarding";
        }));
    }

    @PostMapping("/ui/safeguarding-alerts/{id}/acknowledgement")
    Mono<String> acknowledge(@PathVariable String id, ServerWebExchange exchange) {
        return api.acknowledge(id, null)
                .flatMap(done -> Flash.set(exchange, "Acknowledged: " + done.subject()
                        + (done.incidentNumber() == null ? "" : " (incident " + done.incidentNumber() + ")")))
                .thenReturn("redirect:/ui/safeguarding-alerts");
    }
}
