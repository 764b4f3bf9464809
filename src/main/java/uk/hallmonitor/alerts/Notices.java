package uk.hallmonitor.alerts;

import reactor.core.publisher.Mono;

/**
 * How other modules tell people something (SLA reminders and breaches, failing connections, break-glass use,
 * accounts that need a runner): each notice becomes one outbox alert per recipient and channel, recorded before it
 * is sent and never sent twice for the same dedup key.
 */
public interface Notices {

    /** Records the notice's alerts; completes once they are stored (delivery follows from the outbox). */
    Mono<Void> notify(Notice notice);
}
