package uk.hallmonitor.alerts.internal;

import reactor.core.publisher.Mono;
import uk.hallmonitor.alerts.Channel;

/** Hands alerts to one {@link Channel}. Never errors: failures come back as a {@link SendResult}. */
interface AlertChannel {

    Channel channel();

    Mono<SendResult> send(Alert alert);
}
