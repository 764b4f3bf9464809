package uk.hallmonitor.moderation;

import reactor.core.publisher.Mono;

/**
 * The port through which moderation opens incidents; the {@code incidents} module implements it, so incidents
 * depend on moderation and not the other way round. Opening is idempotent per {@link IncidentRequest#sourceKey()}.
 */
public interface IncidentDesk {

    /** Opens the incident, or finds the one already opened for the same source key; answers its number. */
    Mono<String> open(IncidentRequest request);
}
