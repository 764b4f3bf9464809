package uk.hallmonitor.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.SchoolAccount;
import uk.hallmonitor.accounts.TokenHealth;
import uk.hallmonitor.connectors.Connectors;
import uk.hallmonitor.connectors.PlatformConnector;
import uk.hallmonitor.connectors.Source;
import uk.hallmonitor.connectors.TokenStatus;
import uk.hallmonitor.monitoring.AccessTokenExpiring;
import uk.hallmonitor.system.SubscribedLoop;
import uk.hallmonitor.system.events.DomainEvents;

/**
 * Asks the platforms once a day (Facebook and Instagram: Meta's {@code debug_token}) when each monitored account's
 * token expires and what it may do; records the answer as part of the account's connection health, and publishes
 * {@link AccessTokenExpiring} when the token expires within the notice window, no longer works, or lacks a
 * permission. Accounts are checked one after another (one Graph call each, well inside Meta's limits); a platform that
 * does not tell ({@code tokenStatus} empty) is skipped, a failing check is logged and tried again the next day.
 */
final class TokenChecks extends SubscribedLoop {

    private static final Logger log = LoggerFactory.getLogger(TokenChecks.class);

    private final AccountRegister register;
    private final Connectors connectors;
    private final DomainEvents events;
    private final Clock clock;
    private final Duration every;
    private final Duration noticeBefore;

    TokenChecks(AccountRegister register, Connectors connectors, DomainEvents events, Clock clock, Duration every,
                Duration noticeBefore) {
        this.register = register;
        this.connectors = connectors;
        this.events = events;
        this.clock = clock;
        this.every = every;
        this.noticeBefore = noticeBefore;
    }

    /** Checks every monitored account whose platform tells; completes with how many were checked. */
    Mono<Long> checkAll() {
        return register.monitored()
                .concatMap(account -> connectors.find(account.platform())
                        .map(connector -> check(connector, account).onErrorResume(failure -> {
                            log.info("token check of account {} on {} failed: {}", account.id(), account.platform(),
                                    failure.getMessage());
                            return Mono.just(false);
                        }))
                        .orElseGet(() -> Mono.just(false)))
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> check(PlatformConnector connector, SchoolAccount account) {
        Source source = new Source(account.id(), account.schoolId(), account.platform(), account.platformAccountId(),
                account.handle(), List.of(), account.connection(), 0);
        return connector.tokenStatus(source).flatMap(status -> {
            Instant now = clock.instant();
            TokenHealth health = new TokenHealth(now, status.valid(), status.expiresAt(), status.scopes(),
                    status.missing(), status.words());
            Mono<Void> told = needsNotice(status, now)
                    ? events.publish(new AccessTokenExpiring(account.id(), account.schoolId(), account.platform(),
                            account.runnerIds(), status.expiresAt(), status.words(), status.missing(), now))
                    : Mono.empty();
            return register.recordTokenHealth(account.id(), health).then(told).thenReturn(true);
        });
    }

    private boolean needsNotice(TokenStatus status, Instant now) {
        return !status.valid() || !status.missing().isEmpty()
                || status.expiresAt() != null && !status.expiresAt().isAfter(now.plus(noticeBefore));
    }

    @Override
    protected Disposable subscribe() {
        return Flux.interval(Duration.ofMinutes(1), every)
                .onBackpressureDrop()
                .concatMap(tick -> checkAll().onErrorResume(failure -> {
                    log.warn("token checks failed: {}", failure.toString());
                    return Mono.just(0L);
                }), 0)
                .subscribe(checked -> log.debug("checked the tokens of {} account(s)", checked));
    }
}
