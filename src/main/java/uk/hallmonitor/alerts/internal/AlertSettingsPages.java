package uk.hallmonitor.alerts.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.schools.SchoolDirectory;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.security.Caller;
import uk.hallmonitor.system.security.Callers;
import uk.hallmonitor.system.security.Role;
import uk.hallmonitor.system.web.Flash;
import uk.hallmonitor.system.web.PageController;
import uk.hallmonitor.system.web.ProblemFields;
import uk.hallmonitor.system.web.Problems;

/**
 * A school's alert channels as a page ({@code /ui/alert-settings}): who hears of what by email, the Teams and Slack
 * webhooks (shown only as set or not: a webhook address lets anyone post into the channel), and "send a test
 * alert". Kept in this package because the settings types are the module's own.
 */
@PageController
record AlertSettingsPages(SettingsStore settings, TestAlerts testAlerts, SchoolDirectory directory,
                          OutboundPolicy outbound) {

    private static final Map<String, String> LABELS = Map.of("teamsWebhookUrl", "Teams webhook address",
            "slackWebhookUrl", "Slack webhook address", "emailFrom", "Email from", "dslFrom", "DSL from",
            "webhookFrom", "Teams and Slack from");
    static final Map<Severity, String> SEVERITY_WORDS = new LinkedHashMap<>();

    static {
        SEVERITY_WORDS.put(Severity.LOW, "Low and above (everything)");
        SEVERITY_WORDS.put(Severity.MEDIUM, "Medium and above");
        SEVERITY_WORDS.put(Severity.HIGH, "High and critical");
        SEVERITY_WORDS.put(Severity.CRITICAL, "Critical only");
    }

    @GetMapping("/ui/alert-settings")
    Mono<Rendering> choose() {
        return Callers.current().flatMap(caller -> {
            if (caller.schoolId() != null) {
                return Mono.just(Rendering.redirectTo("/ui/alert-settings/" + caller.schoolId()).build());
            }
            return directory.schools().collectList().map(schools -> Rendering.view("moderation/alert-schools")
                    .modelAttribute("schools", schools).build());
        });
    }

    @GetMapping("/ui/alert-settings/{schoolId}")
    Mono<Rendering> page(@PathVariable String schoolId) {
        return Callers.current().flatMap(caller -> page(caller, schoolId, null, List.of()));
    }

    private Mono<Rendering> page(Caller caller, String schoolId, Map<String, String> typed,
                                 List<ProblemFields.Shown> errors) {
        if (!caller.canSee(schoolId)) {
            return Mono.error(Problems.notFound("school", schoolId));
        }
        if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT)) {
            return Mono.error(Problems.forbidden("alert settings are changed by ADMIN or the school's SLT"));
        }
        return settings.of(schoolId).zipWith(directory.school(schoolId)
                .switchIfEmpty(Mono.error(() -> Problems.notFound("school", schoolId))))
                .map(t -> Rendering.view("moderation/alert-settings")
                        .modelAttribute("school", t.getT2())
                        .modelAttribute("view", SettingsView.of(t.getT1()))
                        .modelAttribute("severities", SEVERITY_WORDS)
                        .modelAttribute("typed", typed == null ? Map.of() : typed)
                        .modelAttribute("errors", errors)
                        .status(errors.isEmpty() ? HttpStatus.OK : HttpStatus.BAD_REQUEST)
                        .build());
    }

    @PostMapping("/ui/alert-settings/{schoolId}")
    Mono<Rendering> save(@PathVariable String schoolId, ServerWebExchange exchange) {
        return Callers.current().zipWith(exchange.getFormData()).flatMap(t -> {
            Caller caller = t.getT1();
            MultiValueMap<String, String> form = t.getT2();
            if (!caller.canSee(schoolId)) {
                return Mono.error(Problems.notFound("school", schoolId));
            }
            if (!caller.hasAnyIn(schoolId, Role.ADMIN, Role.SLT)) {
                return Mono.error(Problems.forbidden("alert settings are changed by ADMIN or the school's SLT"));
            }
            Map<String, String> typed = new LinkedHashMap<>();
            for (String key : List.of("emailFrom", "dslFrom", "webhookFrom", "teamsWebhookUrl", "slackWebhookUrl")) {
                typed.put(key, form.getFirst(key) == null ? "" : form.getFirst(key).strip());
            }
            return settings.of(schoolId).flatMap(current -> {
                // an empty address box keeps the stored webhook (it is never shown); a ticked box removes it
                String teams = form.containsKey("removeTeams") ? "" : typed.get("teamsWebhookUrl").isEmpty()
                        ? current.teamsWebhookUrl() : typed.get("teamsWebhookUrl");
                String slack = form.containsKey("removeSlack") ? "" : typed.get("slackWebhookUrl").isEmpty()
                        ? current.slackWebhookUrl() : typed.get("slackWebhookUrl");
                SettingsRequest request = new SettingsRequest(form.containsKey("alertRunners"), typed.get("emailFrom"),
                        form.containsKey("digestLowSeverity"), typed.get("dslFrom"), typed.get("webhookFrom"), teams,
                        slack);
                return request.toSettings(schoolId, outbound).flatMap(settings::save)
                        .flatMap(saved -> redirect(exchange, schoolId, "Saved the alert settings"));
            }).onErrorResume(ErrorResponseException.class, e -> e.getStatusCode().value() == 400
                    ? page(caller, schoolId, typed, ProblemFields.of(e, LABELS)) : Mono.error(e));
        });
    }

    @PostMapping("/ui/alert-settings/{schoolId}/test")
    Mono<Rendering> test(@PathVariable String schoolId, ServerWebExchange exchange) {
        return Callers.current().flatMap(caller -> testAlerts.send(caller, schoolId))
                .flatMap(results -> redirect(exchange, schoolId, "Test alert: " + results.stream()
                        .map(r -> words(r.channel()) + (r.sent() ? " sent" : " not sent (" + r.detail() + ")"))
                        .collect(Collectors.joining("; "))));
    }

    private static String words(Channel channel) {
        return switch (channel) {
            case TEAMS -> "Teams";
            case SLACK -> "Slack";
            case EMAIL -> "email to you";
            default -> channel.name();
        };
    }

    private static Mono<Rendering> redirect(ServerWebExchange exchange, String schoolId, String message) {
        return Flash.set(exchange, message).thenReturn(Rendering.redirectTo("/ui/alert-settings/" + schoolId)
                .status(HttpStatus.SEE_OTHER).build());
    }
}
