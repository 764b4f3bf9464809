package uk.hallmonitor.accounts;

import java.time.Instant;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The register of school accounts, for the modules that monitor, vault and report on them. */
public interface AccountRegister {

    /** The account, or empty. */
    Mono<SchoolAccount> account(String accountId);

    /** Every account that is to be polled ({@link SchoolAccount#monitored()}). */
    Flux<SchoolAccount> monitored();

    /** Every account of the school, whatever its status, oldest first. */
    Flux<SchoolAccount> ofSchool(String schoolId);

    /** Records a post or reply by the account itself (for the dormant-account review). */
    Mono<Void> recordActivity(String accountId, Instant at);

    /** Records the connector's health for the register (the polling part; the token's part is kept). */
    Mono<Void> recordHealth(String accountId, ConnectorHealth health);

    /** Records what the platform said about the account's token, as part of its connection health. */
    Mono<Void> recordTokenHealth(String accountId, TokenHealth token);
}
