package uk.hallmonitor.moderation;

/** The subject and plain-text body of one alert. */
record AlertMessage(String subject, String body) {
}
