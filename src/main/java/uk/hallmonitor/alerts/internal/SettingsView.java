package uk.hallmonitor.alerts.internal;

import uk.hallmonitor.alerts.AlertSettings;
import uk.hallmonitor.classification.Severity;

/** A school's alert rules as shown: webhook URLs are secrets of a kind, so only whether each is set. */
public record SettingsView(String schoolId, boolean alertRunners, Severity emailFrom, boolean digestLowSeverity,
                           Severity dslFrom, Severity webhookFrom, boolean teamsWebhookSet,
                           boolean slackWebhookSet) {

    static SettingsView of(AlertSettings settings) {
        return new SettingsView(settings.schoolId(), settings.alertRunners(), settings.emailFrom(),
                settings.digestLowSeverity(), settings.dslFrom(), settings.webhookFrom(),
                settings.teamsWebhookUrl() != null, settings.slackWebhookUrl() != null);
    }
}
