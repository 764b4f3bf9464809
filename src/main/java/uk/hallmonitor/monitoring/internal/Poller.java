package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.connectors.Batch;
import uk.hallmonitor.connectors.ConnectorException;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.monitoring.ConnectionFailing;
import uk.hallmonitor.monitoring.ConnectionRestored;
import uk.hallmonitor.monitoring.PostKind;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Polls one source under its lock: fetch since the stored cursor, store every post, then move the cursor, in that
 * order, so that a crash in between re-fetches and never skips. Failures become health, back-off and, once per
 * episode, a {@link ConnectionFailing} event; they never move the cursor.
 */
class Poller {

    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    /** The register hears of every change of state, and of successes at least this often. */
    private static final Duration REPORT_EVERY = Duration.ofMinutes(5);

    private final Map<Platform, PlatformConnector> connectors;
    private final SourceStates states;
    private final PostStore posts;
    private final ReadCounts reads;
    private final SourceLocks locks;
    private final AccountRegister register;
    private final DomainEvents events;
    private final Cadence cadence;
    private final MonitoringProperties properties;
    private final PollFaults faults;
    private final Clock clock;

    Poller(List<PlatformConnector> connectors, SourceStates states, PostStore posts, ReadCounts reads,
           SourceLocks locks, AccountRegister register, DomainEvents events, Cadence cadence,
           MonitoringProperties properties, PollFaults faults, Clock clock) {
        Map<Platform, PlatformConnector> byPlatform = new EnumMap<>(Platform.class);
        for (PlatformConnector connector : connectors) {
            PlatformConnector earlier = byPlatform.putIfAbsent(connector.platform(), connector);
            if (earlier != null) {
                log.warn("two connectors for {}: using {}, ignoring {}", connector.platform(),
                        earlier.getClass().getSimpleName(), connector.getClass().getSimpleName());
            }
        }
        this.connectors = byPlatform;
        this.states = states;
        this.posts = posts;
        this.reads = reads;
        this.locks = locks;
        this.register = register;
        this.events = events;
        this.cadence = cadence;
        this.properties = properties;
        this.faults = faults;
        this.clock = clock;
    }

    PlatformConnector connector(Platform platform) {
        return connectors.get(platform);
    }

    /** Polls the source unless another instance holds it or has just polled it. */
    Mono<PollOutcome> poll(Source source) {
        return locks.withLock("poll-" + SourceState.key(source), properties.lockAtMostFor(), () -> pollHeld(source))
                .defaultIfEmpty(PollOutcome.LOCKED)
                .doOnSubscribe(s -> log.trace("poll {} start", SourceState.key(source)))
                .doOnNext(outcome -> log.trace("poll {} {}", SourceState.key(source), outcome));
    }

    private Mono<PollOutcome> pollHeld(Source source) {
        Instant now = clock.instant();
        log.trace("poll {} locked", SourceState.key(source));
        return states.ensure(source, now).flatMap(state -> {
            log.trace("poll {} state {}", SourceState.key(source), state.version());
            // the dispatcher's view may be old: another instance may have polled this source since
            if (state.nextPollAt() != null && state.nextPollAt().isAfter(now)) {
                return Mono.just(PollOutcome.NOT_DUE);
            }
            PlatformConnector connector = connectors.get(source.platform());
            if (connector == null) {
                return failed(source, state, new ConnectorException(ConnectorException.Kind.MISCONFIGURED,
                        "Hallmonitor has no connector for " + source.platform(), null));
            }
            return lendingRefusal(source).flatMap(refused -> refused.isPresent()
                    ? failed(source, state, new ConnectorException(ConnectorException.Kind.MISCONFIGURED,
                            CredentialLending.FIELD + ": " + refused.get(), null))
                    : fetchWithin(source, state, connector, now));
        });
    }

    /** A watch borrowing credentials is re-checked at every poll: a closed or moved account stops lending. */
    private Mono<Optional<String>> lendingRefusal(Source source) {
        String lender = source.isWatch() ? CredentialLending.lender(source.connection()) : null;
        return lender == null ? Mono.just(Optional.empty())
                : CredentialLending.refusal(register, source.schoolId(), source.platform(), lender);
    }

    private Mono<PollOutcome> fetchWithin(Source source, SourceState state, PlatformConnector connector,
                                          Instant now) {
        return budget(source, now).flatMap(remaining -> {
            if (remaining <= 0) {
                return states.advance(state, null, cadence.nextDay(now), state.lastPolledAt(), state.health(),
                        null).thenReturn(PollOutcome.BUDGET_SPENT);
            }
            Source limited = new Source(source.id(), source.schoolId(), source.platform(),
                    source.platformAccountId(), source.handle(), source.terms(), source.connection(),
                    (int) Math.min(properties.maxReads(source.platform()), remaining));
            return Mono.defer(() -> connector.fetch(limited, state.cursor()))
                    // a fetch must end well before the lock does, or another instance could take over mid-poll
                    .timeout(properties.lockAtMostFor().dividedBy(2))
                    .switchIfEmpty(Mono.error(() -> new ConnectorException(ConnectorException.Kind.MALFORMED,
                            "the connector returned no batch", null)))
                    .doOnNext(batch -> log.trace("poll {} fetched {}", SourceState.key(source), batch.posts().size()))
                    .flatMap(batch -> stored(limited, state, batch))
                    .onErrorResume(Exception.class, error -> failed(source, state, asConnectorFailure(error)));
        });
    }

