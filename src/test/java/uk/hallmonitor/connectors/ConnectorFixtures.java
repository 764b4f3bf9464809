package uk.hallmonitor.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.util.unit.DataSize;
import reactor.core.publisher.Mono;
import uk.hallmonitor.connectors.internal.PlatformHttp;
import uk.hallmonitor.connectors.internal.Secrets;
import uk.hallmonitor.system.Platform;
import uk.hallmonitor.system.outbound.OutboundPolicy;
import uk.hallmonitor.vault.HeldSession;
import uk.hallmonitor.vault.SecretUse;

/** What connector tests share: a fixed clock, fast retry settings, an in-memory vault and sources. */
public final class ConnectorFixtures {

    /** "Now" in every connector test. */
    public static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private ConnectorFixtures() {
    }

    /**
     * Short backoffs so that retry tests run fast; timeouts generous enough for a loaded build machine (the
     * timeout tests use {@link #impatientProperties()}).
     */
    public static ConnectorProperties fastProperties() {
        return properties(DataSize.ofMegabytes(2));
    }

    public static ConnectorProperties properties(DataSize maxResponseSize) {
        return new ConnectorProperties(Duration.ofSeconds(5), Duration.ofSeconds(10), maxResponseSize, 3,
                Duration.ofMillis(10), Duration.ofMillis(40), 5, 100, 50, null, null, 10, 50,
                null, null, null, null, null, null);
    }

    /** A one-second response timeout and two attempts, for tests of a platform that never answers. */
    public static ConnectorProperties impatientProperties() {
        return new ConnectorProperties(Duration.ofSeconds(5), Duration.ofSeconds(1), DataSize.ofMegabytes(2), 2,
                Duration.ofMillis(10), Duration.ofMillis(40), 5, 100, 50, null, null, 10, 50,
                null, null, null, null, null, null);
    }

    /** The connectors' fakes run on loopback, so the outbound allow-list names it, as an on-premises operator would. */
    public static final OutboundPolicy LOOPBACK_ALLOWED = OutboundPolicy.allowing(List.of("localhost,127.0.0.1,[::1]"));

    public static PlatformHttp http(ConnectorProperties properties) {
        return new PlatformHttp(properties, LOOPBACK_ALLOWED);
    }

    public static Source account(Platform platform, String platformAccountId, String baseUrl, int maxReads) {
        return new Source("acc-1", "school-1", platform, platformAccountId, "oakfieldprimary", List.of(),
                Map.of("baseUrl", baseUrl), maxReads);
    }

    public static Source watch(Platform platform, List<String> terms, Map<String, String> connection, int maxReads) {
        return new Source("watch-1", "school-1", platform, null, null, terms, connection, maxReads);
    }

    /** A vault in memory: secrets per account id; remembers who asked for what and whether each use has ended. */
    public static final class TestVault implements SecretUse {

        private final Map<String, Map<String, String>> secrets = new java.util.concurrent.ConcurrentHashMap<>();
        public final List<String> asked = java.util.Collections.synchronizedList(new ArrayList<>());
        public final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

        public TestVault put(String accountId, String name, String secret) {
            secrets.computeIfAbsent(accountId, id -> new HashMap<>()).put(name, secret);
            return this;
        }

        /** Kept sessions per account id and name, with their revision; written only by compare-and-set. */
        public final Map<String, HeldSession> sessions = new java.util.concurrent.ConcurrentHashMap<>();
        /** How many session writes were refused because another writer came first. */
        public final java.util.concurrent.atomic.AtomicInteger lostSessionWrites =
                new java.util.concurrent.atomic.AtomicInteger();

        /** Runs once, right after the next session read: another instance writing between our read and write. */
        public volatile Runnable afterNextSessionRead;

        @Override
        public Mono<HeldSession> heldSession(String accountId, String name) {
            return Mono.fromSupplier(() -> {
                HeldSession read = sessions.getOrDefault(accountId + "/" + name, HeldSession.NONE);
                Runnable hook = afterNextSessionRead;
                afterNextSessionRead = null;
                if (hook != null) {
                    hook.run();
                }
                return read;
            });
        }

        @Override
        public Mono<Boolean> keepSession(String accountId, String name, long expectedRevision, String value) {
            return Mono.fromSupplier(() -> {
                String key = accountId + "/" + name;
                boolean[] wonHolder = new boolean[1];
                sessions.compute(key, (k, current) -> {
                    long stored = current == null ? 0 : current.revision();
                    if (stored != expectedRevision) {
                        return current;
                    }
                    wonHolder[0] = true;
                    return new HeldSession(value, expectedRevision + 1);
                });
                boolean won = wonHolder[0];
                if (!won) {
                    lostSessionWrites.incrementAndGet();
                }
                return won;
            });
        }

        public Secrets secrets() {
            return new Secrets(() -> this);
        }

        @Override
        public <T> Mono<T> withSecrets(String accountId, Set<String> names,
                                       Function<Map<String, String>, Mono<T>> use) {
            return Mono.defer(() -> {
                asked.add(accountId);
                Map<String, String> held = secrets.getOrDefault(accountId, Map.of());
                Map<String, String> granted = new HashMap<>();
                names.forEach(name -> {
                    if (held.containsKey(name)) {
                        granted.put(name, held.get(name));
                    }
                });
                open.incrementAndGet();
                return use.apply(Map.copyOf(granted)).doOnTerminate(open::decrementAndGet)
                        .doOnCancel(open::decrementAndGet);
            });
        }
    }
}
