package uk.hallmonitor.incidents;

import java.time.Instant;
import reactor.core.publisher.Flux;

/** Read-only access to the incident log for the leadership reports. */
public interface IncidentHistory {

    /**
     * Incidents of the school that were open at some moment of {@code [from, to)}: opened before {@code to} and not
     * closed before {@code from}; oldest first. Each carries its trail, so the caller can tell when it was closed.
     */
    Flux<Incident> openDuring(String schoolId, Instant from, Instant to);
}
