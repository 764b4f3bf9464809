package uk.hallmonitor.alerts;

/** The subject and plain-text body of one alert. */
public record AlertMessage(String subject, String body) {
}
