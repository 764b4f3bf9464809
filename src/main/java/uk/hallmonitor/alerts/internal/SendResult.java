package uk.hallmonitor.alerts.internal;

/** What a channel made of one alert. */
record SendResult(Outcome outcome, String detail) {

    enum Outcome { SENT, RETRY, UNDELIVERABLE }

    static SendResult sent() {
        return new SendResult(Outcome.SENT, null);
    }

    static SendResult retry(String why) {
        return new SendResult(Outcome.RETRY, why);
    }

    static SendResult undeliverable(String why) {
        return new SendResult(Outcome.UNDELIVERABLE, why);
    }
}
