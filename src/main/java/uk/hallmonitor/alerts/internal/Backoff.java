package uk.hallmonitor.alerts.internal;

import java.time.Duration;

/** Exponential backoff between delivery attempts: first, twice that, four times, ... up to a ceiling, forever. */
record Backoff(Duration first, Duration ceiling) {

    /** The wait after the given number of failed attempts (1 = after the first failure). */
    Duration after(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 30));
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(ceiling) > 0 ? ceiling : wait;
    }
}
