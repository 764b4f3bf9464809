package uk.hallmonitor.alerts.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.system.web.Problems;

/** A school's alert rules as sent to {@code PUT /api/v1/moderation/settings/{schoolId}}; absent fields keep defaults. */
public record SettingsRequest(Boolean alertRunners, String emailFrom, Boolean digestLowSeverity, String dslFrom,
                              String webhookFrom, String teamsWebhookUrl, String slackWebhookUrl) {

    Mono<AlertSettings> toSettings(String schoolId, OutboundPolicy outbound) {
        AlertSettings defaults = AlertSettings.defaults(schoolId);
        List<Problems.FieldError> errors = new ArrayList<>();
        Severity email = severity(emailFrom, defaults.emailFrom(), "emailFrom", errors);
        Severity dsl = severity(dslFrom, defaults.dslFrom(), "dslFrom", errors);
        Severity webhook = severity(webhookFrom, defaults.webhookFrom(), "webhookFrom", errors);
        url(teamsWebhookUrl, "teamsWebhookUrl", outbound, errors);
        url(slackWebhookUrl, "slackWebhookUrl", outbound, errors);
        if (!errors.isEmpty()) {
            return Mono.error(Problems.invalid(errors));
        }
        return Mono.just(new AlertSettings(schoolId,
                alertRunners == null ? defaults.alertRunners() : alertRunners, email,
                digestLowSeverity == null ? defaults.digestLowSeverity() : digestLowSeverity, dsl, webhook,
                blankToNull(teamsWebhookUrl), blankToNull(slackWebhookUrl)));
    }

    private static Severity severity(String value, Severity fallback, String field, List<Problems.FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        try {
            return Severity.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            errors.add(new Problems.FieldError(field, "unknown severity '" + value
                    + "'; use LOW, MEDIUM, HIGH or CRITICAL"));
            return fallback;
        }
    }

    private static void url(String value, String field, OutboundPolicy outbound, List<Problems.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            URI uri = URI.create(value.strip());
            if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme()) || uri.getHost() == null) {
                errors.add(new Problems.FieldError(field, "must be an http(s) URL"));
            } else {
                outbound.refusal(value).ifPresent(why -> errors.add(new Problems.FieldError(field, why)));
            }
        } catch (IllegalArgumentException bad) {
            errors.add(new Problems.FieldError(field, "not a URL: " + bad.getMessage()));
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
