package uk.hallmonitor.moderation;

import reactor.core.publisher.Mono;

/** Hands alerts to one {@link Channel}. Never errors: failures come back as a {@link SendResult}. */
interface AlertChannel {

    Channel channel();

    Mono<SendResult> send(Alert alert);
}
