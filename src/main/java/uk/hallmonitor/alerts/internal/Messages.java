package uk.hallmonitor.alerts.internal;

import java.util.Locale;
import uk.hallmonitor.alerts.AlertMessage;
import uk.hallmonitor.alerts.Notice;

/** Writes the text of notices and of alerts carried by a recipient's next channel. */
final class Messages {

    private Messages() {
    }

    /** What the recipient's next channel carries when the first could not deliver: never the post's words. */
    static AlertMessage forFallThrough(Alert failed, String queueUrl) {
        String link = failed.sourceKey().startsWith("post:")
                ? " Open it: " + queueUrl + failed.sourceKey().substring("post:".length()) : "";
        String body = "An alert for " + failed.recipientName() + " could not be delivered by "
                + failed.channel().name().toLowerCase(Locale.ROOT) + " (" + failed.lastError() + ").\n"
                + failed.subject() + "." + link + '\n';
        return new AlertMessage("For " + failed.recipientName() + ": " + failed.subject(), body);
    }

    static AlertMessage forNotice(Notice notice) {
        return new AlertMessage(notice.subject(), notice.body());
    }
}
