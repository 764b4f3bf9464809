package uk.hallmonitor.accounts;

import reactor.core.publisher.Flux;

/** How each account of a school is connected, for pages that warn about connections (the home page). */
public interface ConnectionStates {

    /**
     * One account's connection.
     *
     * @param account the account
     * @param health  the last recorded health, or {@code null} when never polled (an import-only account)
     */
    record ConnectionState(SchoolAccount account, ConnectorHealth health) {
    }

    Flux<ConnectionState> ofSchool(String schoolId);
}
