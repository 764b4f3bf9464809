package uk.hallmonitor.alerts.web;

import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertCentre;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;

/**
 * The notification centre ({@code /ui/alerts}): the person's alerts, newest first, unread ones marked, and marking
 * them read one by one or all at once. The unread count in the layout comes from {@code AlertFrame}.
 */
@PageController
record AlertPages(AlertCentre centre) {

    private static final int PAGE_SIZE = 25;

    @GetMapping("/ui/alerts")
    Mono<String> alerts(@RequestParam(defaultValue = "false") boolean unread,
                        @RequestParam(defaultValue = "0") int page, Model model) {
        return Callers.current().flatMap(caller -> centre.mine(caller, unread, Math.max(0, page), PAGE_SIZE))
                .map(found -> {
                    model.addAttribute("alerts", found);
                    model.addAttribute("unreadOnly", unread);
                    model.addAttribute("pages", (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
                    return "alerts/index";
                });
    }

    @PostMapping("/ui/alerts/{id}/read")
    Mono<String> read(@PathVariable String id, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> centre.markRead(caller, id))
                .flatMap(item -> Flash.set(exchange, "Marked as read: " + item.subject())
                        .thenReturn("redirect:/ui/alerts#alert-" + item.id()));
    }

    @PostMapping("/ui/alerts/read-all")
    Mono<String> readAll(ServerWebExchange exchange) {
        return Callers.current().flatMap(centre::markAllRead)
                .flatMap(count -> Flash.set(exchange, count == 0 ? "There was nothing unread"
                        : "Marked " + count + (count == 1 ? " alert" : " alerts") + " as read")
                        .thenReturn("redirect:/ui/alerts"));
    }
}
