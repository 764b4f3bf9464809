package uk.hallmonitor.moderation;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Html;

/** The page of unacknowledged safeguarding alerts, and the button (also in every page's banner) that acknowledges one. */
@RestController
class SafeguardingPages {

    private final SafeguardingController api;

    SafeguardingPages(SafeguardingController api) {
        this.api = api;
    }

    @GetMapping(value = "/ui/safeguarding-alerts", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> page(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> api.list(null, "UNACKNOWLEDGED", 0, 200)
                .map(found -> {
                    if (found.items().isEmpty()) {
                        return "<p>No safeguarding alert is waiting for acknowledgement.</p>";
                    }
                    StringBuilder rows = new StringBuilder("<table><tr><th>Raised</th><th>Severity</th><th>What</th>"
                            + "<th>Told so far</th><th></th></tr>");
                    found.items().forEach(alert -> rows.append("<tr><td>").append(Html.escape(alert.raisedAt()))
                            .append("</td><td>").append(Html.escape(alert.severity())).append("</td><td>")
                            .append(Html.escape(alert.subject())).append("</td><td>")
                            .append(Html.escape(alert.reached())).append("</td><td><form method=\"post\" action=\""
                                    + "/ui/safeguarding-alerts/").append(Html.escape(alert.id()))
                            .append("/acknowledgement\">%CSRF%<button>Acknowledge</button></form></td></tr>"));
                    return rows.append("</table>").toString();
                })
                .onErrorResume(error -> Mono.just(Html.problem(error)))
                .flatMap(body -> Html.render(exchange, "Safeguarding alerts", body)));
    }

    @PostMapping(value = "/ui/safeguarding-alerts/{id}/acknowledgement", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> acknowledge(@PathVariable String id, ServerWebExchange exchange) {
        return api.acknowledge(id, null)
                .map(done -> ResponseEntity.status(HttpStatus.SEE_OTHER)
                        .location(URI.create("/ui/safeguarding-alerts")).<String>build())
                .onErrorResume(error -> Html.render(exchange, "Safeguarding alerts", Html.problem(error))
                        .map(body -> ResponseEntity.status(error instanceof org.springframework.web.ErrorResponseException
                                        refused ? refused.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR)
                                .contentType(MediaType.TEXT_HTML)
                                .body(body)));
    }
}
