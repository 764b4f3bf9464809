package uk.hallmonitor.alerts;

import uk.hallmonitor.classification.Severity;

/**
 * A school's own alerting rules, kept as one small document per school ({@code moderation_settings}); a school
 * without one gets {@link #defaults(String)}.
 *
 * @param schoolId          the school
 * @param alertRunners      whether the runners of an account hear about flagged posts on it, besides moderators
 * @param emailFrom         the lowest severity that is emailed (lower ones only reach the live feed)
 * @param digestLowSeverity whether low-severity emails wait for the digest instead of going one by one
 * @param dslFrom           the lowest severity that also reaches the DSL when not a safeguarding matter
 * @param webhookFrom       the lowest severity posted to the Teams and Slack webhooks
 * @param teamsWebhookUrl   the school's Teams incoming webhook, or {@code null}
 * @param slackWebhookUrl   the school's Slack incoming webhook, or {@code null}
 */
public record AlertSettings(String schoolId, boolean alertRunners, Severity emailFrom, boolean digestLowSeverity,
                          Severity dslFrom, Severity webhookFrom, String teamsWebhookUrl, String slackWebhookUrl) {

    public static AlertSettings defaults(String schoolId) {
        return new AlertSettings(schoolId, true, Severity.LOW, true, Severity.CRITICAL, Severity.MEDIUM,
                null, null);
    }

    public String webhookUrl(Channel channel) {
        return switch (channel) {
            case TEAMS -> teamsWebhookUrl;
            case SLACK -> slackWebhookUrl;
            default -> null;
        };
    }
}
