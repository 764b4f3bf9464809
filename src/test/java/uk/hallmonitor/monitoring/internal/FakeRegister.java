package uk.hallmonitor.monitoring.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.hallmonitor.accounts.AccountRegister;
import uk.hallmonitor.accounts.AccountStatus;
import uk.hallmonitor.accounts.ConnectorHealth;
import uk.hallmonitor.accounts.SchoolAccount;

/** An account register holding the accounts a test names and recording what monitoring told it. */
class FakeRegister implements AccountRegister {

    final List<SchoolAccount> accounts = new CopyOnWriteArrayList<>();
    final Map<String, ConnectorHealth> health = new ConcurrentHashMap<>();
    final Map<String, Instant> activity = new ConcurrentHashMap<>();

    SchoolAccount add(String id, String schoolId) {
        SchoolAccount account = new SchoolAccount(id, schoolId, FakePlatform.PLATFORM, "@" + id, "pid-" + id, Map.of(),
                AccountStatus.ACTIVE, List.of("r1", "r2"), null);
        accounts.add(account);
        return account;
    }

    @Override
    public Mono<SchoolAccount> account(String accountId) {
        return Flux.fromIterable(accounts).filter(a -> a.id().equals(accountId)).next();
    }

    @Override
    public Flux<SchoolAccount> ofSchool(String schoolId) {
        return Flux.fromIterable(accounts).filter(a -> a.schoolId().equals(schoolId));
    }

    @Override
    public Flux<SchoolAccount> monitored() {
        return Flux.fromIterable(accounts).filter(SchoolAccount::monitored);
    }

    @Override
    public Mono<Void> recordActivity(String accountId, Instant at) {
        return Mono.fromRunnable(() -> activity.merge(accountId, at, (a, b) -> a.isAfter(b) ? a : b));
    }

    @Override
    public Mono<Void> recordHealth(String accountId, ConnectorHealth connectorHealth) {
        return Mono.fromRunnable(() -> health.put(accountId, connectorHealth));
    }

    /** The token part of each account's health, as the daily check recorded it. */
    final Map<String, uk.hallmonitor.accounts.TokenHealth> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Mono<Void> recordTokenHealth(String accountId, uk.hallmonitor.accounts.TokenHealth token) {
        return Mono.fromRunnable(() -> tokens.put(accountId, token));
    }
}
