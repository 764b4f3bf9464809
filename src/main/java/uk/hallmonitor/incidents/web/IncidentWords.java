package uk.hallmonitor.incidents.web;

import java.util.Locale;
import org.springframework.stereotype.Component;
import uk.hallmonitor.incidents.IncidentStatus;

/** The incident pages' words for statuses, severities, categories and trail steps ({@code @incidentWords}). */
@Component("incidentWords")
public class IncidentWords {

    static String status(IncidentStatus status) {
        return switch (status) {
            case OPEN -> "Open";
            case ASSESSED -> "Assessed";
            case ACTIONED -> "Actioned";
            case CLOSED -> "Closed";
        };
    }

    public String statusName(IncidentStatus status) {
        return status == null ? "" : status(status);
    }

    public String statusTag(IncidentStatus status) {
        if (status == null) {
            return "muted";
        }
        return switch (status) {
            case OPEN -> "bad";
            case ASSESSED, ACTIONED -> "warn";
            case CLOSED -> "ok";
        };
    }

    public String move(IncidentStatus status) {
        return switch (status) {
            case OPEN -> "Reopen";
            case ASSESSED -> "Assessed: we know what happened";
            case ACTIONED -> "Actioned: we have acted on it";
            case CLOSED -> "Closed: record the outcome";
        };
    }

    public String words(String code) {
        if (code == null) {
            return "";
        }
        return switch (code) {
            case "SUSPECTED_ILLEGAL" -> "Suspected illegal content";
            case "PERSONAL_DATA" -> "Personal data";
            case "SELF_HARM" -> "Self-harm";
            default -> {
                String lower = code.toLowerCase(Locale.UK).replace('_', ' ');
                yield lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
            }
        };
    }

    public String severityTag(String severity) {
        return switch (String.valueOf(severity)) {
            case "CRITICAL", "HIGH" -> "bad";
            case "MEDIUM" -> "warn";
            default -> "muted";
        };
    }

    public String step(String action) {
        return switch (String.valueOf(action)) {
            case "opened" -> "Opened";
            case "status" -> "Status changed";
            case "note" -> "Note added";
            case "owner" -> "Lead changed";
            default -> words(action);
        };
    }
}