    private Mono<Long> budget(Source source, Instant now) {
        Integer limit = properties.dailyReadLimits().get(source.platform());
        if (limit == null) {
            return Mono.just(Long.MAX_VALUE);
        }
        return reads.on(source, now).map(spent -> limit - spent);
    }

    private Mono<PollOutcome> stored(Source source, SourceState state, Batch batch) {
        Instant now = clock.instant();
        BatchCheck checked = BatchCheck.of(batch, source, now);
        return Flux.fromIterable(checked.posts())
                .concatMap(post -> posts.store(source, post))
                .then(Mono.defer(() -> faults.afterBatchStored(source, batch)))
                .then(reads.add(source, now, batch.reads()))
                .then(ownActivity(source, checked))
                .then(Mono.defer(() -> {
                    log.trace("poll {} stored", SourceState.key(source));
                    HealthRecord health = state.health().succeeded(now, checked.warnings());
                    boolean report = !source.isWatch() && reportDue(state, health, now);
                    Instant next = cadence.afterSuccess(source, now, batch.retryAfter());
                    return states.advance(state, SourceState.positionsOf(batch.next()), next, now, health,
                            report ? now : null)
                            .flatMap(applied -> applied
                                    ? afterSuccess(source, state, health, report, now).thenReturn(PollOutcome.POLLED)
                                    : superseded(source));
                }));
    }

    private Mono<Void> afterSuccess(Source source, SourceState before, HealthRecord health, boolean report,
                                    Instant now) {
        Mono<Void> pushed = report ? register.recordHealth(source.id(), health.forRegister()) : Mono.empty();
        HealthRecord was = before.health();
        Mono<Void> restored = was.alertedSince() != null
                ? events.publish(new ConnectionRestored(accountId(source), watchId(source), source.schoolId(),
                        source.platform(), was.failingSince(), now))
                : Mono.empty();
        return pushed.then(restored);
    }

    private Mono<Void> ownActivity(Source source, BatchCheck checked) {
        if (source.isWatch()) {
            return Mono.empty();
        }
        return checked.posts().stream()
                .filter(post -> post.kind() == PostKind.OWN_POST)
                .map(IncomingPost::postedAt)
                .max(Instant::compareTo)
                .map(latest -> register.recordActivity(source.id(), latest))
                .orElseGet(Mono::empty);
    }

    private Mono<PollOutcome> failed(Source source, SourceState state, ConnectorException failure) {
        Instant now = clock.instant();
        HealthRecord failedHealth = state.health().failed(now, failure.kind(), failure.getMessage(),
                properties.failingAfter());
        boolean alert = failedHealth.needsAlert();
        // recording the alert in the same guarded update as the failure makes it once per episode on any instance
        HealthRecord health = alert ? failedHealth.alerted() : failedHealth;
        Instant next = cadence.afterFailure(source, now, failure.kind(), failure.retryAfter(),
                health.consecutiveFailures());
        log.info("poll of {} failed ({} in a row), next at {}: {}", SourceState.key(source),
                health.consecutiveFailures(), next, health.lastError());
        return states.advance(state, null, next, now, health, source.isWatch() ? null : now)
                .flatMap(applied -> {
                    if (!applied) {
                        return superseded(source);
                    }
                    Mono<Void> pushed = source.isWatch() ? Mono.empty()
                            : register.recordHealth(source.id(), health.forRegister());
                    Mono<Void> alerted = alert
                            ? events.publish(new ConnectionFailing(accountId(source), watchId(source),
                                    source.schoolId(), source.platform(),
                                    HealthRecord.UNAUTHORIZED.equals(health.state()),
                                    health.failingSince(), health.consecutiveFailures(), health.lastError(), now))
                            : Mono.empty();
                    return pushed.then(alerted).thenReturn(PollOutcome.FAILED);
                });
    }

    private static Mono<PollOutcome> superseded(Source source) {
        log.warn("poll of {} finished after another instance had moved it; its result was stored, the cursor kept",
                SourceState.key(source));
        return Mono.just(PollOutcome.SUPERSEDED);
    }

    private static boolean reportDue(SourceState state, HealthRecord health, Instant now) {
        return health.differsFrom(state.health()) || state.healthReportedAt() == null
                || !state.healthReportedAt().plus(REPORT_EVERY).isAfter(now);
    }

    private static ConnectorException asConnectorFailure(Throwable error) {
        if (error instanceof ConnectorException connector) {
            return connector;
        }
        if (error instanceof TimeoutException) {
            return new ConnectorException(ConnectorException.Kind.TRANSIENT, "the platform did not answer in time",
                    null);
        }
        // other messages may carry anything (urls with tokens): log them, show only the type
        log.warn("poll failed unexpectedly", error);
        return new ConnectorException(ConnectorException.Kind.TRANSIENT,
                "unexpected " + error.getClass().getSimpleName() + " (see the service log)", null);
    }

    private static String accountId(Source source) {
        return source.isWatch() ? null : source.id();
    }

    private static String watchId(Source source) {
        return source.isWatch() ? source.id() : null;
    }
}
