package uk.hallmonitor.alerts.internal;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import uk.hallmonitor.alerts.Channel;
import uk.hallmonitor.system.TimedSweep;

/**
 * Sends what the outbox holds. A freshly recorded alert is sent at once by the instance that recorded it (the fast
 * path); a periodic sweep claims whatever is due (retries, alerts of a crashed instance whose lease ran out).
 * Each send is preceded by an atomic claim, so two instances never send the same alert.
 */
class AlertDispatcher {

    private static final Logger log = LoggerFactory.getLogger(AlertDispatcher.class);

    private static final int SETTLE_BATCH = 64;
    private static final java.time.Duration SETTLE_WAIT = java.time.Duration.ofMillis(10);

    private final AlertStore store;
    private final Map<Channel, AlertChannel> channels = new EnumMap<>(Channel.class);
    private final Clock clock;
    private final AlertsProperties properties;
    private final String owner = "dispatcher-" + UUID.randomUUID();
    // new lanes at every start: a unicast sink takes one subscriber, and a stopped service may be started again
    private volatile Map<Channel, Sinks.Many<Alert>> lanes = newLanes();
    private final Sinks.Many<Alert> failures = Sinks.many().multicast().onBackpressureBuffer(4096, false);
    private Disposable running;

    AlertDispatcher(AlertStore store, List<AlertChannel> channels, Clock clock, AlertsProperties properties) {
        this.store = store;
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * An alert about to be recorded, already claimed by this dispatcher: recording it in this state saves a claim
     * (one store write) on the fast path; should this instance die, the lease runs out and the sweep sends it.
     */
    Alert claimedForRecording(Alert alert) {
        return alert.claimed(owner, clock.instant(), properties.lease());
    }

    /** Sends an alert recorded through {@link #claimedForRecording} now rather than at the next sweep. */
    void wake(Alert claimed) {
        Sinks.Many<Alert> lane = lanes.get(claimed.channel());
        synchronized (lane) {
            lane.tryEmitNext(claimed);
        }
    }

    /** Claims and sends the alert if it is still claimable; completes with whether this call sent it. */
    Mono<Boolean> deliver(String alertId) {
        return store.claim(alertId, owner, clock.instant(), properties.lease())
                .flatMap(this::send)
                .defaultIfEmpty(false);
    }

    /** Claims and sends due alerts until none is left; answers how many were attempted. */
    Mono<Long> drain() {
        Mono<Boolean> one = Mono.defer(() -> store.claimNext(owner, clock.instant(), properties.lease()))
                .flatMap(alert -> send(alert).thenReturn(true))
                .defaultIfEmpty(false);
        // one probe first: an idle sweep costs one query, not one per worker
        return one.flatMap(found -> !found ? Mono.just(0L)
                : Flux.range(0, properties.concurrency())
                        .flatMap(worker -> one.repeat().takeWhile(Boolean::booleanValue).count())
                        .reduce(1L, Long::sum));
    }

    private static Map<Channel, Sinks.Many<Alert>> newLanes() {
        Map<Channel, Sinks.Many<Alert>> fresh = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            fresh.put(channel, Sinks.many().unicast().onBackpressureBuffer());
        }
        return fresh;
    }

    void start() {
        // an alert woken while stopped waits in the old lane; its lease runs out and the sweep sends it
        lanes = newLanes();
        // fresh alerts of a burst are sent as they come, in one lane per channel (each with its own queue, so the live
        // feed and the webhooks never wait behind a slow mail server); their outcomes queue apart and are written a
        // batch at a time (one write for many), so no send waits for the store. An outcome lost to a crash leaves
        // its alert leased, and the sweep sends it again once the lease ends.
        Sinks.Many<Alert> outcomes = Sinks.many().unicast().onBackpressureBuffer();
        Flux<Alert> sent = Flux.fromIterable(lanes.values())
                .flatMap(lane -> lane.asFlux().flatMap(claimed -> attempt(claimed).map(result -> outcome(claimed,
                        result)), properties.concurrency()), lanes.size())
                .doOnNext(outcome -> {
                    synchronized (outcomes) {
                        outcomes.tryEmitNext(outcome);
                    }
                });
        Flux<Long> settled = outcomes.asFlux()
                .bufferTimeout(SETTLE_BATCH, SETTLE_WAIT, true)
                .concatMap(batch -> store.settleAll(batch, owner).onErrorResume(this::logged));
        Flux<Long> sweep = TimedSweep.every(properties.dispatchEvery(), this::drain, this::logged);
        running = Flux.merge(sent.then(), settled.then(), sweep.then()).subscribe();
    }

    void stop() {
        if (running != null) {
            running.dispose();
        }
    }

    private Mono<Boolean> send(Alert claimed) {
        return attempt(claimed).flatMap(result -> store.settle(outcome(claimed, result), owner)
                .map(settled -> settled && result.outcome() == SendResult.Outcome.SENT));
    }

    /** Hands the alert to its channel; never fails: a failure is an outcome to retry. */
    private Mono<SendResult> attempt(Alert claimed) {
        AlertChannel channel = channels.get(claimed.channel());
        return channel == null
                ? Mono.just(SendResult.undeliverable("no " + claimed.channel() + " channel in this service"))
                : Mono.defer(() -> channel.send(claimed))
                        .timeout(properties.sendTimeout(), Mono.fromSupplier(
                                () -> SendResult.retry("no answer within " + properties.sendTimeout())))
                        .onErrorResume(error -> Mono.just(SendResult.retry(error.toString())));
    }

    /**
     * Alerts their channel could not deliver (undeliverable, or failed {@code fall-through-after} times and still
     * retried), for the recipient's next channel. Each failure is told once.
     */
    Flux<Alert> failures() {
        return failures.asFlux();
    }

    private Alert outcome(Alert claimed, SendResult result) {
        boolean failed = result.outcome() == SendResult.Outcome.UNDELIVERABLE
                || (result.outcome() == SendResult.Outcome.RETRY
                        && claimed.attempts() == properties.fallThroughAfter());
        if (failed) {
            Alert told = claimed.undeliverable(result.detail());
            synchronized (failures) {
                failures.tryEmitNext(told);
            }
        }
        return switch (result.outcome()) {
            case SENT -> claimed.sent(clock.instant());
            case UNDELIVERABLE -> claimed.undeliverable(result.detail());
            case RETRY -> claimed.retryAt(clock.instant().plus(properties.backoff().after(claimed.attempts())),
                    result.detail());
        };
    }

    private <T> Mono<T> logged(Throwable error) {
        log.warn("alert dispatch failed, the sweep will retry: {}", error.toString());
        return Mono.empty();
    }
}
