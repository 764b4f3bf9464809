package uk.hallmonitor.moderation.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.Channel;

/**
 * Writes the text of alerts. Shared channels (Teams, Slack, the feed) never carry the post's words, only what it
 * is and where; email to a named moderator carries a short excerpt. Suspected illegal content (R7) is rendered from
 * the incident number, platform and time alone: the post itself is not even passed in.
 */
final class AlertMessages {

    /** Long enough to judge urgency from the email, short enough not to be the record. */
    static final int EXCERPT = 280;

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("EEEE d MMMM yyyy 'at' HH:mm z", Locale.UK);

    private AlertMessages() {
    }

    static AlertMessage forPost(FlaggedPost post, Channel channel, ZoneId zone, String queueUrl) {
        String what = post.categories().stream().map(c -> c.name().name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .collect(Collectors.joining(", "));
        String where = post.onSchoolAccount()
                ? "a " + kind(post) + " on the school's " + post.platform() + " account"
                        + (post.accountHandle() == null ? "" : " @" + post.accountHandle())
                : "a public post about the school on " + post.platform();
        String subject = (post.safeguarding() ? "Safeguarding: " : "") + post.severity() + " "
                + (what.isEmpty() ? "flagged post" : what) + " on " + post.platform();
        StringBuilder body = new StringBuilder();
        body.append("Hallmonitor flagged ").append(where).append(".\n")
                .append("Severity: ").append(post.severity()).append('\n')
                .append("Categories: ").append(what.isEmpty() ? "none named" : what).append('\n')
                .append("Posted: ").append(TIME.format(post.postedAt().atZone(zone))).append('\n');
        if (channel == Channel.EMAIL && post.text() != null) {
            if (post.authorHandle() != null) {
                body.append("Author: @").append(post.authorHandle()).append('\n');
            }
            body.append("\nExcerpt:\n").append(excerpt(post.text())).append('\n');
        }
        if (post.safeguarding()) {
            body.append("\nThis is a safeguarding matter: the designated safeguarding lead has been told.\n");
        }
        body.append("\nOpen the moderation queue to act: ").append(queueUrl).append(post.postId()).append('\n');
        return new AlertMessage(subject, body.toString());
    }

    /**
     * The R7 alert. Deliberately takes no post: the text, the image, the author and the link cannot leak into it.
     * The IWF address is spelt out in words so that no mail client turns it into a link, as the policy asks that it
     * be typed and never pasted.
     */
    static AlertMessage forSuspectedIllegal(String incidentNumber, uk.hallmonitor.system.Platform platform,
                                            java.time.Instant at, ZoneId zone) {
        String subject = "Suspected illegal content: incident " + incidentNumber;
        String body = "Hallmonitor found content that may be illegal.\n"
                + "Incident: " + incidentNumber + '\n'
                + "Platform: " + platform + '\n'
                + "Time: " + TIME.format(at.atZone(zone)) + '\n'
                + '\n'
                + "Do not look for the content, do not open it, copy it, forward it or show it to anyone: each of "
                + "these may be an offence. It has been sealed in Hallmonitor and a dated log entry has been made.\n"
                + "Report it to the Internet Watch Foundation. Type the address of their website into your browser "
                + "yourself, never copy and paste it: w w w dot i w f dot org dot uk. Quote incident "
                + incidentNumber + " to the head of school and note the report in the incident log.\n";
        return new AlertMessage(subject, body);
    }

    /**
     * An escalation step: what the matter is (never the post's words; for a sealed post only the incident number),
     * who had it and how to acknowledge it.
     */
    static AlertMessage forEscalation(SafeguardingAlert alert, uk.hallmonitor.system.security.Role level,
                                      java.util.List<String> names, ZoneId zone, String queueUrl) {
        String who = level == uk.hallmonitor.system.security.Role.DEPUTY_DSL ? "the deputy safeguarding leads"
                : "the head teacher";
        String subject = "Escalated to " + who + ": unacknowledged " + alert.severity() + " safeguarding alert"
                + (alert.incidentNumber() == null ? "" : ", incident " + alert.incidentNumber());
        StringBuilder body = new StringBuilder();
        body.append("A ").append(alert.severity()).append(" safeguarding alert raised on ")
                .append(TIME.format(alert.raisedAt().atZone(zone)))
                .append(" has not been acknowledged by anyone in Hallmonitor. It now comes to ").append(who)
                .append(names.isEmpty() ? " (nobody holds that role in the school: set one)" : ": "
                        + String.join(", ", names))
                .append(".\n")
                .append("Platform: ").append(alert.platform()).append('\n');
        if (alert.incidentNumber() != null) {
            body.append("Incident: ").append(alert.incidentNumber()).append('\n');
        }
        if (!alert.sealed()) {
            body.append("Categories: ").append(alert.categories().stream()
                    .map(c -> c.toLowerCase(Locale.ROOT).replace('_', ' ')).collect(Collectors.joining(", ")))
                    .append('\n')
                    .append("\nOpen it: ").append(queueUrl).append(alert.id()).append('\n');
        }
        body.append("Acknowledge it in Hallmonitor (safeguarding alert ").append(alert.id())
                .append(") so that it goes no further.\n");
        return new AlertMessage(subject, body.toString());
    }

    private static String kind(FlaggedPost post) {
        return post.kind() == null ? "post" : post.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String excerpt(String text) {
        String flat = text.strip();
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }
}
