package uk.hallmonitor.accounts.internal;

import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.web.Html;
import uk.hallmonitor.system.web.Paging;

/** The account register as a page: what the administrators must create, and which accounts need attention. */
@RestController
class AccountPages {

    private final Accounts accounts;
    private final AccountsController api;

    AccountPages(Accounts accounts, AccountsController api) {
        this.accounts = accounts;
        this.api = api;
    }

    @GetMapping(value = "/ui/accounts", produces = MediaType.TEXT_HTML_VALUE)
    Mono<String> register(ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> accounts.list(caller, null, null, Paging.of(0, 200)))
                .flatMap(page -> {
                    String rows = page.items().stream().map(api::view).map(a -> "<tr><td>" + Html.escape(a.platform())
                            + "</td><td>" + Html.escape(a.handle()) + "</td><td>" + Html.escape(a.status())
                            + (a.reviewDue() ? "<br><strong>review: no activity for a school year</strong>" : "")
                            + "</td><td>" + Html.escape(String.join(", ", a.runnerIds())) + "</td><td>"
                            + Html.escape(a.lastActivityAt()) + "</td><td>"
                            + (a.health() == null ? "not polled yet" : Html.escape(a.health().state())
                                    + (a.health().lastError() == null ? "" : ": " + Html.escape(a.health().lastError())))
                            + "</td></tr>").collect(Collectors.joining());
                    String body = page.items().isEmpty() ? "<p>No accounts yet: they appear here when SLT approve an application.</p>"
                            : "<table><tr><th>Platform</th><th>Handle</th><th>Status</th><th>Runners</th>"
                              + "<th>Last activity</th><th>Connection</th></tr>" + rows + "</table>";
                    return Html.render(exchange, "Account register", body);
                });
    }
}
