package uk.hallmonitor.moderation.web;

import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import uk.hallmonitor.alerts.AlertState;
import uk.hallmonitor.classification.CategoryScore;
import uk.hallmonitor.classification.Severity;
import uk.hallmonitor.moderation.ModerationInbox;
import uk.hallmonitor.moderation.internal.ActionRecord;
import uk.hallmonitor.moderation.internal.PostView;
import uk.hallmonitor.moderation.internal.QueueStatus;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;

/**
 * The moderation pages' words for codes: states, severities, categories and outcomes as staff say them, and the
 * tag colour that goes with each (the word is always shown too: colour is never the only signal). Templates call
 * it as {@code @moderationWords}.
 */
@Component("moderationWords")
public class Words {

    private final java.time.Clock clock;

    Words(java.time.Clock clock) {
        this.clock = clock;
    }

    /** Whether the clock's due time has passed without an answer. */
    public boolean overdue(uk.hallmonitor.sla.PostClock due) {
        return due != null && !due.answered() && (due.breached() || !clock.instant().isBefore(due.dueAt()));
    }

    public static String platform(Platform platform) {
        if (platform == null) {
            return "";
        }
        return switch (platform) {
            case X -> "X";
            case RSS -> "a news feed";
            default -> capital(platform.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        };
    }

    public String platformName(Platform platform) {
        return platform(platform);
    }

    public String kind(PostKind kind) {
        return kind == null ? "post" : kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String severity(Severity severity) {
        return severity == null ? "" : capital(severity.name().toLowerCase(Locale.ROOT));
    }

    public String severityTag(Severity severity) {
        if (severity == null) {
            return "muted";
        }
        return switch (severity) {
            case CRITICAL, HIGH -> "bad";
            case MEDIUM -> "warn";
            default -> "muted";
        };
    }

    public String category(Object category) {
        String name = category instanceof CategoryScore score ? score.name().name() : String.valueOf(category);
        return switch (name) {
            case "PERSONAL_DATA" -> "Personal data";
            case "SELF_HARM" -> "Self-harm";
            case "SUSPECTED_ILLEGAL" -> "Suspected illegal content";
            default -> capital(name.toLowerCase(Locale.ROOT).replace('_', ' '));
        };
    }

    public String percent(double score) {
        return Math.round(score * 100) + "%";
    }

    public String status(QueueStatus status) {
        if (status == null) {
            return "";
        }
        return switch (status) {
            case OPEN -> "Waiting";
            case DISMISSED -> "Not a problem";
            case ACTIONED -> "Dealt with";
            case ESCALATED -> "Escalated";
        };
    }

    public String statusTag(QueueStatus status) {
        if (status == null) {
            return "muted";
        }
        return switch (status) {
            case OPEN -> "warn";
            case ESCALATED -> "bad";
            default -> "ok";
        };
    }

    public String due(ModerationInbox.Due due) {
        return switch (due) {
            case OVERDUE -> "Overdue";
            case HOUR -> "Within an hour";
            case FOUR_HOURS -> "Within 4 hours";
            case DAY -> "Within a day";
        };
    }

    public String action(ActionRecord record) {
        return actionWords(record);
    }

    static String actionWords(ActionRecord record) {
        String what = switch (record.action()) {
            case DISMISS -> "Dismissed as not a problem";
            case HIDE -> "Hidden";
            case DELETE -> "Deleted";
            case BLOCK_AUTHOR -> "Author blocked";
            case REPORT -> "Reported to the platform";
            case ESCALATE -> "Escalated";
            case REPLY -> "Replied as the school";
        };
        return what;
    }

    public String alertState(AlertState state) {
        if (state == null) {
            return "";
        }
        return switch (state) {
            case HELD -> "Waiting for the daily digest";
            case PENDING, SENDING -> "Being sent";
            case SENT -> "Sent";
            case UNDELIVERABLE -> "Could not be sent";
            case DIGESTED -> "Sent in a digest";
        };
    }

    public String reason(String reason) {
        if (reason == null) {
            return "";
        }
        return switch (reason) {
            case "safeguarding" -> "Safeguarding";
            case "moderator" -> "You moderate this school";
            case "runner" -> "You run this account";
            default -> capital(reason.replace('_', ' '));
        };
    }

    /** The confirmation after an action: what happened, in a sentence. */
    static String outcome(PostView after) {
        List<ActionRecord> actions = after.actions();
        if (actions.isEmpty()) {
            return "Done";
        }
        ActionRecord last = actions.get(actions.size() - 1);
        String detail = last.detail() == null ? "" : ": " + last.detail();
        return actionWords(last) + detail;
    }

    private static String capital(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
