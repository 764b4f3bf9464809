package uk.hallmonitor.alerts;

import reactor.core.publisher.Flux;

/** The live feed's entries as this instance dispatches them (other instances' entries are not in it). */
public interface AlertFeed {

    Flux<FeedEvent> events();
}
